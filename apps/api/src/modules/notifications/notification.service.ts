import type { LetterContent, NotificationAudience } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { currentLogger, silentLogger } from '../../engine/logging.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { isPermanentFailure, type NotificationChannel } from './channels.js';
import { Notification } from './notification.entity.js';

/** A letter to enqueue: who, what, about which object, and the key that makes it happen once. */
export interface LetterRequest {
  kind: string;
  /** The same key enqueues nothing the second time (`<kind>:<object id>:<recipient>[:<period>]`). */
  dedupKey: string;
  districtId: string | null;
  personRef: string | null;
  audience: NotificationAudience;
  /** `username` when the recipient has a login (staff, partners): their in-app inbox gets the letter too. */
  to: { address: string; name: string | null; username?: string };
  letter: LetterContent;
  link: string | null;
  channel?: string;
}

/** Minutes before the 2nd, 3rd, 4th and 5th attempts; after the 5th the letter is failed. */
export const RETRY_MINUTES = [1, 5, 15, 60] as const;
export const MAX_ATTEMPTS = RETRY_MINUTES.length + 1;

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
  /** Letters of a channel that is not configured (no SMTP_URL): left waiting. */
  waiting: number;
}

/**
 * The outbox and its delivery. Senders enqueue rendered letters (deduplicated by key); the job
 * `notifications.deliver` sends what is due through the registered channels, retrying temporary
 * failures with backoff and keeping every outcome in the row (the delivery log reads it).
 */
export class NotificationService {
  constructor(
    private readonly clock: Clock,
    private readonly channels: ReadonlyMap<string, NotificationChannel>,
    /** Asks the delivery job to run soon (wired to the job queue), so a letter does not wait for the schedule. */
    private readonly wake: () => void = () => {},
  ) {}

  /** Enqueues letters; a key already enqueued is skipped. Returns how many were new. */
  async enqueue(em: EntityManager, requests: readonly LetterRequest[]): Promise<number> {
    let added = 0;
    const now = this.clock.now();
    for (const request of requests) {
      const address = request.to.address.trim();
      if (!address) continue;
      const rows = await em.getConnection().execute<Array<{ id: string }>>(
        `insert into "core"."notification" (id, kind, channel, dedup_key, district_id, person_ref, audience, recipient_address, recipient_name,
           subject, text, html, link, status, attempts, next_attempt_at, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
         on conflict (dedup_key) do nothing returning id`,
        [
          new Notification().id,
          request.kind,
          request.channel ?? 'email',
          request.dedupKey.slice(0, 300),
          request.districtId,
          request.personRef,
          request.audience,
          address,
          request.to.name,
          request.letter.subject.slice(0, 500),
          request.letter.text,
          request.letter.html,
          request.link,
          now,
          now,
        ],
      );
      added += rows.length;
    }
    if (added > 0) this.wake();
    return added;
  }

  /** Sends the letters that are due (oldest first, `limit` at a time); the job calls it until none is left. */
  async deliverDue(em: EntityManager, limit = 200): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, waiting: 0 };
    const due = await em.find(
      Notification,
      { status: 'pending', nextAttemptAt: { $lte: this.clock.now() } },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit },
    );
    for (const notification of due) {
      const channel = this.channels.get(notification.channel);
      if (!channel) {
        report.waiting += 1;
        continue;
      }
      notification.attempts += 1;
      try {
        await channel.deliver(notification);
        notification.status = 'sent';
        notification.sentAt = this.clock.now();
        notification.lastError = null;
        report.sent += 1;
      } catch (error) {
        notification.lastError = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
        if (isPermanentFailure(error) || notification.attempts >= MAX_ATTEMPTS) {
          notification.status = 'failed';
          report.failed += 1;
        } else {
          notification.nextAttemptAt = new Date(this.clock.now().getTime() + RETRY_MINUTES[notification.attempts - 1]! * 60_000);
          report.retried += 1;
        }
        currentLogger(silentLogger()).warn(
          { notificationId: notification.id, kind: notification.kind, attempt: notification.attempts, status: notification.status, err: error },
          'notification delivery failed',
        );
      }
      // Each outcome is kept at once: a crash mid-batch does not send a letter twice.
      await em.flush();
    }
    return report;
  }

  /**
   * Erasure (152-ФЗ): the person's letters lose their address, name and content; the log keeps that
   * a letter of that kind was sent. Pending ones are failed — nothing of theirs is sent afterwards.
   */
  async eraseFor(em: EntityManager, personRef: string): Promise<number> {
    await em.nativeUpdate(Notification, { personRef, status: 'pending' }, { status: 'failed', lastError: 'Персональные данные удалены: письмо не отправлено' });
    return em.nativeUpdate(Notification, { personRef }, { recipientAddress: '', recipientName: null, subject: 'Удалено', text: '', html: '', link: null });
  }

  /**
   * Erasure of letters about a person that went to others (a pair's letters name its members): the
   * letters whose keys start with one of `prefixes` are blanked, the pending ones failed.
   */
  async eraseByKeyPrefixes(em: EntityManager, prefixes: readonly string[]): Promise<number> {
    let erased = 0;
    // em.execute: inside the caller's transaction (the withdrawal's), so the erasure is all or nothing.
    for (const prefix of prefixes) {
      await em.execute(
        `update "core"."notification" set status = 'failed', last_error = ? where status = 'pending' and starts_with(dedup_key, ?)`,
        ['Персональные данные удалены: письмо не отправлено', prefix],
        'run',
      );
      const result = await em.execute<{ affectedRows: number }>(
        `update "core"."notification" set recipient_address = '', recipient_name = null, subject = 'Удалено', text = '', html = '', link = null
          where starts_with(dedup_key, ?)`,
        [prefix],
        'run',
      );
      erased += result.affectedRows ?? 0;
    }
    return erased;
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    notifications: NotificationService;
  }
}
