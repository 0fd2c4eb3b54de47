import pg from 'pg';
import { directUrlOf, type MikroORM } from '../orm/create-orm.js';

/**
 * Migrations of one ORM instance run one at a time (the MikroORM migrator keeps the target schema
 * in its own state), and across processes one at a time (two API replicas booting together): an
 * in-process queue plus a PostgreSQL advisory lock held on a dedicated connection. That connection
 * goes to DATABASE_DIRECT_URL: through PgBouncer in transaction mode the lock and the unlock could
 * land on different server sessions (the lock would leak, or never be held).
 */
const queues = new WeakMap<MikroORM, Promise<unknown>>();
const ADVISORY_KEY = 7_004_201; // arbitrary, constant: "nastavnik migrations"

export async function withMigrationLock<T>(orm: MikroORM, run: () => Promise<T>): Promise<T> {
  const previous = queues.get(orm) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(() => withAdvisoryLock(orm, run));
  queues.set(orm, current);
  return current;
}

async function withAdvisoryLock<T>(orm: MikroORM, run: () => Promise<T>): Promise<T> {
  const directUrl = directUrlOf(orm);
  if (!directUrl) return run();
  const client = new pg.Client({ connectionString: directUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [ADVISORY_KEY]);
    try {
      return await run();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [ADVISORY_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
