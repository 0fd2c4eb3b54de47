import type { JobDefinition } from '../../engine/jobs/definition.js';
import { forEachDistrict } from '../campaigns/jobs.js';
import type { ExecutionLetters } from './execution-letters.js';

export const EXECUTION_WEEKLY_LETTERS_JOB = 'execution.weekly-letters';

/** Monday morning: what of the roadmaps in force is overdue or due this week, to each school's curator and director. */
export function executionWeeklyLettersJob(options: { letters: ExecutionLetters; timeZone: string }): JobDefinition {
  return {
    name: EXECUTION_WEEKLY_LETTERS_JOB,
    title: 'Еженедельное письмо об исполнении дорожных карт (сроки недели и просрочки)',
    schedule: { cron: '0 8 * * 1', timeZone: options.timeZone },
    retry: { limit: 3, delaySeconds: 300, backoff: true },
    timeoutSeconds: 3600,
    handler: (context) => forEachDistrict(context, (em, district) => options.letters.sendWeekly(em, district)),
  };
}
