import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { PlanExtension, PlanTask, ScoreFactor } from '@nastavnik/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * A mentoring pair or group confirmed by the curator: form, kind, mentor, mentees, period, status;
 * its individual plan (tasks, extensions) and completion live on the same row.
 */
@ObjectType('MentoringPair')
@Entity({ schema: '*', tableName: 'mentoring_pair' })
@Index({ name: 'mentoring_pair_programme_id_index', properties: ['programmeId'] })
export class MentoringPair {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  programmeId!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  organizationId!: string;

  @Field(() => String, { description: 'Форма наставничества (код).' })
  @Property({ type: 'string', length: 50 })
  form!: string;

  @Field(() => String, { description: 'Вид наставничества (код).' })
  @Property({ type: 'string', length: 30 })
  kind!: string;

  @Property({ type: 'uuid' })
  mentorId!: string;

  @Property({ type: 'json' })
  menteeIds!: string[];

  @Field(() => String)
  @Property({ type: 'date' })
  startDate!: string;

  @Field(() => String)
  @Property({ type: 'date' })
  endDate!: string;

  @Field(() => String, { description: 'active — действует; completed — завершена.' })
  @Property({ type: 'string', length: 20 })
  status!: 'active' | 'completed';

  @Field(() => Int, { nullable: true, description: 'Оценка подбора (если пара предложена подбором).' })
  @Property({ type: 'integer', nullable: true })
  score: number | null = null;

  @Property({ type: 'json' })
  explanation!: ScoreFactor[];

  @Property({ type: 'json' })
  tasks!: PlanTask[];

  @Property({ type: 'json' })
  extensions!: PlanExtension[];

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 40, nullable: true })
  completionReason: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'date', nullable: true })
  completedOn: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  completionComment: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/** A meeting of a pair or group, in the methodology's order, with the mandatory feedback. */
@ObjectType('PairMeeting')
@Entity({ schema: '*', tableName: 'pair_meeting' })
@Index({ name: 'pair_meeting_pair_id_index', properties: ['pairId'] })
export class PairMeeting {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  pairId!: string;

  @Field(() => String, { description: 'acquaintance, trial, planning, regular, final.' })
  @Property({ type: 'string', length: 20 })
  type!: string;

  @Field(() => String)
  @Property({ type: 'date' })
  date!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  notes!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  feedback!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  recordedByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
