import type { Opt } from '@mikro-orm/core';
import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { NotificationMode } from '@nastavnik/domain';

/**
 * A recipient's choice for one kind (issue 16): immediate (the default, no row), a daily digest, or
 * off. `recipientKey` is the login for a user who has one, else the address the letters go to (a
 * participant without a login unsubscribes by the letter's link).
 */
@Entity({ schema: 'core', tableName: 'notification_preference' })
@Check({ name: 'notification_preference_mode_check', expression: `"mode" in ('immediate', 'digest', 'off')` })
export class NotificationPreference {
  @PrimaryKey({ type: 'string', length: 300 })
  recipientKey!: string;

  @PrimaryKey({ type: 'string', length: 80 })
  kind!: string;

  @Property({ type: 'string', length: 10 })
  mode!: NotificationMode;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}
