import { Field, ID, InputType, Int } from 'type-graphql';
import { RoadmapLevel, RoadmapSource } from './enums.js';

@InputType('RoadmapItemInput', { description: 'Мероприятие; key — постоянный идентификатор (для нового можно не указывать).' })
export class RoadmapItemInput {
  @Field(() => ID, { nullable: true })
  key?: string | null;

  @Field(() => String, { nullable: true })
  number?: string | null;

  @Field(() => String, { nullable: true })
  activity?: string | null;

  @Field(() => String, { nullable: true })
  content?: string | null;

  @Field(() => String, { nullable: true, description: 'Срок как написан: «до 20.09.2025», «Сентябрь», «В течение года»…' })
  deadlineText?: string | null;

  @Field(() => String, { nullable: true })
  responsible?: string | null;

  @Field(() => String, { nullable: true })
  expectedResult?: string | null;

  @Field(() => String, { nullable: true })
  indicator?: string | null;
}

@InputType('RoadmapSectionInput')
export class RoadmapSectionInput {
  @Field(() => ID, { nullable: true })
  key?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  task?: string | null;

  @Field(() => String, { nullable: true })
  result?: string | null;

  @Field(() => [RoadmapItemInput])
  items!: RoadmapItemInput[];
}

@InputType('SaveRoadmapRevisionInput', { description: 'Черновик целиком: заголовок, разделы и мероприятия в нужном порядке.' })
export class SaveRoadmapRevisionInput {
  @Field(() => ID)
  revisionId!: string;

  @Field(() => Int, { description: 'Версия редакции, с которой начато редактирование.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'Не указано — без изменений.' })
  title?: string | null;

  @Field(() => String, { nullable: true })
  programmeName?: string | null;

  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД' })
  periodStart?: string | null;

  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД' })
  periodEnd?: string | null;

  @Field(() => [RoadmapSectionInput])
  sections!: RoadmapSectionInput[];
}

@InputType('CreateRoadmapInput')
export class CreateRoadmapInput {
  @Field(() => ID, { nullable: true, description: 'Кампания, в ответ на которую создаётся карта.' })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Организация; по умолчанию — единственная организация куратора.' })
  organizationId?: string | null;

  @Field(() => RoadmapLevel, { nullable: true, description: 'По умолчанию SCHOOL.' })
  level?: RoadmapLevel | null;

  @Field(() => RoadmapSource, { nullable: true, description: 'По умолчанию TEMPLATE.' })
  source?: RoadmapSource | null;

  @Field(() => ID, { nullable: true, description: 'COPY: какая карта; по умолчанию — предыдущая карта организации.' })
  copyFromRoadmapId?: string | null;

  @Field({ description: 'Название программы наставничества, например «Вместе».' })
  programmeName!: string;

  @Field(() => String, { nullable: true, description: 'По умолчанию составляется из программы, организации и периода.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД; по умолчанию — период кампании.' })
  periodStart?: string | null;

  @Field(() => String, { nullable: true })
  periodEnd?: string | null;
}

@InputType('AddRoadmapItemInput')
export class AddRoadmapItemInput {
  @Field(() => ID)
  revisionId!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => ID, { description: 'Постоянный идентификатор раздела.' })
  sectionKey!: string;

  @Field(() => Int, { nullable: true, description: 'Место в разделе, с 0; по умолчанию — в конец.' })
  position?: number | null;

  @Field(() => RoadmapItemInput)
  item!: RoadmapItemInput;
}

@InputType('UpdateRoadmapItemInput', { description: 'Изменяет указанные поля мероприятия; не указанные остаются как были.' })
export class UpdateRoadmapItemInput {
  @Field(() => ID)
  revisionId!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => ID)
  itemKey!: string;

  @Field(() => RoadmapItemInput)
  item!: RoadmapItemInput;
}

@InputType('RemoveRoadmapItemInput')
export class RemoveRoadmapItemInput {
  @Field(() => ID)
  revisionId!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => ID)
  itemKey!: string;
}

@InputType('MoveRoadmapItemInput')
export class MoveRoadmapItemInput {
  @Field(() => ID)
  revisionId!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => ID)
  itemKey!: string;

  @Field(() => ID, { nullable: true, description: 'Раздел назначения; по умолчанию — тот же.' })
  sectionKey?: string | null;

  @Field(() => Int, { description: 'Новое место в разделе, с 0.' })
  position!: number;
}

@InputType('RoadmapFilter')
export class RoadmapFilter {
  @Field(() => ID, { nullable: true })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => RoadmapLevel, { nullable: true })
  level?: RoadmapLevel | null;
}

@InputType('SaveRoadmapDraftInput')
export class SaveRoadmapDraftInput {
  @Field(() => ID, { description: 'Редакция, которую редактирует автор (последняя, в редактируемом состоянии).' })
  revisionId!: string;

  @Field(() => Int, { description: 'Версия редакции, с которой начато редактирование.' })
  baseVersion!: number;

  @Field(() => String, { description: 'Состояние редактора (JSON: заголовок и разделы), не более 500 000 символов.' })
  content!: string;
}
