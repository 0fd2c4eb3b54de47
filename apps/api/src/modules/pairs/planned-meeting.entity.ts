import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * The pair's next meeting, planned ahead by its mentor or the school's curator: when (an instant,
 * typed as a day and a time in the product's time zone), which kind, where. One per pair: planning
 * again moves it. It stays shown until a meeting on or after its day is recorded, so a meeting that
 * passed unrecorded reminds the mentor to record it. Notices before it come with issue 16.
 */
@ObjectType('PlannedMeeting', { description: 'Запланированная следующая встреча пары/группы.' })
@Entity({ schema: '*', tableName: 'planned_meeting' })
@Unique({ name: 'planned_meeting_pair_id_unique', properties: ['pairId'] })
export class PlannedMeeting {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  pairId!: string;

  @Field(() => Date, { description: 'Начало встречи.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startsAt!: Date;

  @Field(() => String, { description: 'acquaintance, trial, planning, regular, final.' })
  @Property({ type: 'string', length: 20 })
  type!: string;

  @Field(() => String, { nullable: true, description: 'Место или ссылка (школе и участникам пары).' })
  @Property({ type: 'string', length: 300, nullable: true })
  place: string | null = null;

  @Field(() => String, { description: 'Кто запланировал.' })
  @Property({ type: 'string', length: 300 })
  plannedByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}

@InputType('PlanMeetingInput')
export class PlanMeetingInput {
  @Field(() => ID)
  pairId!: string;

  @Field({ description: 'День встречи, ГГГГ-ММ-ДД.' })
  date!: string;

  @Field({ description: 'Время начала, ЧЧ:ММ (часовой пояс платформы).' })
  time!: string;

  @Field({ description: 'acquaintance, trial, planning, regular, final.' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'Место или ссылка на видеовстречу.' })
  place?: string | null;
}
