import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm } from '../../app.js';
import { MIGRATION_SETS } from '../../migrations/index.js';
import { createDatabase, databaseUrl, dropDatabase } from '../database/admin.js';
import { loadConfig } from '../config.js';
import type { MikroORM } from '../orm/create-orm.js';
import { migrateAllWith } from './migrate-all.js';
import { newestMigrationName } from './migrators.js';
import { PROBE_MIGRATION, seedMigratedDistricts, withProbeMigration } from './scale-fixtures.js';

/**
 * Start-up at scale (issue 14, goal 4), in a database of its own: with nothing pending, start-up
 * reads the recorded states in one statement and sends as many statements for 300 districts as for
 * 3; a new migration over 300 districts survives a SIGKILL midway and the next run does the rest.
 */
const name = `nastavnik_startup_${Date.now().toString(36)}`;
let url: string;
let orm: MikroORM;

const configFor = (databaseUrlValue: string) => loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrlValue, LOG_LEVEL: 'silent' });

beforeAll(async () => {
  const server = inject('databaseUrl');
  await createDatabase(server, name);
  url = databaseUrl(server, name);
  orm = await createOrm(configFor(url));
  const report = await migrateAllWith(orm, MIGRATION_SETS);
  expect(report.failed).toEqual([]);
});

afterAll(async () => {
  await orm?.close();
  await dropDatabase(inject('databaseUrl'), name).catch(() => undefined);
});

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.getConnection().execute<T[]>(query, params);
}

/** A start-up as a fresh process makes it: a new ORM, every statement it sends counted. */
async function startUp(sets = MIGRATION_SETS) {
  const statements: string[] = [];
  const fresh = await createOrm(configFor(url), { onQuery: (statement) => statements.push(statement) });
  try {
    const started = performance.now();
    const report = await migrateAllWith(fresh, sets, undefined, { concurrency: 4 });
    return { report, statements, ms: performance.now() - started };
  } finally {
    await fresh.close();
  }
}

/** How many times each district schema has recorded the probe migration (schema → count). */
async function probeRuns(migration = PROBE_MIGRATION): Promise<Map<string, number>> {
  const schemas = (await sql<{ schema_name: string }>(`select schema_name from core.district order by code`)).map((row) => row.schema_name);
  const union = schemas.map((schema) => `select '${schema}' as s, count(*)::int as n from "${schema}".mikro_orm_migrations where name = '${migration}'`);
  const rows = await sql<{ s: string; n: number }>(union.join(' union all '));
  return new Map(rows.map((row) => [row.s, row.n]));
}

describe('start-up with many districts', () => {
  it('sends the same statements for 300 districts as for 3 when nothing is pending (one read of the recorded states)', async () => {
    const three = await seedMigratedDistricts(orm, url, MIGRATION_SETS, { count: 3, prefix: 'sa' });
    const small = await startUp();
    expect(small.report).toEqual({ core: [], migrated: [], failed: [], upToDate: ['sa-0001', 'sa-0002', 'sa-0003'] });

    // The 297 others hold only their tracking table (what start-up and a new migration touch): seeded in seconds, not a minute.
    const more = await seedMigratedDistricts(orm, url, MIGRATION_SETS, { count: 297, prefix: 'sb', tables: false });
    console.log(`seeding: 3 districts ${three.ms} ms, 297 districts ${more.ms} ms`);
    const large = await startUp();
    expect(large.report.upToDate).toHaveLength(300);
    expect(large.report.migrated).toEqual([]);
    expect(large.statements).toEqual(small.statements);
    // No district schema is looked at; the states are read once.
    expect(large.statements.filter((statement) => statement.includes('district_'))).toEqual([expect.stringContaining('district_migration_state')]);
    expect(large.statements.length).toBeLessThanOrEqual(8);
    console.log(
      `start-up, nothing pending: 3 districts ${small.statements.length} statements ${small.ms.toFixed(0)} ms; 300 districts ${large.statements.length} statements ${large.ms.toFixed(0)} ms`,
    );
  }, 300_000);

  it('a district whose recorded state is behind goes through the migrator (the states are trusted, not the guess)', async () => {
    const [row] = await sql<{ id: string; code: string }>(`select id, code from core.district where code = 'sa-0002'`);
    await sql(`update core.district_migration_state set last_migration = 'Migration20251122000100Headcounts' where district_id = ?`, [row!.id]);
    const run = await startUp();
    // Nothing was missing in its schema: up to date, its state written back at the newest migration.
    expect(run.report.migrated).toEqual([]);
    expect(run.report.upToDate).toHaveLength(300);
    const [state] = await sql(`select status, last_migration from core.district_migration_state where district_id = ?`, [row!.id]);
    expect(state).toEqual({ status: 'migrated', last_migration: newestMigrationName(MIGRATION_SETS.district) });
  }, 120_000);

  it('a new migration over 300 districts, killed midway (SIGKILL), is resumed by the next run: every district migrated once', async () => {
    // The runner as production runs it (dist/, build first), in a child process killed without warning.
    const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist');
    const module = (file: string) => JSON.stringify(pathToFileURL(path.join(dist, file)).href);
    const script = `
      import { createOrm } from ${module('app.js')};
      import { loadConfig } from ${module('engine/config.js')};
      import { migrateAllWith } from ${module('engine/migrations/migrate-all.js')};
      import { withProbeMigration } from ${module('engine/migrations/scale-fixtures.js')};
      import { MIGRATION_SETS } from ${module('migrations/index.js')};
      const orm = await createOrm(loadConfig({ NODE_ENV: 'test', DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: 'silent' }));
      await migrateAllWith(orm, withProbeMigration(MIGRATION_SETS, { sleepMs: 40 }), undefined, { concurrency: 4 });
      await orm.close();`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    const probed = async () =>
      Number((await sql<{ n: string }>(`select count(*) as n from core.district_migration_state where last_migration = ?`, [PROBE_MIGRATION]))[0]!.n);
    const deadline = Date.now() + 60_000;
    while ((await probed()) < 40) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the runner did not get going: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const done = await probed();
    expect(done).toBeGreaterThanOrEqual(40);
    expect(done).toBeLessThan(300);
    // Nothing half-done: a district has the probe applied exactly when its state says so.
    const before = await probeRuns();
    expect([...before.values()].filter((n) => n === 1)).toHaveLength(done);
    expect([...before.values()].every((n) => n <= 1)).toBe(true);

    const resumed = await startUp(withProbeMigration(MIGRATION_SETS));
    expect(resumed.report.failed).toEqual([]);
    expect(resumed.report.migrated).toHaveLength(300 - done);
    expect(resumed.report.upToDate).toHaveLength(done);
    const after = await probeRuns();
    expect(after.size).toBe(300);
    expect([...after.values()].every((n) => n === 1)).toBe(true);
    const states = await sql(`select status, last_migration, count(*)::int as n from core.district_migration_state group by 1, 2`);
    expect(states).toEqual([{ status: 'migrated', last_migration: PROBE_MIGRATION, n: 300 }]);
    console.log(`killed after ${done} of 300 districts; resumed ${300 - done} in ${resumed.ms.toFixed(0)} ms`);
  }, 300_000);

  it("two starters at once (two processes' ORMs): the migration lock lets one migrate, the other finds nothing pending", async () => {
    const second = 'Migration29991231000001ScaleProbeTwice';
    const sets = withProbeMigration(withProbeMigration(MIGRATION_SETS), { name: second });
    const [a, b] = await Promise.all([startUp(sets), startUp(sets)]);
    const reports = [a.report, b.report].sort((x, y) => y.migrated.length - x.migrated.length);
    expect(reports[0]!.migrated).toHaveLength(300);
    expect(reports[1]!.migrated).toEqual([]);
    expect(reports[1]!.upToDate).toHaveLength(300);
    const twice = await sql(`select last_migration, count(*)::int as n from core.district_migration_state group by 1`);
    expect(twice).toEqual([{ last_migration: second, n: 300 }]);
    expect([...(await probeRuns(second)).values()].filter((n) => n === 1)).toHaveLength(300);
  }, 300_000);
});
