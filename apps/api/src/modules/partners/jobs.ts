import { PARTNER_APPLICANT_RETENTION_DAYS } from '@nastavnik/domain';
import type { JobDefinition } from '../../engine/jobs/definition.js';
import type { PartnerApplicationService } from './applications.service.js';

export const ERASE_EXPIRED_APPLICANTS_JOB = 'partners.erase-expired-applicants';

/**
 * 152-ФЗ: the contact person of an application rejected more than PARTNER_APPLICANT_RETENTION_DAYS
 * ago is erased once a day (at night, in the API's zone), whether or not anybody reads the list.
 */
export function eraseExpiredApplicantsJob(options: { applications: PartnerApplicationService; timeZone: string }): JobDefinition {
  return {
    name: ERASE_EXPIRED_APPLICANTS_JOB,
    title: `Удаление персональных данных отклонённых заявителей-партнёров (через ${PARTNER_APPLICANT_RETENTION_DAYS} дней)`,
    schedule: { cron: '30 3 * * *', timeZone: options.timeZone },
    retry: { limit: 3, delaySeconds: 300, backoff: true },
    timeoutSeconds: 600,
    async handler({ orm }) {
      const erased = await options.applications.eraseExpiredApplicants(orm.em.fork());
      return { erased };
    },
  };
}
