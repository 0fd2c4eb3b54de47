import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Grant } from '@nastavnik/domain';
import { Field, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * A user's personal calendar link (core: a user is not a district's row). Only the sha256 of the
 * token is stored: a leaked table opens no calendar. `grants` are the user's roles and places (codes)
 * when the link was made, in `districtId`; every read checks them again with the identity provider.
 */
@Entity({ schema: 'core', tableName: 'calendar_feed' })
export class CalendarFeed {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'string', length: 255, unique: 'calendar_feed_username_unique' })
  username!: string;

  @Property({ type: 'string', length: 64, columnType: 'char(64)', unique: 'calendar_feed_token_hash_unique' })
  tokenHash!: string;

  @Property({ type: 'uuid' })
  districtId!: string;

  @Property({ type: 'json' })
  grants!: Grant[];

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;
}

@ObjectType('CalendarFeedLink', { description: 'Личная ссылка на календарь (iCalendar) пользователя.' })
export class CalendarFeedLink {
  @Field(() => String, {
    nullable: true,
    description: 'Адрес календаря — только когда ссылка только что создана: хранится лишь её отпечаток. Иначе null (новая ссылка — resetMyCalendarFeed).',
  })
  url!: string | null;

  @Field(() => Date, { description: 'Когда выдана ссылка.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Когда календарь последний раз забирали по ссылке.' })
  lastUsedAt!: Date | null;
}
