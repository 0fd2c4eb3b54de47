import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { NotificationAudience } from '@nastavnik/domain';
import { v7 as uuidv7 } from 'uuid';

/**
 * pending → sent | failed; `held` waits for the recipient's daily digest (then `digested`);
 * `suppressed` was switched off by the recipient (kept so the log shows why nothing went).
 */
export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'held' | 'digested' | 'suppressed';

/**
 * The outbox (core): one letter to one person on one channel, rendered when the event happened, sent
 * by the job `notifications.deliver` (retried with backoff, logged). `dedupKey` makes the same event
 * produce one letter however often it is reported. `personRef` names the person the letter goes to
 * or is about (`partner_application:<id>`, `participant:<id>`): erasing that person blanks their letters.
 */
@Entity({ schema: 'core', tableName: 'notification' })
@Index({ name: 'notification_status_next_attempt_at_index', properties: ['status', 'nextAttemptAt'] })
@Index({ name: 'notification_district_id_created_at_index', properties: ['districtId', 'createdAt'] })
@Index({ name: 'notification_person_ref_index', properties: ['personRef'] })
// The in-app inbox: one user's copies, newest first (partial: only the inbox channel's rows).
@Index({
  name: 'notification_inbox_index',
  expression: `create index "notification_inbox_index" on "core"."notification" ("recipient_username", "created_at") where "channel" = 'inbox'`,
})
export class Notification {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** What the letter is about: `partners.application-received`, `roadmaps.returned`, … */
  @Property({ type: 'string', length: 80 })
  kind!: string;

  @Property({ type: 'string', length: 20 })
  channel!: string;

  @Property({ type: 'string', length: 300, unique: 'notification_dedup_key_unique' })
  dedupKey!: string;

  /** The district whose work it is (its officers see it in the delivery log); null — the platform's. */
  @Property({ type: 'uuid', nullable: true })
  districtId: string | null = null;

  @Property({ type: 'string', length: 120, nullable: true })
  personRef: string | null = null;

  /** staff, partner, participant, representative: the delivery log masks the last two's addresses. */
  @Property({ type: 'string', length: 20, default: 'staff' })
  audience: Opt<NotificationAudience> = 'staff';

  @Property({ type: 'string', length: 254 })
  recipientAddress!: string;

  @Property({ type: 'string', length: 300, nullable: true })
  recipientName: string | null = null;

  /** The recipient's login, when they have one: the `inbox` channel's copy is theirs; preferences are keyed by it. */
  @Property({ type: 'string', length: 120, nullable: true })
  recipientUsername: string | null = null;

  /** When the recipient opened it in the in-app inbox. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  readAt: Date | null = null;

  /** The one-click unsubscribe for this kind (List-Unsubscribe); null for a kind that cannot be switched off. */
  @Property({ type: 'string', length: 1000, nullable: true })
  unsubscribeUrl: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true, unique: 'notification_unsubscribe_token_hash_unique' })
  unsubscribeTokenHash: string | null = null;

  @Property({ type: 'string', length: 500 })
  subject!: string;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text' })
  html!: string;

  /** The object's page the letter links to (for the log). */
  @Property({ type: 'string', length: 1000, nullable: true })
  link: string | null = null;

  @Property({ type: 'string', length: 20, default: 'pending' })
  status: Opt<NotificationStatus> = 'pending';

  @Property({ type: 'integer', default: 0 })
  attempts: Opt<number> = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  nextAttemptAt: Opt<Date> = new Date();

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  sentAt: Date | null = null;
}
