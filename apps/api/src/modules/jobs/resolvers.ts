import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import './jobs.service.js';
import { BackgroundJobGql } from './types.js';

@Resolver()
export class BackgroundJobResolver {
  @Authorized('platform-admin')
  @Query(() => [BackgroundJobGql], { description: 'Фоновые задачи платформы: расписания, последние запуски, сбои (только администратор платформы).' })
  backgroundJobs(
    @Ctx() ctx: GraphQLContext,
    @Arg('runs', () => Int, { nullable: true, description: 'Сколько последних запусков каждой задачи (1–50, по умолчанию 10).' }) runs?: number | null,
  ) {
    return ctx.services.jobs.list(ctx, runs ?? 10);
  }
}

export const JOB_RESOLVERS = [BackgroundJobResolver] as const;
