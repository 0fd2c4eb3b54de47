import { pluralRu } from '@nastavnik/domain';
import { scheduleEvery, type JobContext, type JobDefinition } from '../../engine/jobs/definition.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { CampaignLetters } from './campaign-letters.js';
import { migratedDistricts, type LetterDistrict } from './letter-recipients.js';

export const CAMPAIGN_OPENED_LETTERS_JOB = 'campaigns.opened-letters';
export const CAMPAIGN_DEADLINE_LETTERS_JOB = 'campaigns.deadline-letters';

/**
 * Runs `work` for every migrated district, one at a time, each with its own EntityManager fork. A
 * failing district does not stop the others; the run then fails naming them (so it is retried —
 * the letters' keys make the retry send only what is missing — and shows on «Фоновые задачи»).
 */
export async function forEachDistrict(
  { orm, logger, signal }: Pick<JobContext, 'orm' | 'logger' | 'signal'>,
  work: (em: EntityManager, district: LetterDistrict) => Promise<Record<string, number>>,
): Promise<Record<string, number>> {
  const districts = await migratedDistricts(orm.em.fork());
  const total: Record<string, number> = { districts: districts.length };
  const failed: string[] = [];
  for (const district of districts) {
    signal.throwIfAborted();
    try {
      const counts = await work(orm.em.fork(), district);
      for (const [key, value] of Object.entries(counts)) total[key] = (total[key] ?? 0) + value;
    } catch (error) {
      failed.push(district.code);
      logger.error({ err: error, district: district.id }, 'letters of a district failed');
    }
  }
  if (failed.length > 0)
    throw new Error(
      `Письма не поставлены в очередь для ${failed.length} из ${districts.length} ${pluralRu(districts.length, ['муниципалитета', 'муниципалитетов', 'муниципалитетов'])}: ${failed.slice(0, 20).join(', ')}${failed.length > 20 ? '…' : ''}`,
    );
  return total;
}

/**
 * «A new campaign» letters: asked for right after a campaign is opened (so the request itself does
 * not look up a thousand schools' people), and every 10 minutes in case that ask was lost.
 */
export function campaignOpenedLettersJob(options: { letters: CampaignLetters; timeZone: string }): JobDefinition {
  return {
    name: CAMPAIGN_OPENED_LETTERS_JOB,
    title: 'Письма о новой кампании дорожных карт (куратору и директору)',
    schedule: scheduleEvery(600, options.timeZone),
    retry: { limit: 3, delaySeconds: 60, backoff: true },
    timeoutSeconds: 1800,
    handler: (context) => forEachDistrict(context, (em, district) => options.letters.sendOpened(em, district)),
  };
}

/** The deadline letters of campaigns (7 days and 1 day before, the day after), every morning. */
export function campaignDeadlineLettersJob(options: { letters: CampaignLetters; timeZone: string }): JobDefinition {
  return {
    name: CAMPAIGN_DEADLINE_LETTERS_JOB,
    title: 'Напоминания о сроке кампании: не представившим дорожную карту и сводка специалисту',
    schedule: { cron: '0 9 * * *', timeZone: options.timeZone },
    retry: { limit: 3, delaySeconds: 300, backoff: true },
    timeoutSeconds: 3600,
    handler: (context) => forEachDistrict(context, (em, district) => options.letters.sendDeadlines(em, district)),
  };
}
