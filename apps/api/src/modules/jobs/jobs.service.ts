import { forbidden } from '../../engine/errors.js';
import type { JobOverview, JobQueue, JobRunRecord } from '../../engine/jobs/queue.js';
import type { ServiceContext } from '../../engine/services.js';
import type { BackgroundJobGql, BackgroundJobRunGql, BackgroundJobState, BackgroundJobTrigger } from './types.js';

/** «Фоновые задачи»: what the platform admin sees of the job queue. */
export class BackgroundJobService {
  constructor(private readonly queue: JobQueue) {}

  async list({ actor }: Pick<ServiceContext, 'actor'>, runs = 10): Promise<BackgroundJobGql[]> {
    if (!actor.access.platform) throw forbidden();
    return (await this.queue.overview({ runs })).map(toGql);
  }
}

function toGql(job: JobOverview): BackgroundJobGql {
  return {
    name: job.name,
    title: job.title,
    schedule: job.schedule?.cron ?? null,
    timeZone: job.schedule?.timeZone ?? null,
    nextRunAt: job.nextRunAt,
    retryLimit: job.retryLimit,
    timeoutSeconds: job.timeoutSeconds,
    queued: job.queued,
    active: job.active,
    runs: job.runs.map(runToGql),
    lastFailure: job.lastFailure ? runToGql(job.lastFailure) : null,
  };
}

function runToGql(run: JobRunRecord): BackgroundJobRunGql {
  return {
    id: run.id,
    state: run.state as BackgroundJobState,
    trigger: run.trigger as BackgroundJobTrigger | null,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    completedAt: run.completedAt,
    retryCount: run.retryCount,
    retryLimit: run.retryLimit,
    error: run.error,
    summary: run.summary ? JSON.stringify(run.summary) : null,
  };
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    jobs: BackgroundJobService;
  }
}
