// The district dashboard over 1,000 schools and 100,000 participants (issues 7 and 14): a page of 20
// read from the stored per-school figures (modules/monitoring/dashboard-store.ts), side by side with
// computing them live from the source tables (what each view did before, and what a refresh does).
// Runs over dist/ (build first): `npm run bench -w @nastavnik/api`.
//
// A fresh database (bench-database.mjs: on DATABASE_URL's server, else an embedded PostgreSQL in a
// temp dir). Seeds with generate_series bulk inserts (src/seed/monitoring-scale.ts), then calls the
// service with a statement counter: RUNS views over every sort field and pages, p50/p95.
// Exit 1 when the statements differ between 10 and 1,000 schools, exceed MAX_STATEMENTS, or the p95 is over budget.
import { createOrm, loadConfig, migrateAll, createDistrictWithSchema } from '../dist/index.js';
import { openBenchDatabase } from './bench-database.mjs';
import { MonitoringService } from '../dist/modules/monitoring/monitoring.service.js';
import { seedMonitoringDistrict } from '../dist/seed/monitoring-scale.js';

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 1000);
const PER_SCHOOL = Number(process.env.BENCH_PER_SCHOOL ?? 98); // + n % 5 → 100 on average
const MAX_STATEMENTS = 3;
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 150);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const LIVE_RUNS = 5;
const PAGE = 20;
const SORTS = ['NAME', 'PUPIL_COVERAGE', 'TEACHER_COVERAGE', 'FEDERAL_TARGET', 'CONSENTS', 'PLANS', 'EXECUTION', 'FINAL_EVENT', 'PARTICIPANTS'];
const YEAR = '2025/2026';

let database;
let orm;
let exitCode = 0;
try {
  database = await openBenchDatabase('nastavnik_bench');
  let recording;
  orm = await createOrm(loadConfig({ NODE_ENV: 'development', DATABASE_URL: database.url, LOG_LEVEL: 'silent' }), {
    onQuery: (sql) => recording?.push(sql),
  });
  const report = await migrateAll(orm);
  if (report.failed.length) throw new Error(`migrations failed: ${JSON.stringify(report.failed)}`);
  const conn = orm.em.getConnection();
  const regionId = '01900000-0000-7000-8000-00000000be01';
  await conn.execute(`insert into core.region (id, code, name) values (?, 'bench', 'Регион для замеров')`, [regionId]);

  const clock = { today: () => '2025-10-15', now: () => new Date() };
  // staleSeconds 0: every view checks the district's change mark; none is there while it runs.
  const monitoring = new MonitoringService(clock, { staleSeconds: 0 });
  const actor = {
    userId: 'bench',
    username: 'bench',
    displayName: 'bench',
    position: null,
    roles: ['platform-admin'],
    grants: [],
    access: {
      platform: true,
      coordinatorRegionIds: [],
      staffDistrictIds: [],
      organizationIds: [],
      organizationDistrictIds: [],
      partnerIds: [],
      partnerRegionIds: [],
      memberRegionIds: [],
    },
  };

  async function districtWith(code, schools) {
    const district = await createDistrictWithSchema(orm, { regionId, code, name: `Муниципалитет ${code}`, authorityName: 'Управление образования' });
    const started = performance.now();
    await seedMonitoringDistrict(conn, {
      districtId: district.id,
      schemaName: district.schemaName,
      codePrefix: code,
      schools,
      perSchool: PER_SCHOOL,
      academicYear: YEAR,
    });
    const seedMs = performance.now() - started;
    const ctx = {
      actor,
      em: orm.em.fork({ clear: true }),
      tenant: {
        district: { id: district.id, code, regionId, schemaName: district.schemaName },
        em: orm.em.fork({ clear: true, schema: district.schemaName }),
        loaders: {},
      },
    };
    return { district, ctx, seedMs };
  }

  const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

  async function measure(ctx, total) {
    // The first view computes and stores the figures (as the refresh job does after a change).
    let t = performance.now();
    await monitoring.districtDashboard(ctx, YEAR, { limit: PAGE });
    const firstMs = performance.now() - t;
    recording = [];
    const result = await monitoring.districtDashboard(ctx, YEAR, { limit: PAGE });
    const statements = recording.length;
    recording = undefined;
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const sort = { field: SORTS[i % SORTS.length], descending: i % 2 === 1 };
      const offset = ((i * 7) % Math.max(1, Math.ceil(total / PAGE))) * PAGE;
      t = performance.now();
      const page = await monitoring.districtDashboard(ctx, YEAR, { limit: PAGE, offset }, sort);
      times.push(performance.now() - t);
      if (page.schools.items.length !== Math.min(PAGE, total - offset)) throw new Error(`page at ${offset}: ${page.schools.items.length} rows`);
    }
    times.sort((a, b) => a - b);
    return { result, statements, firstMs, p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: times[times.length - 1] };
  }

  /** The same figures computed live from the source tables (every view before issue 14; each refresh now). */
  async function measureLive(ctx) {
    const times = [];
    for (let i = 0; i < LIVE_RUNS; i++) {
      const t = performance.now();
      await monitoring.districtFigures(ctx.tenant.em.getConnection(), ctx.tenant.district, YEAR);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { p50: quantile(times, 0.5) };
  }

  const small = await districtWith('benchsmall', 10);
  const big = await districtWith('benchbig', SCHOOLS);
  const [{ participants }] = await conn.execute(`select count(*)::int as participants from "${big.district.schemaName}".participant`);
  const smallRun = await measure(small.ctx, 10);
  const bigRun = await measure(big.ctx, SCHOOLS);
  const live = await measureLive(big.ctx);
  const refreshStart = performance.now();
  await monitoring.snapshots.refreshSnapshot(conn, { id: big.district.id, schemaName: big.district.schemaName, regionId }, YEAR);
  const refreshMs = performance.now() - refreshStart;
  recording = [];
  const region = await monitoring.snapshots.regionDashboard({ actor, em: orm.em.fork({ clear: true }) }, regionId, YEAR);
  const regionStatements = recording.length;
  recording = undefined;

  const fmt = (ms) => `${ms.toFixed(1)} ms`;
  console.log(`district dashboard — ${bigRun.result.schools.total} schools, ${participants} participants (seeded in ${fmt(big.seedMs)})`);
  console.log(`  SQL statements per view: ${bigRun.statements} (10 schools: ${smallRun.statements})`);
  console.log(
    `  page of ${PAGE} from the stored figures, ${RUNS} views over ${SORTS.length} sorts × 2 directions × pages: p50 ${fmt(bigRun.p50)}, p95 ${fmt(bigRun.p95)}, max ${fmt(bigRun.max)} (10 schools: p95 ${fmt(smallRun.p95)})`,
  );
  console.log(
    `  computing the same figures live: p50 ${fmt(live.p50)} (${(live.p50 / bigRun.p50).toFixed(1)}× the stored page); first view after a change (computes and stores): ${fmt(bigRun.firstMs)}`,
  );
  console.log(
    `  district totals: coverage of pupils ${bigRun.result.figures.pupilCoverage.display}, consents ${bigRun.result.figures.consentsCollected.display}, plans ${bigRun.result.figures.plansDone.display}, roadmaps on time ${bigRun.result.figures.roadmapExecution.display}, final events ${bigRun.result.figures.finalEventAttendance.display}, satisfaction ${bigRun.result.figures.satisfaction.display}, impact ${bigRun.result.figures.impact.display}`,
  );
  console.log(
    `snapshot refresh of the district: ${fmt(refreshMs)}; region dashboard from the snapshot: ${regionStatements} statements, participants ${region.counts.participants}`,
  );

  const problems = [];
  if (bigRun.statements !== smallRun.statements) problems.push(`statements grow with schools: ${smallRun.statements} → ${bigRun.statements}`);
  if (bigRun.statements > MAX_STATEMENTS) problems.push(`more than ${MAX_STATEMENTS} statements: ${bigRun.statements}`);
  if (bigRun.p95 > BUDGET_MS) problems.push(`p95 ${fmt(bigRun.p95)} over the budget of ${BUDGET_MS} ms`);
  if (bigRun.result.schools.total !== SCHOOLS) problems.push(`expected ${SCHOOLS} schools, got ${bigRun.result.schools.total}`);
  if (problems.length) {
    console.error(`FAIL: ${problems.join('; ')}`);
    exitCode = 1;
  } else console.log(`OK: ≤ ${MAX_STATEMENTS} statements, constant in the number of schools; p95 within ${BUDGET_MS} ms`);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await orm?.close().catch(() => undefined);
  await database?.close();
}
process.exit(exitCode);
