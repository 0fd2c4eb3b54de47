import { createHash, randomBytes } from 'node:crypto';
import { isRequiredKind, withUnsubscribeLink, type LetterContent, type NotificationAudience, type NotificationMode } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { currentLogger, silentLogger } from '../../engine/logging.js';
import { SMTP_POOL_CONNECTIONS } from '../../engine/mail/mailer.js';
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
export interface NotificationServiceOptions {
  /** The admin's public origin: the unsubscribe links point there (`/public/…` reaches the API). */
  adminUrl: string;
  /** Asks the delivery job to run soon (wired to the job queue), so a letter does not wait for the schedule. */
  wake?: () => void;
}

/** Letters sent at once: as many as the SMTP pool keeps connections. */
const DELIVERY_CONCURRENCY = SMTP_POOL_CONNECTIONS;

/** Rows per INSERT: a reminder to a thousand schools is a few statements, not thousands. */
const INSERT_CHUNK = 400;
const COLUMNS = [
  'id',
  'kind',
  'channel',
  'dedup_key',
  'district_id',
  'person_ref',
  'audience',
  'recipient_address',
  'recipient_name',
  'recipient_username',
  'subject',
  'text',
  'html',
  'link',
  'unsubscribe_url',
  'unsubscribe_token_hash',
  'status',
  'last_error',
  'attempts',
  'next_attempt_at',
  'created_at',
] as const;

export const SUPPRESSED_REASON_RU = 'Получатель отключил такие письма';

/** Whose choices apply to a letter: the login when the recipient has one, else the address. */
export function recipientKeyOf(to: { address: string; username?: string | null }): string {
  return to.username ? `user:${to.username}` : `address:${to.address.trim().toLowerCase()}`;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The outbox and its delivery. Senders enqueue rendered letters (deduplicated by key); the outbox
 * applies the recipient's choice for the kind (at once, held for the daily digest, or switched off —
 * kept as `suppressed` so the log says why nothing went), adds the one-click unsubscribe link, and
 * gives a user with a login a copy in their in-app inbox (the `inbox` channel). The job
 * `notifications.deliver` sends what is due through the registered channels, retrying temporary
 * failures with backoff and keeping every outcome in the row (the delivery log reads it).
 */
export class NotificationService {
  private readonly adminUrl: string;
  private readonly wake: () => void;

  constructor(
    private readonly clock: Clock,
    private readonly channels: ReadonlyMap<string, NotificationChannel>,
    options: NotificationServiceOptions,
  ) {
    this.adminUrl = options.adminUrl.replace(/\/+$/, '');
    this.wake = options.wake ?? (() => {});
  }

  /** Enqueues letters; a key already enqueued is skipped. Returns how many e-mail letters were new. */
  async enqueue(em: EntityManager, requests: readonly LetterRequest[]): Promise<number> {
    const now = this.clock.now();
    const wanted = requests.filter((request) => request.to.address.trim());
    if (wanted.length === 0) return 0;
    const modes = await this.modesFor(em, wanted);
    const rows: unknown[][] = [];
    for (const request of wanted) {
      const address = request.to.address.trim();
      const channel = request.channel ?? 'email';
      const mode = isRequiredKind(request.kind) ? 'immediate' : (modes.get(`${recipientKeyOf(request.to)}|${request.kind}`) ?? 'immediate');
      let letter = request.letter;
      let unsubscribeUrl: string | null = null;
      let tokenHash: string | null = null;
      if (!isRequiredKind(request.kind)) {
        const token = randomBytes(24).toString('base64url');
        unsubscribeUrl = `${this.adminUrl}/public/unsubscribe/${token}`;
        tokenHash = hashToken(token);
        letter = withUnsubscribeLink(letter, request.kind, unsubscribeUrl);
      }
      const status = mode === 'off' ? 'suppressed' : mode === 'digest' && channel === 'email' ? 'held' : 'pending';
      const row = (rowChannel: string, dedupKey: string, rowStatus: string, content: LetterContent, url: string | null, hash: string | null) => [
        new Notification().id,
        request.kind,
        rowChannel,
        dedupKey.slice(0, 300),
        request.districtId,
        request.personRef,
        request.audience,
        address,
        request.to.name,
        request.to.username ?? null,
        content.subject.slice(0, 500),
        content.text,
        content.html,
        request.link,
        url,
        hash,
        rowStatus,
        rowStatus === 'suppressed' ? SUPPRESSED_REASON_RU : null,
        0,
        now,
        now,
      ];
      rows.push(row(channel, request.dedupKey, status, letter, unsubscribeUrl, tokenHash));
      // The in-app copy: a user with a login sees it on «Уведомления» (digest is e-mail's matter, the inbox shows it at once).
      if (request.to.username && channel === 'email')
        rows.push(row('inbox', `${request.dedupKey}#inbox`, mode === 'off' ? 'suppressed' : 'pending', request.letter, null, null));
    }
    let added = 0;
    let addedEmail = 0;
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      const values = chunk.map(() => `(${COLUMNS.map(() => '?').join(', ')})`).join(',\n');
      const inserted = await em
        .getConnection()
        .execute<Array<{ channel: string; status: string }>>(
          `insert into "core"."notification" (${COLUMNS.join(', ')}) values ${values} on conflict (dedup_key) do nothing returning channel, status`,
          chunk.flat(),
        );
      added += inserted.filter((row) => row.status === 'pending').length;
      addedEmail += inserted.filter((row) => row.channel !== 'inbox').length;
    }
    if (added > 0) this.wake();
    return addedEmail;
  }

  /** The recipients' choices for the kinds at hand, in one query. */
  private async modesFor(em: EntityManager, requests: readonly LetterRequest[]): Promise<Map<string, NotificationMode>> {
    const keys = [...new Set(requests.filter((request) => !isRequiredKind(request.kind)).map((request) => recipientKeyOf(request.to)))];
    if (keys.length === 0) return new Map();
    const rows = await em
      .getConnection()
      .execute<Array<{ recipient_key: string; kind: string; mode: NotificationMode }>>(
        `select recipient_key, kind, mode from "core"."notification_preference" where recipient_key in (${keys.map(() => '?').join(', ')})`,
        keys,
      );
    return new Map(rows.map((row) => [`${row.recipient_key}|${row.kind}`, row.mode]));
  }

  /**
   * Sends the letters that are due (oldest first, `limit` at a time); the job calls it until none is
   * left. A few at a time in parallel — as many as the SMTP pool keeps connections. Each outcome is
   * stored at once and only over a letter still pending: an erasure meanwhile (152-ФЗ) stays as it
   * left the row, and a crash resends at most the letters in flight.
   */
  async deliverDue(em: EntityManager, limit = 200): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, waiting: 0 };
    const due = await em.find(
      Notification,
      { status: 'pending', nextAttemptAt: { $lte: this.clock.now() } },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit, disableIdentityMap: true },
    );
    const inPlace = due.filter((notification) => this.channels.get(notification.channel)?.inPlace);
    if (inPlace.length > 0) {
      report.sent += await em.nativeUpdate(
        Notification,
        { id: { $in: inPlace.map((notification) => notification.id) }, status: 'pending' },
        { status: 'sent', sentAt: this.clock.now(), attempts: 1 },
      );
    }
    const outward = due.filter((notification) => !this.channels.get(notification.channel)?.inPlace);
    for (let start = 0; start < outward.length; start += DELIVERY_CONCURRENCY) {
      await Promise.all(outward.slice(start, start + DELIVERY_CONCURRENCY).map((notification) => this.attempt(em, notification, report)));
    }
    return report;
  }

  private async attempt(em: EntityManager, notification: Notification, report: DeliveryReport): Promise<void> {
    const channel = this.channels.get(notification.channel);
    if (!channel) {
      report.waiting += 1;
      return;
    }
    const attempts = notification.attempts + 1;
    let outcome: Partial<Pick<Notification, 'status' | 'sentAt' | 'lastError' | 'nextAttemptAt'>>;
    try {
      await channel.deliver(notification);
      outcome = { status: 'sent', sentAt: this.clock.now(), lastError: null };
      report.sent += 1;
    } catch (error) {
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      if (isPermanentFailure(error) || attempts >= MAX_ATTEMPTS) {
        outcome = { status: 'failed', lastError };
        report.failed += 1;
      } else {
        outcome = { lastError, nextAttemptAt: new Date(this.clock.now().getTime() + RETRY_MINUTES[attempts - 1]! * 60_000) };
        report.retried += 1;
      }
      currentLogger(silentLogger()).warn(
        { notificationId: notification.id, kind: notification.kind, attempt: attempts, status: outcome.status ?? 'pending', err: error },
        'notification delivery failed',
      );
    }
    await em.nativeUpdate(Notification, { id: notification.id, status: 'pending' }, { ...outcome, attempts });
  }

  /**
   * Erasure (152-ФЗ): the person's letters lose their address, name and content; the log keeps that
   * a letter of that kind was sent. Pending ones are failed — nothing of theirs is sent afterwards.
   */
  async eraseFor(em: EntityManager, personRef: string): Promise<number> {
    // Their choices keyed by their address go too (a login's choices are the user's, not the person's record).
    await em.getConnection().execute(
      `delete from "core"."notification_preference" where recipient_key in
         (select 'address:' || lower(recipient_address) from "core"."notification" where person_ref = ? and recipient_username is null)`,
      [personRef],
    );
    await em.nativeUpdate(
      Notification,
      { personRef, status: { $in: ['pending', 'held'] } },
      { status: 'failed', lastError: 'Персональные данные удалены: письмо не отправлено' },
    );
    return em.nativeUpdate(
      Notification,
      { personRef },
      { recipientAddress: '', recipientName: null, subject: 'Удалено', text: '', html: '', link: null, unsubscribeUrl: null, unsubscribeTokenHash: null },
    );
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
        `update "core"."notification" set status = 'failed', last_error = ? where status in ('pending', 'held') and starts_with(dedup_key, ?)`,
        ['Персональные данные удалены: письмо не отправлено', prefix],
        'run',
      );
      const result = await em.execute<{ affectedRows: number }>(
        `update "core"."notification" set recipient_address = '', recipient_name = null, subject = 'Удалено', text = '', html = '', link = null,
          unsubscribe_url = null, unsubscribe_token_hash = null where starts_with(dedup_key, ?)`,
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
