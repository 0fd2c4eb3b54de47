import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CampaignReminder } from '../campaigns/reminder.entity.js';
import { RoadmapRevision } from '../roadmaps/revision.entity.js';

@ObjectType('InboxDeadline', { description: 'Срок в ближайшие 7 дней: представление карты по кампании или мероприятие действующей карты.' })
export class InboxDeadline {
  @Field({ description: 'campaign | item' })
  kind!: 'campaign' | 'item';

  @Field({ description: 'ГГГГ-ММ-ДД' })
  dueDate!: string;

  @Field(() => Int, { description: 'Дней до срока (0 — сегодня).' })
  daysLeft!: number;

  @Field({ description: 'Название кампании или мероприятия.' })
  title!: string;

  @Field(() => ID, { nullable: true })
  campaignId!: string | null;

  @Field(() => ID, { nullable: true })
  roadmapId!: string | null;

  @Field(() => ID, { nullable: true })
  itemId!: string | null;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;

  @Field(() => Int, { nullable: true, description: 'Кампания: сколько организаций ещё не представили карту (в пределах видимого).' })
  notSubmittedCount!: number | null;
}

@ObjectType('Inbox', { description: 'Что ждёт пользователя (в выбранном муниципалитете).' })
export class Inbox {
  @Field(() => [RoadmapRevision], { description: 'Утвердить (директор; руководитель — карту муниципалитета).' })
  toApprove!: RoadmapRevision[];

  @Field(() => [RoadmapRevision], { description: 'Рассмотреть (специалист; регион — карты муниципалитета).' })
  toReview!: RoadmapRevision[];

  @Field(() => [RoadmapRevision], { description: 'Подписать «СОГЛАСОВАНО» (руководитель).' })
  toSign!: RoadmapRevision[];

  @Field(() => [RoadmapRevision], { description: 'Возвращены на доработку (куратор).' })
  returned!: RoadmapRevision[];

  @Field(() => [InboxDeadline])
  deadlines!: InboxDeadline[];

  @Field(() => [CampaignReminder], { description: 'Напоминания органа управления образованием о сроке кампании (организации, ещё не представившие карту).' })
  reminders!: CampaignReminder[];

  @Field(() => Int)
  total!: number;
}
