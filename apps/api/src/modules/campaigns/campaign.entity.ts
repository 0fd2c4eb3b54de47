import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * A district's campaign: «all (or these) schools submit their roadmaps for 2025/2026 by 20.09.2025».
 * `allOrganizations`: every organisation of the district (also ones added later), else the ids in
 * `organizationIds` (`core.organization`, no foreign key: schemas stay independent).
 */
@ObjectType('Campaign')
@Entity({ schema: '*', tableName: 'campaign' })
export class Campaign {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field()
  @Property({ type: 'string', length: 500 })
  title!: string;

  @Field({ description: 'Учебный год, например «2025/2026».' })
  @Property({ type: 'string', length: 9 })
  academicYear!: string;

  @Field({ description: 'Начало периода дорожных карт, ГГГГ-ММ-ДД.' })
  @Property({ type: 'date' })
  periodStart!: string;

  @Field({ description: 'Конец периода дорожных карт, ГГГГ-ММ-ДД.' })
  @Property({ type: 'date' })
  periodEnd!: string;

  @Field({ description: 'Срок представления дорожных карт, ГГГГ-ММ-ДД.' })
  @Property({ type: 'date' })
  dueDate!: string;

  @Field(() => Boolean, { description: 'Все организации муниципалитета (иначе — выбранные).' })
  @Property({ type: 'boolean', default: true })
  allOrganizations: Opt<boolean> = true;

  @Property({ type: 'uuid[]', columnType: 'uuid[]', defaultRaw: `'{}'` })
  organizationIds: Opt<string[]> = [];

  @Property({ type: 'string', length: 255 })
  createdByUserId!: string;

  @Field({ description: 'Кто открыл кампанию.' })
  @Property({ type: 'string', length: 300 })
  createdByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  /** When the «new campaign» letters to its schools were queued; null: still to go (campaign-letters.ts). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  openedLettersAt: Opt<Date> | null = null;
}
