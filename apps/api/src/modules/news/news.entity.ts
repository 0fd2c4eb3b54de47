import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/** A news item of a school's mentorship section; only `published` items reach the public page. */
@ObjectType('SchoolNews', { description: 'Новость раздела «Наставничество» организации.' })
@Entity({ schema: '*', tableName: 'school_news' })
@Index({ name: 'school_news_organization_id_published_on_index', properties: ['organizationId', 'publishedOn'] })
export class SchoolNews {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  organizationId!: string;

  @Field()
  @Property({ type: 'string', length: 300 })
  title!: string;

  /** The date shown with the item (ГГГГ-ММ-ДД). */
  @Field({ description: 'ГГГГ-ММ-ДД.' })
  @Property({ type: 'date' })
  publishedOn!: string;

  @Field()
  @Property({ type: 'text' })
  body!: string;

  @Field(() => Boolean, { description: 'Опубликована (видна на публичной странице с даты новости).' })
  @Property({ type: 'boolean', default: false })
  published: Opt<boolean> = false;

  @Property({ type: 'string', length: 255 })
  createdByUserId!: string;

  @Field()
  @Property({ type: 'string', length: 300 })
  createdByName!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}
