// Start-up with many districts (issue 14, goal 4). Runs over dist/ (build first): `npm run bench -w @nastavnik/api`.
//
// A fresh database (bench-database.mjs: on DATABASE_URL's server, else an embedded PostgreSQL in a
// temp dir). Seeds STARTUP_BENCH_DISTRICTS (default 2,300) migrated districts (the whole district
// set's SQL per schema, engine/migrations/scale-fixtures.ts), then measures, each time as a fresh
// process would (a new ORM, every ORM statement counted):
//   1. start-up with nothing pending, with 3 districts and with all of them: < 3 s, the same statements;
//   2. a new, harmless district migration (one empty table) over all of them: < 10 min, none failed;
//   3. start-up again with nothing pending (the new migration recorded everywhere).
// Prints a table; exit 1 when a goal is missed.
import { createOrm, loadConfig } from '../dist/index.js';
import { openBenchDatabase } from './bench-database.mjs';
import { migrateDistricts } from '../dist/engine/migrations/district-runner.js';
import { migrateAllWith } from '../dist/engine/migrations/migrate-all.js';
import { seedMigratedDistricts, withProbeMigration } from '../dist/engine/migrations/scale-fixtures.js';
import { MIGRATION_SETS } from '../dist/migrations/index.js';

const DISTRICTS = Number(process.env.STARTUP_BENCH_DISTRICTS ?? 2300);
const SMALL = 3;
const CONCURRENCY = Number(process.env.STARTUP_BENCH_CONCURRENCY ?? loadConfig({}).migrationConcurrency);
const SEED_CONNECTIONS = Number(process.env.STARTUP_BENCH_SEED_CONNECTIONS ?? 2);
// full: every district schema holds the whole district set (realistic catalogue, ~0.1–0.4 s per district to seed on 2 cores);
// light: the schema and its tracking table only (what start-up and a new migration touch).
const SCHEMAS = process.env.STARTUP_BENCH_SCHEMAS === 'light' ? 'light' : 'full';
const STARTUP_BUDGET_MS = 3000;
const MIGRATION_BUDGET_MS = 10 * 60 * 1000;
const RUNS = 3;

let database;
let exitCode = 0;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

try {
  database = await openBenchDatabase('nastavnik_bench_startup');
  const { url } = database;
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: url, LOG_LEVEL: 'silent', DB_POOL_MAX: String(Math.max(10, CONCURRENCY + 2)) });

  /** One start-up as a fresh process makes it. */
  async function startUp(sets) {
    const statements = [];
    const orm = await createOrm(config, { onQuery: (sql) => statements.push(sql) });
    try {
      const started = performance.now();
      const report = await migrateAllWith(orm, sets, undefined, { concurrency: CONCURRENCY });
      return { ms: performance.now() - started, statements, report };
    } finally {
      await orm.close();
    }
  }
  async function idleStartUps(sets) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await startUp(sets));
    for (const run of runs) if (run.report.migrated.length || run.report.failed.length) throw new Error('start-up found something pending');
    return {
      ms: median(runs.map((run) => run.ms)),
      statements: runs[0].statements.length,
      texts: runs[0].statements,
      districts: runs[0].report.upToDate.length,
    };
  }

  const orm = await createOrm(config);
  let seedMs = 0;
  try {
    const core = await migrateAllWith(orm, MIGRATION_SETS);
    if (core.failed.length) throw new Error(`migrations failed: ${JSON.stringify(core.failed)}`);
    seedMs += (await seedMigratedDistricts(orm, url, MIGRATION_SETS, { count: SMALL, prefix: 'ba', connections: SEED_CONNECTIONS, tables: SCHEMAS === 'full' }))
      .ms;
    const small = await idleStartUps(MIGRATION_SETS);
    let last = 0;
    const big = await seedMigratedDistricts(orm, url, MIGRATION_SETS, {
      count: DISTRICTS - SMALL,
      prefix: 'bb',
      connections: SEED_CONNECTIONS,
      tables: SCHEMAS === 'full',
      onProgress: (done) => {
        if (done - last >= 250) {
          last = done;
          process.stderr.write(`  seeded ${done + SMALL} / ${DISTRICTS} districts\n`);
        }
      },
    });
    seedMs += big.ms;
    const large = await idleStartUps(MIGRATION_SETS);
    // What start-up did before (issue 14): every district's schema looked at through the migrator, one after another.
    const before = await (async () => {
      const statements = [];
      const fresh = await createOrm(config, { onQuery: (sql) => statements.push(sql) });
      try {
        const rows = await fresh.em.getConnection().execute('select "id", "code", "schema_name" from "core"."district" order by "code"');
        const targets = rows.map((row) => ({ id: row.id, code: row.code, schemaName: row.schema_name }));
        const started = performance.now();
        const report = await migrateDistricts(fresh, MIGRATION_SETS, targets, { concurrency: 1 });
        if (report.upToDate.length !== DISTRICTS) throw new Error('the per-district check found something pending');
        return { ms: performance.now() - started, statements: statements.length - 1 };
      } finally {
        await fresh.close();
      }
    })();

    const probe = withProbeMigration(MIGRATION_SETS);
    const migration = await startUp(probe);
    const after = await idleStartUps(probe);

    const sameStatements = JSON.stringify(small.texts) === JSON.stringify(large.texts) && large.statements === after.statements;
    const rows = [
      { measure: `seeding ${DISTRICTS} migrated districts (${SCHEMAS} schemas, ${SEED_CONNECTIONS} connections)`, value: seconds(seedMs), goal: '—', ok: '' },
      {
        measure: `start-up, nothing pending, ${small.districts} districts`,
        value: `${seconds(small.ms)}, ${small.statements} statements`,
        goal: '< 3 s',
        ok: small.ms < STARTUP_BUDGET_MS,
      },
      {
        measure: `start-up, nothing pending, ${large.districts} districts`,
        value: `${seconds(large.ms)}, ${large.statements} statements`,
        goal: '< 3 s, same statements',
        ok: large.ms < STARTUP_BUDGET_MS && sameStatements,
      },
      {
        measure: `before: every schema checked one by one, ${DISTRICTS} districts`,
        value: `${seconds(before.ms)}, ${before.statements} statements`,
        goal: '(former start-up)',
        ok: '',
      },
      {
        measure: `new migration over ${DISTRICTS} districts (pool of ${CONCURRENCY})`,
        value: `${seconds(migration.ms)}, ${migration.report.migrated.length} migrated, ${migration.report.failed.length} failed, ${(migration.ms / DISTRICTS).toFixed(1)} ms/district`,
        goal: '< 10 min, all migrated',
        ok: migration.ms < MIGRATION_BUDGET_MS && migration.report.migrated.length === DISTRICTS && migration.report.failed.length === 0,
      },
      {
        measure: `start-up after it, ${after.districts} districts`,
        value: `${seconds(after.ms)}, ${after.statements} statements`,
        goal: '< 3 s, same statements',
        ok: after.ms < STARTUP_BUDGET_MS && sameStatements,
      },
    ];
    console.log(`\nStart-up with many districts (median of ${RUNS} start-ups, fresh ORM each)`);
    console.table(rows.map((row) => ({ ...row, ok: row.ok === '' ? '' : row.ok ? 'yes' : 'NO' })));
    console.log(
      `ratio start-up ${large.districts} / ${small.districts} districts: ${(large.ms / small.ms).toFixed(2)}× time, ${(large.statements / small.statements).toFixed(2)}× statements`,
    );
    console.log(
      `ratio former per-district check / start-up now, ${DISTRICTS} districts: ${(before.ms / large.ms).toFixed(1)}× time, ${(before.statements / large.statements).toFixed(0)}× statements`,
    );
    if (rows.some((row) => row.ok === false)) {
      console.error('startup bench: a goal was missed');
      exitCode = 1;
    }
  } finally {
    await orm.close();
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await database?.close();
}
process.exit(exitCode);
