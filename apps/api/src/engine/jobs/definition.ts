import type { Logger } from '../logging.js';
import type { MikroORM } from '../orm/create-orm.js';

/** What started a run: its schedule, a replica's start, or someone asking (tests, a later «run now»). */
export type JobTrigger = 'schedule' | 'start' | 'manual';

/** What a handler gets: platform things only; the module's services are closed over where it is wired. */
export interface JobContext {
  orm: MikroORM;
  /** A child logger naming the job, the run and the attempt. */
  logger: Logger;
  /** Aborted when this process stops, or when the run overstays `timeoutSeconds`: stop between steps. */
  signal: AbortSignal;
  jobId: string;
  /** 0 on the first attempt, 1 on the first retry… */
  retryCount: number;
  trigger: JobTrigger;
}

export interface JobSchedule {
  /** A cron expression (minute resolution) or an RFC 5545 rule (`FREQ=MINUTELY;INTERVAL=7`). */
  cron: string;
  /** Zone the expression is read in (default: the API's TIME_ZONE). */
  timeZone?: string;
}

/**
 * One kind of background work, owned by its module and wired at the composition root (app.ts).
 * Every definition is a queue of its own with at most one run waiting and one running across all
 * replicas (pg-boss's `stately` policy): a schedule firing while a run is still going does not pile
 * up a second one, and two replicas never run it at the same time.
 */
export interface JobDefinition {
  /** Queue name, stable (it keys the history): `<module>.<what>`, latin, digits, `.`, `-`, `_`. */
  name: string;
  /** What the platform admin reads on «Фоновые задачи». */
  title: string;
  /** null: runs only when asked (or after start, see below). */
  schedule: JobSchedule | null;
  /** A run this many seconds after a replica starts (one across replicas starting together); omitted: none. */
  runAfterStartSeconds?: number;
  retry: {
    /** Attempts after the first one. */
    limit: number;
    delaySeconds: number;
    /** Exponential backoff from delaySeconds. */
    backoff?: boolean;
  };
  /** A run still going after this is failed (and retried while attempts remain); its signal is aborted. */
  timeoutSeconds: number;
  /** Resolves with a small summary (stored with the run, shown to the admin); throws to fail the run. */
  handler(context: JobContext): Promise<Record<string, unknown> | void>;
}

/**
 * The schedule for «every N seconds» as pg-boss reads it. Occurrences are per minute at the finest
 * (pg-boss files one job per minute slot), so N is rounded to whole minutes; intervals that divide
 * an hour or a day become plain cron, others a recurrence rule (anchored on the epoch, so every
 * replica agrees on the phase). 0 → null (off).
 */
export function scheduleEvery(seconds: number, timeZone?: string): JobSchedule | null {
  if (seconds <= 0) return null;
  const minutes = Math.max(1, Math.round(seconds / 60));
  const at = (cron: string): JobSchedule => ({ cron, ...(timeZone ? { timeZone } : {}) });
  if (minutes === 1) return at('* * * * *');
  if (minutes < 60 && 60 % minutes === 0) return at(`*/${minutes} * * * *`);
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    if (hours === 1) return at('0 * * * *');
    if (hours < 24 && 24 % hours === 0) return at(`0 */${hours} * * *`);
    if (hours === 24) return at('0 0 * * *');
  }
  return at(`FREQ=MINUTELY;INTERVAL=${minutes}`);
}
