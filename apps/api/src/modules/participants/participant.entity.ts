import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * A person of a programme's base (mentor or mentee). Personal data (names, birth date, contacts,
 * class/position, experience, special groups, tags and text) are erased on withdrawal of consent:
 * the row keeps its id, category, organisation, partner and age band for the statistics.
 * `tags`/`freeText`: the mentor's competences or the mentee's request.
 */
@ObjectType('Participant')
@Entity({ schema: '*', tableName: 'participant' })
@Index({ name: 'participant_programme_id_index', properties: ['programmeId'] })
@Index({ name: 'participant_username_index', properties: ['username'] })
export class Participant {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  organizationId!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  programmeId!: string;

  @Property({ type: 'string', length: 10 })
  role!: 'mentor' | 'mentee';

  /** The platform user (role mentor or mentee) who is this person: they see their own pairs. */
  @Property({ type: 'string', length: 255, nullable: true })
  username: string | null = null;

  @Field(() => String, { description: 'Категория (код каталога: pupil, teacher, young-specialist, alumnus, parent, student, partner-employee).' })
  @Property({ type: 'string', length: 30 })
  category!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  partnerId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  lastName: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  firstName: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  middleName: string | null = null;

  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД.' })
  @Property({ type: 'date', nullable: true })
  birthDate: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  classOrPosition: string | null = null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  experienceYears: number | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 255, nullable: true })
  email: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 30, nullable: true })
  phone: string | null = null;

  @Field(() => [String], { description: 'Особые группы (disability, gifted, difficult-life-situation, orphan, low-income-rural).' })
  @Property({ type: 'json' })
  specialGroups!: string[];

  @Field(() => [String], { description: 'Компетенции наставника или запрос наставляемого: теги.' })
  @Property({ type: 'json' })
  tags!: string[];

  @Field(() => String, { description: 'Компетенции наставника или запрос наставляемого: описание.' })
  @Property({ type: 'text' })
  freeText!: string;

  @Field(() => Boolean, { description: 'Согласие отозвано: персональные данные удалены.' })
  @Property({ type: 'boolean', default: false })
  anonymized: Opt<boolean> = false;

  @Field(() => String, { nullable: true })
  @Property({ type: 'date', nullable: true })
  anonymizedOn: string | null = null;

  @Field(() => String, { nullable: true, description: 'Возрастная группа (для статистики после обезличивания).' })
  @Property({ type: 'string', length: 20, nullable: true })
  ageBand: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/** A consent (152-ФЗ): by the person, or by a legal representative for a minor. */
@ObjectType('ParticipantConsent')
@Entity({ schema: '*', tableName: 'participant_consent' })
@Index({ name: 'participant_consent_participant_id_index', properties: ['participantId'] })
export class ParticipantConsent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  participantId!: string;

  @Field(() => String, { description: 'self — сам участник; representative — законный представитель.' })
  @Property({ type: 'string', length: 20 })
  givenBy!: 'self' | 'representative';

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 300, nullable: true })
  representativeName: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Адрес электронной почты представителя для писем о несовершеннолетнем (при согласии на связь по почте).',
  })
  @Property({ type: 'string', length: 254, nullable: true })
  representativeEmail: string | null = null;

  @Field(() => String, { nullable: true, description: 'mother, father, adoptive-parent, guardian, trustee, institution.' })
  @Property({ type: 'string', length: 30, nullable: true })
  representativeRelation: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  representativeDocument: string | null = null;

  @Field(() => [String], { description: 'processing, publication, photo-video.' })
  @Property({ type: 'json' })
  scopes!: string[];

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  textVersion!: string;

  @Field(() => String)
  @Property({ type: 'date' })
  signedOn!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'date', nullable: true })
  validUntil: string | null = null;

  @Field(() => ID, { nullable: true, description: 'Скан подписанного согласия (вложение).' })
  @Property({ type: 'uuid', nullable: true })
  attachmentId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'date', nullable: true })
  withdrawnOn: string | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  recordedByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/** Who saw or changed a person's personal data, when, and in which operation. */
@ObjectType('ParticipantAccessLogEntry')
@Entity({ schema: '*', tableName: 'participant_access_log' })
@Index({ name: 'participant_access_log_participant_id_index', properties: ['participantId'] })
export class ParticipantAccessLog {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  participantId!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  userId!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  userName!: string;

  @Field(() => String, { description: 'view-card, list, pairs, create, update, import, withdraw-consent, …' })
  @Property({ type: 'string', length: 50 })
  operation!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  at: Opt<Date> = new Date();
}
