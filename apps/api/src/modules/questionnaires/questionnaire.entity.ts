import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Question } from '@nastavnik/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * A version of a programme's questionnaire of one kind. Only the current version is edited; once a
 * version has answers, an edit makes the next version, so old answers keep their questions.
 */
@ObjectType('QuestionnaireTemplate')
@Entity({ schema: '*', tableName: 'questionnaire_template' })
@Unique({ name: 'questionnaire_template_programme_kind_version_unique', properties: ['programmeId', 'kind', 'version'] })
export class QuestionnaireTemplate {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  programmeId!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Field(() => String, { description: 'mentee, mentor, preferences, satisfaction, impact.' })
  @Property({ type: 'string', length: 20 })
  kind!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => Boolean, { description: 'Действующая версия (по ней выдаются ссылки и вносятся ответы).' })
  @Property({ type: 'boolean' })
  isCurrent!: boolean;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  intro!: string;

  @Property({ type: 'json' })
  questions!: Question[];

  @Property({ type: 'string', length: 300 })
  createdByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/** A personal link to a form: only the SHA-256 of its token is kept; one submission, then closed. */
@Entity({ schema: '*', tableName: 'questionnaire_link' })
@Index({ name: 'questionnaire_link_programme_id_index', properties: ['programmeId', 'kind'] })
@Index({ name: 'questionnaire_link_participant_id_index', properties: ['participantId'] })
export class QuestionnaireLink {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'string', length: 64, unique: 'questionnaire_link_token_hash_unique' })
  tokenHash!: string;

  @Property({ type: 'uuid' })
  programmeId!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'uuid' })
  templateId!: string;

  @Property({ type: 'string', length: 20 })
  kind!: string;

  @Property({ type: 'uuid' })
  participantId!: string;

  @Property({ type: 'uuid', nullable: true })
  pairId: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  phase: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  responseId: string | null = null;

  @Property({ type: 'string', length: 300 })
  createdByName!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/**
 * A submitted questionnaire. `respondentKey` pairs a person's «before» and «after» answers; after a
 * withdrawal of consent it is replaced by a random key and `participantId` is cleared.
 */
@ObjectType('QuestionnaireResponse')
@Entity({ schema: '*', tableName: 'questionnaire_response' })
@Index({ name: 'questionnaire_response_programme_id_index', properties: ['programmeId', 'kind'] })
@Index({ name: 'questionnaire_response_participant_id_index', properties: ['participantId'] })
export class QuestionnaireResponse {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  programmeId!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  templateId!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 20 })
  kind!: string;

  @Field(() => ID, { nullable: true, description: 'Пусто после отзыва согласия (ответы остаются в статистике без связи с человеком).' })
  @Property({ type: 'uuid', nullable: true })
  participantId: string | null = null;

  @Property({ type: 'uuid' })
  respondentKey!: string;

  @Field(() => String, { description: 'mentor или mentee.' })
  @Property({ type: 'string', length: 10 })
  respondentRole!: 'mentor' | 'mentee';

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  pairId: string | null = null;

  @Field(() => String, { nullable: true, description: 'before / after (оценка влияния).' })
  @Property({ type: 'string', length: 10, nullable: true })
  phase: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  linkId: string | null = null;

  @Field(() => String, { description: 'staff — внесено сотрудником; link — по персональной ссылке; account — в личном кабинете.' })
  @Property({ type: 'string', length: 10 })
  source!: 'staff' | 'link' | 'account';

  @Field(() => String, { description: 'participant — сам участник; representative — законный представитель; staff — со слов участника.' })
  @Property({ type: 'string', length: 20 })
  answeredBy!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 300, nullable: true })
  enteredByName: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  submittedAt: Opt<Date> = new Date();
}

/** One answer: a scale value (with its maximum), chosen options, or a text. */
@Entity({ schema: '*', tableName: 'questionnaire_answer' })
@Index({ name: 'questionnaire_answer_response_id_index', properties: ['responseId'] })
export class QuestionnaireAnswer {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  responseId!: string;

  @Property({ type: 'string', length: 60 })
  questionId!: string;

  @Property({ type: 'integer', nullable: true })
  valueNumber: number | null = null;

  @Property({ type: 'integer', nullable: true })
  scaleMax: number | null = null;

  @Property({ type: 'json', nullable: true })
  valueChoices: string[] | null = null;

  @Property({ type: 'text', nullable: true })
  valueText: string | null = null;
}
