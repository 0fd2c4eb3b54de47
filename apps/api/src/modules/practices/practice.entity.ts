import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * A best-practice case (кейс лучшей практики) written up from a completed pair or group: draft →
 * ready → published (and back). `participantIds` are the people of the pair: every one of them must
 * have a consent to publication while the case is published.
 */
@ObjectType('BestPractice')
@Entity({ schema: '*', tableName: 'best_practice' })
@Index({ name: 'best_practice_organization_id_index', properties: ['organizationId', 'status'] })
@Index({ name: 'best_practice_programme_id_index', properties: ['programmeId'] })
export class BestPractice {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  programmeId!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  organizationId!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  pairId!: string;

  @Property({ type: 'json' })
  participantIds!: string[];

  @Field(() => String, { description: 'Форма наставничества пары (код каталога).' })
  @Property({ type: 'string', length: 50 })
  form!: string;

  @Field(() => String, { description: 'Вид наставничества пары (код).' })
  @Property({ type: 'string', length: 30 })
  kind!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => String, { description: 'Описание: запрос, как работала пара.' })
  @Property({ type: 'text' })
  summary!: string;

  @Field(() => String, { description: 'Результаты.' })
  @Property({ type: 'text' })
  results!: string;

  @Field(() => Boolean, { description: 'Показывать имена участников (все участники дали согласие на публикацию).' })
  @Property({ type: 'boolean', default: false })
  showNames: Opt<boolean> = false;

  @Field(() => String, { description: 'draft, ready, published.' })
  @Property({ type: 'string', length: 20 })
  status!: 'draft' | 'ready' | 'published';

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 300, nullable: true })
  publishedByName: string | null = null;

  @Field(() => String, { nullable: true, description: 'Почему кейс снят с публикации (например, отзыв согласия).' })
  @Property({ type: 'text', nullable: true })
  unpublishedReason: string | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  createdByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}
