import { digestLetter } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { recipientKeyOf, type NotificationService } from './notification.service.js';

interface HeldRow {
  id: string;
  recipient_address: string;
  recipient_name: string | null;
  recipient_username: string | null;
  subject: string;
  link: string | null;
}

/**
 * The daily digest (issue 16, item 2's «digest»): the e-mail letters a recipient chose to get once a
 * day were kept `held`; each recipient gets one letter listing them, and they become `digested`.
 */
export class DigestService {
  constructor(
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
    private readonly adminUrl: string,
  ) {}

  async sendDue(em: EntityManager): Promise<{ digests: number; letters: number }> {
    const held = await em.getConnection().execute<HeldRow[]>(
      `select id, recipient_address, recipient_name, recipient_username, subject, link from "core"."notification"
          where status = 'held' and channel <> 'inbox' and recipient_address <> '' order by created_at, id`,
    );
    const byRecipient = new Map<string, HeldRow[]>();
    for (const row of held) {
      const key = recipientKeyOf({ address: row.recipient_address, username: row.recipient_username });
      byRecipient.set(key, [...(byRecipient.get(key) ?? []), row]);
    }
    const today = this.clock.today();
    let digests = 0;
    for (const [key, rows] of byRecipient) {
      const first = rows[0]!;
      await em.transactional(async (tx) => {
        digests += await this.notifications.enqueue(tx, [
          {
            kind: 'notifications.digest',
            dedupKey: `notifications.digest:${key}:${today}:${first.id}`,
            districtId: null,
            personRef: null,
            audience: first.recipient_username ? 'staff' : 'participant',
            to: { address: first.recipient_address, name: first.recipient_name },
            letter: digestLetter({
              greetingName: null,
              entries: rows.map((row) => ({ subject: row.subject, link: row.link })),
              preferencesUrl: `${this.adminUrl}/notifications`,
            }),
            link: `${this.adminUrl}/notifications`,
          },
        ]);
        await tx
          .getConnection()
          .execute(`update "core"."notification" set status = 'digested', sent_at = ? where id in (${rows.map(() => '?').join(', ')}) and status = 'held'`, [
            this.clock.now(),
            ...rows.map((row) => row.id),
          ]);
      });
    }
    return { digests, letters: held.length };
  }
}
