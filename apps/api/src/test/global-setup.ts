import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase, databaseUrl, dropDatabase } from '../engine/database/admin.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../engine/database/embedded-postgres.js';
import { createOrm, migrateAll } from '../app.js';
import { loadConfig } from '../engine/config.js';
import { seedDemo } from '../seed/demo-directory.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A fresh database of this run, migrated and seeded with the demo directory. */
    databaseUrl: string;
  }
}

/**
 * Once per run: PostgreSQL (DATABASE_URL when set, else an embedded server in a temp dir), a
 * fresh database, core + district migrations and the demo directory. Torn down at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedPostgres | undefined;
  let tempDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL?.trim() || undefined;
  if (!serverUrl) {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-api-test-'));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg'), database: 'postgres' });
    serverUrl = embedded.url;
  }
  const name = `nastavnik_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const teardown = async () => {
    if (embedded) {
      await embedded.stop();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    } else {
      await dropDatabase(serverUrl!, name).catch(() => undefined);
    }
  };
  try {
    await createDatabase(serverUrl, name);
    const url = databaseUrl(serverUrl, name);
    const orm = await createOrm(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent' }));
    try {
      const report = await migrateAll(orm);
      if (report.failed.length > 0) throw new Error(`migrations failed: ${JSON.stringify(report.failed)}`);
      await seedDemo(orm);
    } finally {
      await orm.close();
    }
    project.provide('databaseUrl', url);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
