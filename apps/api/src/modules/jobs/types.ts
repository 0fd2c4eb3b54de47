import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum BackgroundJobState {
  CREATED = 'created',
  RETRY = 'retry',
  ACTIVE = 'active',
  COMPLETED = 'completed',
  CANCELLED = 'cancelled',
  FAILED = 'failed',
}
registerEnumType(BackgroundJobState, {
  name: 'BackgroundJobState',
  description: 'Состояние запуска: ждёт, ждёт повтора после ошибки, выполняется, выполнен, отменён, завершился ошибкой (попытки исчерпаны).',
});

export enum BackgroundJobTrigger {
  SCHEDULE = 'schedule',
  START = 'start',
  MANUAL = 'manual',
}
registerEnumType(BackgroundJobTrigger, { name: 'BackgroundJobTrigger', description: 'Что вызвало запуск: расписание, запуск сервера, запрос.' });

@ObjectType('BackgroundJobRun', { description: 'Один запуск фоновой задачи (со всеми его попытками).' })
export class BackgroundJobRunGql {
  @Field(() => ID) id!: string;
  @Field(() => BackgroundJobState) state!: BackgroundJobState;
  @Field(() => BackgroundJobTrigger, { nullable: true }) trigger!: BackgroundJobTrigger | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => Int, { description: 'Сколько раз запуск повторялся после ошибки.' }) retryCount!: number;
  @Field(() => Int) retryLimit!: number;
  @Field(() => String, { nullable: true, description: 'Текст последней ошибки.' }) error!: string | null;
  @Field(() => String, { nullable: true, description: 'Итог выполненного запуска (JSON).' }) summary!: string | null;
}

@ObjectType('BackgroundJob', { description: 'Фоновая задача платформы: расписание, последние запуски и сбои.' })
export class BackgroundJobGql {
  @Field({ description: 'Имя очереди, например monitoring.kpi-refresh.' }) name!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true, description: 'Расписание (cron или правило RRULE); null — не по расписанию.' }) schedule!: string | null;
  @Field(() => String, { nullable: true, description: 'Часовой пояс расписания.' }) timeZone!: string | null;
  @Field(() => Date, { nullable: true }) nextRunAt!: Date | null;
  @Field(() => Int, { description: 'Повторов после ошибки.' }) retryLimit!: number;
  @Field(() => Int, { description: 'Дольше этого запуск считается сбоем.' }) timeoutSeconds!: number;
  @Field(() => Int, { description: 'Запусков ждут выполнения (или повтора).' }) queued!: number;
  @Field(() => Int, { description: 'Запусков выполняется сейчас.' }) active!: number;
  @Field(() => [BackgroundJobRunGql], { description: 'Последние запуски, новые первыми (история хранится 14 дней).' }) runs!: BackgroundJobRunGql[];
  @Field(() => BackgroundJobRunGql, { nullable: true, description: 'Последний запуск, завершившийся ошибкой после всех попыток.' })
  lastFailure!: BackgroundJobRunGql | null;
}
