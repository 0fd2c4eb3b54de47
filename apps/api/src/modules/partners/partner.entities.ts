import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * Partner organisations' own data (issue 6), all in the shared schema `core`: a partner is outside
 * the district hierarchy, its mentors may work in schools of several districts. References are
 * plain uuids (core.partner_organization, core.district, core.organization; district-schema rows by id).
 */

/** A sign-up through the public page: pending until an officer of its district (or the platform admin) decides. */
@ObjectType('PartnerApplication')
@Entity({ schema: 'core', tableName: 'partner_application' })
@Index({ name: 'partner_application_inn_index', properties: ['inn'] })
@Index({ name: 'partner_application_district_id_status_index', properties: ['districtId', 'status'] })
export class PartnerApplication {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => String, { description: 'pending, approved, rejected.' })
  @Property({ type: 'string', length: 20 })
  status!: 'pending' | 'approved' | 'rejected';

  @Field(() => String)
  @Property({ type: 'string', length: 1000 })
  name!: string;

  @Field(() => String, { description: 'Код вида партнёра домена: enterprise, university, ngo, culture-sport, alumni, other.' })
  @Property({ type: 'string', length: 30 })
  kind!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 12, nullable: true })
  inn: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 15, nullable: true })
  ogrn: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 9, nullable: true })
  kpp: string | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 1000 })
  address!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  regionId!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  districtId!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  contactName!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 300, nullable: true })
  contactPosition: string | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 254 })
  contactEmail!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 30 })
  contactPhone!: string;

  @Field(() => String, { nullable: true, description: 'Причина отклонения.' })
  @Property({ type: 'text', nullable: true })
  rejectReason: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 300, nullable: true })
  decidedByName: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  @Field(() => ID, { nullable: true, description: 'Организация-партнёр, созданная при одобрении.' })
  @Property({ type: 'uuid', nullable: true })
  partnerId: string | null = null;

  @Field(() => String, { nullable: true, description: 'Логин администратора партнёра, созданный при одобрении.' })
  @Property({ type: 'string', length: 255, nullable: true })
  adminUsername: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { nullable: true, description: 'Когда контактное лицо дало согласие на обработку персональных данных.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  consentGivenAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Версия текста согласия.' })
  @Property({ type: 'string', length: 100, nullable: true })
  consentTextVersion: string | null = null;

  @Field(() => String, { nullable: true, description: 'Текст согласия, показанный на странице заявки.' })
  @Property({ type: 'text', nullable: true })
  consentText: string | null = null;

  @Field(() => Date, { nullable: true, description: 'Когда персональные данные контактного лица удалены (отклонённая заявка).' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  personalDataErasedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Кто удалил персональные данные (пусто — удалены по истечении срока хранения).' })
  @Property({ type: 'string', length: 300, nullable: true })
  personalDataErasedByName: string | null = null;
}

/** A mentor the partner provides (an employee, a student, a member): the partner's own registry. */
@ObjectType('PartnerMentor')
@Entity({ schema: 'core', tableName: 'partner_mentor' })
@Index({ name: 'partner_mentor_partner_id_index', properties: ['partnerId'] })
export class PartnerMentor {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  partnerId!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  lastName!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  firstName!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  middleName: string | null = null;

  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД.' })
  @Property({ type: 'date', nullable: true })
  birthDate: string | null = null;

  @Field(() => String, { nullable: true, description: 'Должность в организации-партнёре.' })
  @Property({ type: 'string', length: 200, nullable: true })
  position: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 255, nullable: true })
  email: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 30, nullable: true })
  phone: string | null = null;

  @Field(() => [String], { description: 'Компетенции: теги.' })
  @Property({ type: 'json' })
  tags!: string[];

  @Field(() => String, { description: 'Компетенции: описание.' })
  @Property({ type: 'text' })
  freeText!: string;

  @Field(() => String, { description: 'Когда может заниматься (свободный текст: «вт, чт после 16:00»).' })
  @Property({ type: 'string', length: 500 })
  availability!: string;

  @Field(() => Int, { description: 'Сколько наставляемых может вести одновременно.' })
  @Property({ type: 'integer' })
  capacity!: number;

  @Field(() => String, { nullable: true, description: 'В архиве с (ГГГГ-ММ-ДД): не предлагается школам.' })
  @Property({ type: 'date', nullable: true })
  archivedOn: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/** The mentor's own consent (an adult) to the processing of personal data. */
@ObjectType('PartnerMentorConsent')
@Entity({ schema: 'core', tableName: 'partner_mentor_consent' })
@Index({ name: 'partner_mentor_consent_mentor_id_index', properties: ['mentorId'] })
export class PartnerMentorConsent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  mentorId!: string;

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

/** A cooperation agreement (соглашение о сотрудничестве) with one school or a whole district. */
@ObjectType('PartnerAgreement')
@Entity({ schema: 'core', tableName: 'partner_agreement' })
@Index({ name: 'partner_agreement_partner_id_index', properties: ['partnerId'] })
@Index({ name: 'partner_agreement_district_id_index', properties: ['districtId'] })
export class PartnerAgreement {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  partnerId!: string;

  @Field(() => String, { description: 'school — с одной школой; district — с муниципалитетом (все его школы).' })
  @Property({ type: 'string', length: 10 })
  level!: 'school' | 'district';

  @Field(() => ID, { description: 'Муниципалитет стороны (для школы — её муниципалитет).' })
  @Property({ type: 'uuid' })
  districtId!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  organizationId: string | null = null;

  @Field(() => String)
  @Property({ type: 'text' })
  subject!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  number: string | null = null;

  @Field(() => String, { nullable: true, description: 'Дата заключения, ГГГГ-ММ-ДД.' })
  @Property({ type: 'date', nullable: true })
  signedOn: string | null = null;

  @Field(() => String)
  @Property({ type: 'date' })
  periodStart!: string;

  @Field(() => String, { nullable: true, description: 'Последний день действия; пусто — бессрочно.' })
  @Property({ type: 'date', nullable: true })
  periodEnd: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'date', nullable: true })
  terminatedOn: string | null = null;

  @Field(() => String, { description: 'proposed, accepted, declined.' })
  @Property({ type: 'string', length: 10 })
  decision!: 'proposed' | 'accepted' | 'declined';

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  declineReason: string | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  proposedByName!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 300, nullable: true })
  decidedByName: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/**
 * A partner mentor copied into a school programme's base (a `participant` of the district schema
 * with `partner_id`): which mentor, where. Written when the school's matching first sees the mentor.
 */
@Entity({ schema: 'core', tableName: 'partner_placement' })
@Index({ name: 'partner_placement_mentor_id_index', properties: ['mentorId'] })
@Unique({ name: 'partner_placement_programme_id_mentor_id_unique', properties: ['programmeId', 'mentorId'] })
export class PartnerPlacement {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  mentorId!: string;

  @Property({ type: 'uuid' })
  partnerId!: string;

  @Property({ type: 'uuid' })
  districtId!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'uuid' })
  programmeId!: string;

  @Property({ type: 'uuid' })
  participantId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/**
 * A file of a cooperation agreement (the signed copy, a scan): the card here, the bytes in the
 * attachment storage (`database`: `partner_agreement_file_content`; `disk`/`s3`: under `core/`).
 */
@ObjectType('PartnerAgreementFile')
@Entity({ schema: 'core', tableName: 'partner_agreement_file' })
@Index({ name: 'partner_agreement_file_agreement_id_index', properties: ['agreementId'] })
export class PartnerAgreementFile {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  agreementId!: string;

  @Field()
  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Field()
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Field(() => Int, { description: 'Размер в байтах.' })
  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Enum({ items: ['database', 'disk', 's3'] })
  storage!: 'database' | 'disk' | 's3';

  @Property({ type: 'string', length: 255 })
  uploadedByUserId!: string;

  @Field()
  @Property({ type: 'string', length: 300 })
  uploadedByName!: string;

  @Field(() => String, { description: 'partner — загрузил партнёр; counterpart — школа или муниципалитет.' })
  @Property({ type: 'string', length: 20 })
  uploadedBySide!: 'partner' | 'counterpart';

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/** The bytes of an agreement file kept by the `database` storage. */
@Entity({ schema: 'core', tableName: 'partner_agreement_file_content' })
export class PartnerAgreementFileContent {
  @PrimaryKey({ type: 'uuid' })
  fileId!: string;

  @Property({ type: 'blob' })
  data!: Buffer;
}
