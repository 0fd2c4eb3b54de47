import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';

export enum ParticipantRoleGql {
  MENTOR = 'mentor',
  MENTEE = 'mentee',
}
registerEnumType(ParticipantRoleGql, { name: 'ParticipantRole', description: 'Роль в программе: наставник или наставляемый.' });

@InputType('ConsentInput', { description: 'Согласие на обработку персональных данных (152-ФЗ).' })
export class ConsentInput {
  @Field({ description: 'self — сам участник (совершеннолетний); representative — законный представитель (для несовершеннолетнего).' })
  givenBy!: string;

  @Field(() => String, { nullable: true, description: 'ФИО законного представителя.' })
  representativeName?: string | null;

  @Field(() => String, { nullable: true, description: 'mother, father, adoptive-parent, guardian, trustee, institution.' })
  representativeRelation?: string | null;

  @Field(() => String, { nullable: true, description: 'Документ, подтверждающий полномочия представителя.' })
  representativeDocument?: string | null;

  @Field(() => String, { nullable: true, description: 'Электронная почта представителя: письма о несовершеннолетнем (при согласии contact-email).' })
  representativeEmail?: string | null;

  @Field(() => [String], { nullable: true, description: 'processing (по умолчанию), publication, photo-video, contact-email (связь по электронной почте).' })
  scopes?: string[] | null;

  @Field({ description: 'Версия текста согласия.' })
  textVersion!: string;

  @Field({ description: 'Дата согласия, ГГГГ-ММ-ДД.' })
  signedOn!: string;

  @Field(() => String, { nullable: true })
  validUntil?: string | null;

  @Field(() => ID, { nullable: true, description: 'Скан подписанного согласия (POST /attachments).' })
  attachmentId?: string | null;
}

@InputType('ParticipantDataInput')
export class ParticipantDataInput {
  @Field()
  lastName!: string;

  @Field()
  firstName!: string;

  @Field(() => String, { nullable: true })
  middleName?: string | null;

  @Field({ description: 'pupil, teacher, young-specialist, alumnus, parent, student, partner-employee.' })
  category!: string;

  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД; обязательна для обучающихся, студентов, выпускников.' })
  birthDate?: string | null;

  @Field(() => ID, { nullable: true })
  partnerId?: string | null;

  @Field(() => String, { nullable: true })
  classOrPosition?: string | null;

  @Field(() => Int, { nullable: true })
  experienceYears?: number | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => [String], { nullable: true })
  specialGroups?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Компетенции (наставник) или запрос (наставляемый): теги.' })
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Компетенции или запрос: описание.' })
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'Логин пользователя-наставника/наставляемого (видит свои пары).' })
  username?: string | null;
}

@InputType('CreateParticipantInput')
export class CreateParticipantInput extends ParticipantDataInput {
  @Field(() => ID)
  programmeId!: string;

  @Field(() => ParticipantRoleGql)
  role!: ParticipantRoleGql;

  @Field(() => [ConsentInput], { description: 'Хотя бы одно согласие: участника или законного представителя несовершеннолетнего.' })
  consents!: ConsentInput[];
}
