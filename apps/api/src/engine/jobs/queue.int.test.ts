import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startIdp, type RunningIdp } from '@nastavnik/idp';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL } from '../../test/harness.js';

/**
 * Two API replicas — separate Node processes running the built API (dist) against one database —
 * share the queue: a job scheduled every minute runs exactly once per minute, however many
 * replicas check the schedule; a failing job is retried and its failure is reported to the platform
 * admin through `backgroundJobs` by either replica.
 *
 * pg-boss files schedule occurrences per minute (one job per minute slot), so «every minute» is
 * the shortest honest period. What is made fast is how often each replica looks: its cron monitor
 * every second (JOBS_CRON_CHECK_SECONDS=1, pg-boss's `cronMonitorIntervalSeconds`) and its workers
 * every half second (JOBS_POLL_INTERVAL_SECONDS) — both replicas race for every occurrence. The
 * first occurrence is due at once (pg-boss treats the current minute as due), the next two at the
 * following minute boundaries: about two minutes in all.
 */
const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CHILD = path.join(API_DIR, 'src/engine/jobs/two-replicas.child.mjs');
const SUFFIX = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
const QUEUE_SCHEMA = `pgboss_test_${SUFFIX}`;
const PROBE_TABLE = `core.jobs_probe_${SUFFIX}`;

const BACKGROUND_JOBS = `query { backgroundJobs(runs: 20) {
  name title schedule timeZone nextRunAt retryLimit queued active
  runs { id state trigger createdAt startedAt completedAt retryCount retryLimit error summary }
  lastFailure { id state retryCount retryLimit error completedAt }
} }`;

interface Replica {
  child: ChildProcess;
  port: number;
  pid: number;
  exited: Promise<number | null>;
  request<T>(message: Record<string, unknown>): Promise<T>;
}

let idp: RunningIdp;
let db: pg.Client;
const replicas: Replica[] = [];

function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = fork(CHILD, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let next = 0;
  const pending = new Map<number, (value: any) => void>();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('replica did not start in 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`replica exited with ${code} before it was ready`)));
    child.on('message', (message: any) => {
      if (message?.ready) {
        clearTimeout(timer);
        resolve({
          child,
          port: message.port,
          pid: message.pid,
          exited,
          request(body) {
            const id = ++next;
            return new Promise((done) => {
              pending.set(id, done);
              child.send({ ...body, id });
            });
          },
        });
      } else if (message?.id && pending.has(message.id)) {
        pending.get(message.id)!(message);
        pending.delete(message.id);
      }
    });
  });
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  if (!existsSync(path.join(API_DIR, 'dist/index.js'))) {
    throw new Error('apps/api/dist is missing: build first (npx turbo run build --filter=@nastavnik/api...)');
  }
  idp = await startIdp({ port: 0 });
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  await db.query(
    `create table ${PROBE_TABLE} (job text not null, job_id uuid not null, attempt int not null, pid int not null, trigger text, at timestamptz not null default clock_timestamp())`,
  );
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: inject('databaseUrl'),
    KEYCLOAK_URL: idp.url,
    DB_POOL_MAX: '3',
    KPI_REFRESH_INTERVAL_SECONDS: '0',
    JOBS_ENABLED: 'true',
    JOBS_SCHEMA: QUEUE_SCHEMA,
    JOBS_POLL_INTERVAL_SECONDS: '0.5',
    JOBS_CRON_CHECK_SECONDS: '1',
    PROBE_TABLE,
  };
  // Both at once, as replicas of a deployment start: both install (or find) the queue's schema.
  replicas.push(...(await Promise.all([startReplica(env), startReplica(env)])));
}, 120_000);

afterAll(async () => {
  await Promise.all(
    replicas.map(async (replica) => {
      replica.child.send({ cmd: 'stop' });
      const code = await Promise.race([replica.exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 20_000))]);
      if (code === 'timeout') replica.child.kill('SIGKILL');
    }),
  );
  await db?.query(`drop table if exists ${PROBE_TABLE}`).catch(() => undefined);
  await db?.query(`drop schema if exists "${QUEUE_SCHEMA}" cascade`).catch(() => undefined);
  await db?.end();
  await idp?.stop();
});

describe('the job queue across two API processes', () => {
  it('runs a scheduled job exactly once per period; retries a failing job and reports its failure to the platform admin only', async () => {
    const [a, b] = replicas as [Replica, Replica];
    expect(a.pid).not.toBe(b.pid);
    expect(a.pid).not.toBe(process.pid);

    // A failing job, asked for by replica A: three attempts (retryLimit 2), by whichever replica fetches each.
    const failed = await a.request<{ run?: any; error?: string }>({ cmd: 'runNow', name: 'test.failing' });
    expect(failed.error).toBeUndefined();
    expect(failed.run).toMatchObject({ state: 'failed', retryCount: 2, retryLimit: 2, error: 'Проверочная ошибка, попытка 3' });
    const attempts = (await db.query<{ attempt: number }>(`select attempt from ${PROBE_TABLE} where job = 'test.failing' order by at`)).rows;
    expect(attempts.map((row) => row.attempt)).toEqual([0, 1, 2]);

    // The schedule: wait for three minute slots (the one due at start and two minute boundaries).
    const slots = await waitFor('three minute slots of test.probe', 150_000, async () => {
      const { rows } = await db.query<{ slot: Date; runs: number; jobs: number }>(
        `select date_trunc('minute', j.created_on) as slot, count(*)::int as runs, count(distinct p.job_id)::int as jobs
         from ${PROBE_TABLE} p join "${QUEUE_SCHEMA}".job j on j.id = p.job_id
         where p.job = 'test.probe' group by 1 order by 1`,
      );
      return rows.length >= 3 ? rows : undefined;
    });
    // Both replicas' cron monitors saw every occurrence; late duplicates would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const { rows: perSlot } = await db.query<{ slot: Date; runs: number }>(
      `select date_trunc('minute', j.created_on) as slot, count(*)::int as runs
       from ${PROBE_TABLE} p join "${QUEUE_SCHEMA}".job j on j.id = p.job_id where p.job = 'test.probe' group by 1 order by 1`,
    );
    expect(perSlot.length).toBeGreaterThanOrEqual(3);
    for (const slot of perSlot) expect(slot.runs, `runs in the minute ${slot.slot.toISOString()}`).toBe(1);
    expect(slots.every((slot) => slot.jobs === 1)).toBe(true);
    // Consecutive minutes: nothing skipped either.
    for (let i = 1; i < perSlot.length; i++) expect(perSlot[i]!.slot.getTime() - perSlot[i - 1]!.slot.getTime()).toBe(60_000);
    const { rows: triggers } = await db.query<{ trigger: string }>(`select distinct trigger from ${PROBE_TABLE} where job = 'test.probe'`);
    expect(triggers).toEqual([{ trigger: 'schedule' }]);

    // What the platform admin sees, from replica B (the failure happened through A's request).
    const admin = await idp.mintAccessToken('admin');
    const seen = await postGraphQL<{ backgroundJobs: any[] }>(`http://127.0.0.1:${b.port}/graphql`, BACKGROUND_JOBS, { token: admin });
    expect(seen.body.errors).toBeUndefined();
    const jobs = new Map(seen.body.data!.backgroundJobs.map((job) => [job.name, job]));
    expect([...jobs.keys()]).toEqual([
      'monitoring.kpi-refresh',
      'partners.erase-expired-applicants',
      'notifications.deliver',
      'notifications.digest',
      'pairs.meeting-reminders',
      'pairs.idle-reminders',
      'campaigns.opened-letters',
      'campaigns.deadline-letters',
      'execution.weekly-letters',
      'inbox.weekly-digest',
      'test.probe',
      'test.failing',
    ]);
    expect(jobs.get('campaigns.deadline-letters')).toMatchObject({ schedule: '0 9 * * *', timeZone: 'Europe/Moscow' });
    expect(jobs.get('execution.weekly-letters')).toMatchObject({ schedule: '0 8 * * 1', timeZone: 'Europe/Moscow' });
    expect(jobs.get('inbox.weekly-digest')).toMatchObject({ schedule: '0 8 * * 1', timeZone: 'Europe/Moscow' });
    expect(jobs.get('partners.erase-expired-applicants')).toMatchObject({ schedule: '30 3 * * *', timeZone: 'Europe/Moscow', nextRunAt: expect.any(String) });
    expect(jobs.get('monitoring.kpi-refresh')).toMatchObject({ schedule: null });
    const probeJob = jobs.get('test.probe');
    expect(probeJob).toMatchObject({ title: 'Проверка: раз в минуту', schedule: '* * * * *', timeZone: 'UTC', lastFailure: null });
    expect(probeJob.runs.filter((run: any) => run.state === 'COMPLETED').length).toBeGreaterThanOrEqual(3);
    expect(probeJob.runs[0]).toMatchObject({ trigger: 'SCHEDULE' });
    const failingJob = jobs.get('test.failing');
    expect(failingJob.lastFailure).toMatchObject({
      id: failed.run.id,
      state: 'FAILED',
      retryCount: 2,
      retryLimit: 2,
      error: 'Проверочная ошибка, попытка 3',
      completedAt: expect.any(String),
    });
    expect(failingJob.runs[0]).toMatchObject({ id: failed.run.id, state: 'FAILED', trigger: 'MANUAL' });

    // Only the platform admin: a district officer and a region coordinator are refused.
    for (const username of ['sibay.officer', 'rnc.bashkortostan', 'gimnaziya.director']) {
      const refused = await postGraphQL(`http://127.0.0.1:${a.port}/graphql`, BACKGROUND_JOBS, { token: await idp.mintAccessToken(username) });
      expect(
        refused.body.errors?.map((error) => error.extensions?.code),
        username,
      ).toEqual(['FORBIDDEN']);
      expect(refused.body.data).toBeNull();
    }
  }, 200_000);
});
