import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * A school's mentorship programme («Вместе» for pupils, «Учитель – учитель»…): its forms and kinds of
 * mentorship (codes of the domain catalogues), target groups, period and curator; the director's order
 * fixing its pairs (number and date) once recorded.
 */
@ObjectType('Programme')
@Entity({ schema: '*', tableName: 'programme' })
@Index({ name: 'programme_organization_id_index', properties: ['organizationId'] })
export class Programme {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  organizationId!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Field(() => [String], { description: 'Формы наставничества (коды каталога: pupil-pupil, teacher-teacher, …).' })
  @Property({ type: 'json' })
  forms!: string[];

  @Field(() => [String], { description: 'Виды наставничества (traditional, group, virtual, short-term, reverse, situational, speed).' })
  @Property({ type: 'json' })
  kinds!: string[];

  @Field(() => [String], { description: 'Целевые группы (свободный текст).' })
  @Property({ type: 'json' })
  targetGroups!: string[];

  @Field(() => String, { description: 'ГГГГ-ММ-ДД.' })
  @Property({ type: 'date' })
  periodStart!: string;

  @Field(() => String, { description: 'ГГГГ-ММ-ДД.' })
  @Property({ type: 'date' })
  periodEnd!: string;

  @Field(() => String, { nullable: true, description: 'Куратор программы (ФИО, должность).' })
  @Property({ type: 'string', length: 300, nullable: true })
  curatorName: string | null = null;

  @Field(() => String, { nullable: true, description: 'Номер приказа о закреплении наставнических пар/групп.' })
  @Property({ type: 'string', length: 100, nullable: true })
  orderNumber: string | null = null;

  @Field(() => String, { nullable: true, description: 'Дата приказа о закреплении пар/групп, ГГГГ-ММ-ДД.' })
  @Property({ type: 'date', nullable: true })
  orderDate: string | null = null;

  @Property({ type: 'string', length: 255 })
  createdByUserId!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
