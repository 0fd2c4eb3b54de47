import pg from 'pg';

/** Administrative helpers (create/drop a database) used by the embedded server and the tests. */

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  // Connect to the maintenance database of the same server.
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** A URL for another database on the server of `url`. */
export function databaseUrl(url: string, database: string): string {
  return withDatabase(url, database);
}

export async function databaseExists(url: string, name: string): Promise<boolean> {
  return withClient(url, async (client) => {
    const result = await client.query('select 1 from pg_database where datname = $1', [name]);
    return (result.rowCount ?? 0) > 0;
  });
}

export async function createDatabase(url: string, name: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(`create database ${client.escapeIdentifier(name)} encoding 'UTF8' template template0`);
  });
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
  });
}
