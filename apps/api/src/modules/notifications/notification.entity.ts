import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { NotificationAudience } from '@nastavnik/domain';
import { v7 as uuidv7 } from 'uuid';

export type NotificationStatus = 'pending' | 'sent' | 'failed';

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
