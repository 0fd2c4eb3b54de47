import { Field, ID, InputType, Int } from 'type-graphql';
import { ApprovalAction } from '../roadmaps/enums.js';

@InputType('ApprovalBlockInput', { description: '«УТВЕРЖДАЮ»: должность, организация (по умолчанию — из карты), ФИО, дата, номер и дата приказа.' })
export class ApprovalBlockInput {
  @Field(() => String, { nullable: true })
  position?: string | null;

  @Field(() => String, { nullable: true })
  organization?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД' })
  date?: string | null;

  @Field(() => String, { nullable: true })
  orderNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД' })
  orderDate?: string | null;
}

@InputType('AgreementBlockInput', { description: '«СОГЛАСОВАНО»: должность, орган, ФИО, дата.' })
export class AgreementBlockInput {
  @Field(() => String, { nullable: true })
  position?: string | null;

  @Field(() => String, { nullable: true, description: 'По умолчанию — орган управления образованием муниципалитета.' })
  authority?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД' })
  date?: string | null;
}

@InputType('RoadmapDecisionInput')
export class RoadmapDecisionInput {
  @Field(() => ID)
  revisionId!: string;

  @Field(() => Int, { description: 'Версия редакции, которую видел пользователь.' })
  expectedVersion!: number;

  @Field(() => ApprovalAction)
  action!: ApprovalAction;

  @Field(() => String, { nullable: true, description: 'Комментарий; обязателен при возврате и для замечания.' })
  comment?: string | null;

  @Field(() => ID, { nullable: true, description: 'Постоянный идентификатор мероприятия, к которому относится замечание.' })
  itemKey?: string | null;

  @Field(() => ApprovalBlockInput, { nullable: true })
  approval?: ApprovalBlockInput | null;

  @Field(() => AgreementBlockInput, { nullable: true })
  agreement?: AgreementBlockInput | null;
}
