import { PgBoss, type Job } from 'pg-boss';
import type { Logger } from '../logging.js';
import type { MikroORM } from '../orm/create-orm.js';
import { withMigrationLock } from '../migrations/lock.js';
import type { JobDefinition, JobTrigger } from './definition.js';

/**
 * The background job queue: pg-boss in its own schema (`pgboss` by default). Every replica may run
 * workers; PostgreSQL decides who runs what (`SKIP LOCKED` fetches, one job per schedule occurrence
 * however many replicas see it, the `stately` policy per queue). Nothing here needs a server session:
 * pg-boss takes only transaction-level advisory locks and runs without LISTEN/NOTIFY, so it goes
 * through DATABASE_URL (the pooler in production) like every request.
 */
export interface JobQueueOptions {
  connectionString: string;
  /** PostgreSQL schema of the queue's tables (created and migrated by pg-boss on start). */
  schema: string;
  definitions: readonly JobDefinition[];
  orm: MikroORM;
  logger: Logger;
  /** false: no workers, no schedules, no maintenance here (the queue is still read and written). */
  workers: boolean;
  pollIntervalSeconds: number;
  /** pg-boss's cron monitor: how often due schedules are looked for. */
  cronCheckSeconds: number;
  /** Zone of schedules that name none. */
  timeZone: string;
}

export type JobRunState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobRunRecord {
  id: string;
  state: JobRunState;
  trigger: JobTrigger | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** Attempts so far after the first (what pg-boss calls retry_count). */
  retryCount: number;
  retryLimit: number;
  /** The last failure's message (failed, or waiting for a retry). */
  error: string | null;
  /** What a completed run returned. */
  summary: Record<string, unknown> | null;
}

export interface JobOverview {
  name: string;
  title: string;
  /** The schedule stored in the queue (shared by all replicas); null: not scheduled. */
  schedule: { cron: string; timeZone: string } | null;
  nextRunAt: Date | null;
  retryLimit: number;
  timeoutSeconds: number;
  queued: number;
  active: number;
  /** Newest first. */
  runs: JobRunRecord[];
  /** The newest run that failed for good (within the retained history). */
  lastFailure: JobRunRecord | null;
}

export interface JobQueue {
  readonly definitions: readonly JobDefinition[];
  readonly workers: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Queues one run now (or joins the one already waiting) and resolves when it has finished for
   * good: completed, or failed after its retries. Needs a replica with workers.
   */
  runNow(name: string, options?: { timeoutMs?: number }): Promise<JobRunRecord>;
  /** Queues one run soon (or joins the one already waiting) without waiting for it; any replica with workers takes it. */
  request(name: string): Promise<void>;
  overview(options?: { runs?: number }): Promise<JobOverview[]>;
}

/** Completed runs stay visible this long (the admin's history); failed ones too. */
const KEEP_FINISHED_SECONDS = 14 * 24 * 3600;
/** A replica killed mid-run stops beating; its run is retried after this instead of after the whole timeout. */
const HEARTBEAT_SECONDS = 30;
const FINISHED: ReadonlySet<JobRunState> = new Set(['completed', 'failed', 'cancelled']);

interface JobRow {
  id: string;
  state: JobRunState;
  data: { trigger?: JobTrigger } | null;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  retry_count: number;
  retry_limit: number;
  output: Record<string, unknown> | null;
}

function toRecord(row: JobRow): JobRunRecord {
  const output = row.output && typeof row.output === 'object' ? row.output : null;
  const failedOutput = row.state !== 'completed' && output && typeof output.message === 'string';
  return {
    id: row.id,
    state: row.state,
    trigger: row.data?.trigger ?? null,
    createdAt: row.created_on,
    startedAt: row.started_on,
    completedAt: row.completed_on,
    retryCount: row.retry_count,
    retryLimit: row.retry_limit,
    error: failedOutput ? (output.message as string) : null,
    summary: row.state === 'completed' ? output : null,
  };
}

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { definitions, logger, orm, workers } = options;
  const byName = new Map(definitions.map((definition) => [definition.name, definition]));
  if (byName.size !== definitions.length) throw new Error('job definitions: duplicate names');
  const schema = `"${options.schema}"`;
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema,
    application_name: 'nastavnik-jobs',
    // A worker holds one connection while it polls or runs; the rest serve sends and the admin's reads.
    max: workers ? Math.min(2 + definitions.length, 6) : 2,
    migrate: true,
    schedule: workers,
    supervise: workers,
    registerInstance: workers,
    cronMonitorIntervalSeconds: options.cronCheckSeconds,
    cronWorkerIntervalSeconds: Math.min(45, Math.max(1, Math.round(options.pollIntervalSeconds))),
    openTelemetry: { enabled: false },
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  boss.on('warning', (warning) => logger.warn({ warning }, 'job queue warning'));

  const sql = async <T>(text: string, values: unknown[]): Promise<T[]> => (await boss.getDb().executeSql(text, values)).rows as T[];
  const RUN_COLUMNS = 'id, state, data, created_on, started_on, completed_on, retry_count, retry_limit, output';

  async function run(definition: JobDefinition, job: Job<{ trigger?: JobTrigger }>): Promise<Record<string, unknown>> {
    const trigger = job.data?.trigger ?? 'manual';
    const log = logger.child({ job: definition.name, jobId: job.id, attempt: job.retryCount + 1, trigger });
    const started = Date.now();
    try {
      const summary = (await definition.handler({ orm, logger: log, signal: job.signal, jobId: job.id, retryCount: job.retryCount, trigger })) ?? {};
      log.info({ tookMs: Date.now() - started, ...summary }, 'job completed');
      return summary;
    } catch (error) {
      log.error({ err: error, tookMs: Date.now() - started, willRetry: job.retryCount < definition.retry.limit }, 'job failed');
      throw error;
    }
  }

  let started = false;
  return {
    definitions,
    workers,
    async start() {
      // pg-boss installs and migrates its schema at start. Two replicas starting together through
      // PgBouncer (transaction mode) raced on it (duplicate key on pg_namespace for the schema, found
      // by the production topology test): the install runs under the migrations' session lock, on
      // DATABASE_DIRECT_URL, one replica at a time.
      await withMigrationLock(orm, () => boss.start());
      started = true;
      for (const definition of definitions) {
        const queueOptions = {
          retryLimit: definition.retry.limit,
          retryDelay: definition.retry.delaySeconds,
          retryBackoff: definition.retry.backoff ?? false,
          expireInSeconds: definition.timeoutSeconds,
          heartbeatSeconds: HEARTBEAT_SECONDS,
          deleteAfterSeconds: KEEP_FINISHED_SECONDS,
        };
        // createQueue leaves an existing queue as it is; the update carries changed retry settings.
        await boss.createQueue(definition.name, { policy: 'stately', ...queueOptions });
        await boss.updateQueue(definition.name, queueOptions);
        if (!workers) continue;
        // The schedule lives in the database, shared by the replicas: the last one to start writes it.
        if (definition.schedule) {
          await boss.schedule(
            definition.name,
            definition.schedule.cron,
            { trigger: 'schedule' },
            {
              tz: definition.schedule.timeZone ?? options.timeZone,
              // An occurrence that came due while no replica ran (a deploy, an outage) is sent once on return.
              missed: 'once',
            },
          );
        } else {
          await boss.unschedule(definition.name);
        }
        await boss.work<{ trigger?: JobTrigger }>(definition.name, { pollingIntervalSeconds: options.pollIntervalSeconds, batchSize: 1 }, async ([job]) =>
          run(definition, job!),
        );
        if (definition.runAfterStartSeconds !== undefined) {
          // Replicas starting together: the queue keeps one waiting run, the others' sends are dropped.
          await boss.send(definition.name, { trigger: 'start' }, { startAfter: definition.runAfterStartSeconds });
        }
      }
      logger.info({ schema: options.schema, workers, jobs: definitions.map((definition) => definition.name) }, 'job queue started');
    },
    async stop() {
      if (!started) return;
      started = false;
      // Running handlers get a few seconds to finish; then their runs are failed (and retried elsewhere).
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
    },
    async runNow(name, runOptions = {}) {
      if (!byName.has(name)) throw new Error(`unknown job ${name}`);
      let id = await boss.send(name, { trigger: 'manual' });
      if (!id) {
        // The queue already has a run waiting (stately): that one is this request's run.
        [{ id } = { id: null }] = await sql<{ id: string }>(
          `select id from ${schema}.job where name = $1 and state in ('created', 'retry') order by created_on desc limit 1`,
          [name],
        );
      }
      if (!id) throw new Error(`job ${name}: could not be queued`);
      const deadline = Date.now() + (runOptions.timeoutMs ?? 120_000);
      for (;;) {
        const [row] = await sql<JobRow>(`select ${RUN_COLUMNS} from ${schema}.job where name = $1 and id = $2`, [name, id]);
        if (row && FINISHED.has(row.state)) return toRecord(row);
        if (Date.now() > deadline) throw new Error(`job ${name} (${id}) did not finish in time; state ${row?.state ?? 'gone'}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async request(name) {
      if (!byName.has(name)) throw new Error(`unknown job ${name}`);
      // null when a run is already waiting (stately): that one will do.
      await boss.send(name, { trigger: 'manual' });
    },
    async overview(overviewOptions = {}) {
      const limit = Math.min(Math.max(overviewOptions.runs ?? 10, 1), 50);
      const names = definitions.map((definition) => definition.name);
      const schedules = new Map((await boss.getSchedules()).map((schedule) => [schedule.name, schedule]));
      const [runs, failures, counts] = await Promise.all([
        sql<JobRow & { name: string }>(
          `select name, ${RUN_COLUMNS} from (
             select j.*, row_number() over (partition by name order by created_on desc, id desc) as n from ${schema}.job j where name = any($1::text[])
           ) ranked where n <= $2 order by name, created_on desc, id desc`,
          [names, limit],
        ),
        sql<JobRow & { name: string }>(
          `select distinct on (name) name, ${RUN_COLUMNS} from ${schema}.job
           where name = any($1::text[]) and state = 'failed' order by name, completed_on desc nulls last, created_on desc`,
          [names],
        ),
        sql<{ name: string; queued: number; active: number }>(
          `select name, count(*) filter (where state in ('created', 'retry'))::int as queued, count(*) filter (where state = 'active')::int as active
           from ${schema}.job where name = any($1::text[]) and state < 'completed' group by name`,
          [names],
        ),
      ]);
      return definitions.map((definition) => {
        const stored = schedules.get(definition.name);
        const count = counts.find((row) => row.name === definition.name);
        const failure = failures.find((row) => row.name === definition.name);
        let nextRunAt: Date | null = null;
        if (stored) {
          try {
            nextRunAt = boss.previewSchedule(stored.cron, { tz: stored.timezone, count: 1 })[0] ?? null;
          } catch {
            nextRunAt = null;
          }
        }
        return {
          name: definition.name,
          title: definition.title,
          schedule: stored ? { cron: stored.cron, timeZone: stored.timezone } : null,
          nextRunAt,
          retryLimit: definition.retry.limit,
          timeoutSeconds: definition.timeoutSeconds,
          queued: count?.queued ?? 0,
          active: count?.active ?? 0,
          runs: runs.filter((row) => row.name === definition.name).map(toRecord),
          lastFailure: failure ? toRecord(failure) : null,
        };
      });
    },
  };
}
