import { scheduleEvery, type JobDefinition } from '../../engine/jobs/definition.js';
import type { NotificationService } from './notification.service.js';
import type { DigestService } from './digest.service.js';

export const DELIVER_NOTIFICATIONS_JOB = 'notifications.deliver';

/**
 * Sends the outbox: every minute, and soon after a letter is enqueued (the service wakes it). One
 * run at a time across replicas (the queue's policy), so a letter is never sent twice by two of them.
 */
export function deliverNotificationsJob(options: { notifications: NotificationService }): JobDefinition {
  return {
    name: DELIVER_NOTIFICATIONS_JOB,
    title: 'Отправка уведомлений (почта)',
    schedule: scheduleEvery(60),
    runAfterStartSeconds: 5,
    retry: { limit: 2, delaySeconds: 30 },
    timeoutSeconds: 600,
    async handler({ orm, signal }) {
      const total = { sent: 0, retried: 0, failed: 0, waiting: 0 };
      for (let round = 0; round < 50 && !signal.aborted; round++) {
        const report = await options.notifications.deliverDue(orm.em.fork());
        total.sent += report.sent;
        total.retried += report.retried;
        total.failed += report.failed;
        total.waiting = report.waiting;
        if (report.sent + report.retried + report.failed === 0) break;
      }
      return total;
    },
  };
}

export const SEND_DIGESTS_JOB = 'notifications.digest';

/** The daily digest of letters held by the recipients' choice: every morning at 08:00. */
export function sendDigestsJob(options: { digests: DigestService; timeZone: string }): JobDefinition {
  return {
    name: SEND_DIGESTS_JOB,
    title: 'Сводка уведомлений за день',
    schedule: { cron: '0 8 * * *', timeZone: options.timeZone },
    retry: { limit: 2, delaySeconds: 300 },
    timeoutSeconds: 600,
    handler: ({ orm }) => options.digests.sendDue(orm.em.fork()),
  };
}
