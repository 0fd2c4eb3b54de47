import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { HIDDEN_TEXT_RU } from '../participants/personal-data.js';
import { lensOf } from '../participants/resolvers.js';
import { MentoringPair } from './pair.entity.js';
import { PlanMeetingInput, PlannedMeeting } from './planned-meeting.entity.js';

/** The pair's next meeting: planned by those who record its meetings, shown to all who see the pair. */
@Resolver(() => MentoringPair)
export class PlannedMeetingResolver {
  @Authorized('school-director', 'school-curator', 'mentor')
  @Mutation(() => MentoringPair, { description: 'Планирует (или переносит) следующую встречу пары/группы: дата, время, вид, место.' })
  planMeeting(@Ctx() ctx: GraphQLContext, @Arg('input', () => PlanMeetingInput) input: PlanMeetingInput) {
    return ctx.services.plannedMeetings.plan(ctx, input);
  }

  @Authorized('school-director', 'school-curator', 'mentor')
  @Mutation(() => MentoringPair, { description: 'Отменяет запланированную встречу пары/группы.' })
  cancelPlannedMeeting(@Ctx() ctx: GraphQLContext, @Arg('pairId', () => ID) pairId: string) {
    return ctx.services.plannedMeetings.cancel(ctx, pairId);
  }

  @FieldResolver(() => PlannedMeeting, {
    nullable: true,
    description: 'Запланированная встреча, пока она впереди или не записана; место и кто запланировал — школе и участникам пары.',
  })
  async plannedMeeting(@Root() pair: MentoringPair, @Ctx() ctx: GraphQLContext) {
    const planned = await ctx.services.plannedMeetings.of(ctx, pair);
    if (!planned || (await lensOf(ctx).readsPairText(pair))) return planned;
    return Object.assign(new PlannedMeeting(), planned, { place: planned.place === null ? null : HIDDEN_TEXT_RU, plannedByName: HIDDEN_TEXT_RU });
  }
}
