// The database every API bench runs on: a fresh database on DATABASE_URL's server (dropped at the
// end), else an embedded PostgreSQL in a temp dir (stopped and removed at the end). One place, so
// the benches cannot drift apart in how they set up and clean up.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, databaseUrl, dropDatabase, startEmbeddedPostgres } from '../dist/index.js';

/**
 * @param {string} prefix the database name's prefix (a timestamp follows)
 * @returns {Promise<{ serverUrl: string, url: string, name: string, dataDir: string | null, embedded: boolean, close(): Promise<void> }>}
 */
export async function openBenchDatabase(prefix) {
  const name = `${prefix}_${Date.now().toString(36)}`;
  let serverUrl = process.env.DATABASE_URL?.trim() || undefined;
  let embedded;
  let tempDir;
  let dataDir = null;
  let created = false;
  const close = async () => {
    if (embedded) await embedded.stop().catch(() => undefined);
    else if (created) await dropDatabase(serverUrl, name).catch(() => undefined);
    if (tempDir) await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
  };
  try {
    if (!serverUrl) {
      tempDir = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-bench-'));
      dataDir = path.join(tempDir, 'pg');
      embedded = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
      serverUrl = embedded.url;
    }
    await createDatabase(serverUrl, name);
    created = true;
    return { serverUrl, url: databaseUrl(serverUrl, name), name, dataDir, embedded: Boolean(embedded), close };
  } catch (error) {
    await close();
    throw error;
  }
}
