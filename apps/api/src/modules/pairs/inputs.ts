import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('ConfirmPairInput', { description: 'Пара/группа из предложения подбора (куратор может изменить состав).' })
export class ConfirmPairInput {
  @Field(() => ID)
  mentorId!: string;

  @Field(() => [ID])
  menteeIds!: string[];

  @Field(() => String, { nullable: true, description: 'Форма; по умолчанию первая форма программы.' })
  form?: string | null;

  @Field(() => String, { nullable: true, description: 'Вид; по умолчанию первый вид программы.' })
  kind?: string | null;

  @Field({ description: 'Начало, ГГГГ-ММ-ДД.' })
  startDate!: string;

  @Field({ description: 'Окончание, ГГГГ-ММ-ДД (план — от 3 месяцев до года).' })
  endDate!: string;

  @Field(() => Int, { nullable: true, description: 'Оценка из предложения подбора.' })
  score?: number | null;
}

@InputType('PlanTaskInput')
export class PlanTaskInput {
  @Field(() => ID, { nullable: true, description: 'Задача плана; новая — без id.' })
  id?: string | null;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  deadline?: string | null;

  @Field(() => Boolean, { nullable: true })
  done?: boolean | null;
}

@InputType('MarkPlanTaskInput', { description: 'Отметка задачи плана участником пары (или куратором): выполнена с комментарием или снова открыта.' })
export class MarkPlanTaskInput {
  @Field(() => ID)
  pairId!: string;

  @Field(() => ID)
  taskId!: string;

  @Field({ description: 'true — выполнена; false — снова открыта.' })
  done!: boolean;

  @Field(() => String, { nullable: true, description: 'Как прошло, что получилось (до 2000 символов).' })
  note?: string | null;
}

@InputType('RecordMeetingInput')
export class RecordMeetingInput {
  @Field(() => ID)
  pairId!: string;

  @Field({ description: 'acquaintance, trial, planning, regular, final.' })
  type!: string;

  @Field({ description: 'ГГГГ-ММ-ДД.' })
  date!: string;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field({ description: 'Обратная связь наставника и наставляемого (обязательна).' })
  feedback!: string;
}

@InputType('CompletePairInput')
export class CompletePairInput {
  @Field(() => ID)
  pairId!: string;

  @Field({ description: 'plan-done, mentor-request, mentee-request, curator-plan-not-done, curator-force-majeure.' })
  reason!: string;

  @Field({ description: 'ГГГГ-ММ-ДД.' })
  on!: string;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType('ExtendPairInput')
export class ExtendPairInput {
  @Field(() => ID)
  pairId!: string;

  @Field({ description: 'Новая дата окончания, ГГГГ-ММ-ДД.' })
  until!: string;

  @Field()
  comment!: string;

  @Field({ description: 'Взаимное согласие наставника и наставляемого.' })
  mutualConsent!: boolean;
}
