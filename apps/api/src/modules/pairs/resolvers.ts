import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { HIDDEN_TEXT_RU } from '../participants/personal-data.js';
import { lensOf } from '../participants/resolvers.js';
import { Programme } from '../programmes/programme.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { CompletePairInput, ConfirmPairInput, ExtendPairInput, MarkPlanTaskInput, PlanTaskInput, RecordMeetingInput } from './inputs.js';
import { MentoringPair, PairMeeting } from './pair.entity.js';
import { PlannedMeetingResolver } from './planned-meeting.resolvers.js';
import { MatchResultType, MatchSuggestionType, PlanExtensionType, PlanProgressType, PlanTaskType, UnmatchedMenteeType } from './types.js';

const MANAGERS = ['school-director', 'school-curator'] as const;

/**
 * People of a pair or a suggestion: the view is logged; what of each person the actor sees is
 * decided field by field by the personal-data lens (participants/personal-data.ts).
 */
async function show(ctx: GraphQLContext, people: Array<Participant | null>, operation: string): Promise<Participant[]> {
  const found = people.filter((p): p is Participant => p !== null);
  await ctx.services.participants.reveal(ctx, found, operation);
  return found;
}

@Resolver(() => MentoringPair)
export class PairResolver {
  @Authorized(...MANAGERS)
  @Query(() => MatchResultType, { description: 'Подбор пар/групп: предложения с объяснением оценки и наставляемые без пары.' })
  suggestMatches(
    @Ctx() ctx: GraphQLContext,
    @Arg('programmeId', () => ID) programmeId: string,
    @Arg('form', () => String, { nullable: true }) form?: string | null,
    @Arg('kind', () => String, { nullable: true }) kind?: string | null,
  ) {
    return ctx.services.pairs.suggest(ctx, programmeId, form, kind);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => [MentoringPair], { description: 'Утверждает пары/группы (принятые или изменённые куратором предложения).' })
  confirmPairs(
    @Ctx() ctx: GraphQLContext,
    @Arg('programmeId', () => ID) programmeId: string,
    @Arg('pairs', () => [ConfirmPairInput]) pairs: ConfirmPairInput[],
  ) {
    return ctx.services.pairs.confirm(ctx, programmeId, pairs);
  }

  @Authorized()
  @Query(() => [MentoringPair], { description: 'Пары/группы программы.' })
  pairs(@Ctx() ctx: GraphQLContext, @Arg('programmeId', () => ID) programmeId: string) {
    return ctx.services.pairs.list(ctx, programmeId);
  }

  @Authorized()
  @Query(() => MentoringPair, { nullable: true })
  pair(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.pairs.get(ctx, id);
  }

  @Authorized()
  @Query(() => [MentoringPair], { description: 'Свои пары/группы наставника или наставляемого.' })
  myPairs(@Ctx() ctx: GraphQLContext) {
    return ctx.services.pairs.mine(ctx);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => MentoringPair, { description: 'Индивидуальный план пары/группы: задачи со сроками и отметками выполнения.' })
  setPairPlan(@Ctx() ctx: GraphQLContext, @Arg('pairId', () => ID) pairId: string, @Arg('tasks', () => [PlanTaskInput]) tasks: PlanTaskInput[]) {
    return ctx.services.pairs.setPlan(ctx, pairId, tasks);
  }

  @Authorized('school-director', 'school-curator', 'mentor', 'mentee')
  @Mutation(() => MentoringPair, { description: 'Отметка задачи плана участником своей пары (или куратором): выполнена с комментарием или снова открыта.' })
  markPlanTask(@Ctx() ctx: GraphQLContext, @Arg('input', () => MarkPlanTaskInput) input: MarkPlanTaskInput) {
    return ctx.services.pairs.markTask(ctx, input);
  }

  @Authorized('school-director', 'school-curator', 'mentor')
  @Mutation(() => PairMeeting, {
    description: 'Встреча в порядке методологии (знакомство → пробная → планирование → регулярные → итоговая) с обязательной обратной связью.',
  })
  recordMeeting(@Ctx() ctx: GraphQLContext, @Arg('input', () => RecordMeetingInput) input: RecordMeetingInput) {
    return ctx.services.pairs.recordMeeting(ctx, input);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => MentoringPair, { description: 'Завершает пару/группу с причиной.' })
  completePair(@Ctx() ctx: GraphQLContext, @Arg('input', () => CompletePairInput) input: CompletePairInput) {
    return ctx.services.pairs.complete(ctx, input);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => MentoringPair, { description: 'Продлевает план по взаимному согласию.' })
  extendPair(@Ctx() ctx: GraphQLContext, @Arg('input', () => ExtendPairInput) input: ExtendPairInput) {
    return ctx.services.pairs.extend(ctx, input);
  }

  @FieldResolver(() => Programme)
  async programme(@Root() pair: MentoringPair, @Ctx() ctx: GraphQLContext) {
    return ctx.tenant.loaders.programmes.programmeById.load(pair.programmeId);
  }

  @FieldResolver(() => Participant)
  async mentor(@Root() pair: MentoringPair, @Ctx() ctx: GraphQLContext) {
    const [mentor] = await show(ctx, [await ctx.tenant.loaders.participants.participantById.load(pair.mentorId)], 'pairs');
    return mentor;
  }

  @FieldResolver(() => [Participant])
  async mentees(@Root() pair: MentoringPair, @Ctx() ctx: GraphQLContext) {
    return show(
      ctx,
      await ctx.tenant.loaders.participants.participantById.loadMany(pair.menteeIds).then((rows) => rows.map((r) => (r instanceof Error ? null : r))),
      'pairs',
    );
  }

  @FieldResolver(() => [PlanTaskType], { description: 'Задачи индивидуального плана (формулировки — школе и участникам пары).' })
  async tasks(@Root() pair: MentoringPair, @Ctx() ctx: GraphQLContext) {
    if (await lensOf(ctx).readsPairText(pair)) return pair.tasks;
    // Who marked a task and their note are the pair's text as much as the task itself.
    return pair.tasks.map((task) => ({ ...task, title: HIDDEN_TEXT_RU, doneByName: null, doneNote: task.doneNote ? HIDDEN_TEXT_RU : null }));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Комментарий при завершении (школе и участникам пары).' })
  async completionComment(@Root() pair: MentoringPair, @Ctx() ctx: GraphQLContext) {
    if (pair.completionComment === null || (await lensOf(ctx).readsPairText(pair))) return pair.completionComment;
    return HIDDEN_TEXT_RU;
  }

  @FieldResolver(() => PlanProgressType, { description: 'Выполнение плана (%).' })
  progress(@Root() pair: MentoringPair, @Ctx() ctx: GraphQLContext) {
    return ctx.services.pairs.progress(pair);
  }

  @FieldResolver(() => [PlanExtensionType])
  extensions(@Root() pair: MentoringPair) {
    return pair.extensions;
  }

  @FieldResolver(() => [PairMeeting], { description: 'Встречи; записи и обратная связь — школе и участникам пары, остальным только даты и виды.' })
  async meetings(@Root() pair: MentoringPair, @Ctx() ctx: GraphQLContext) {
    const meetings = await ctx.services.pairs.meetings(ctx, pair);
    if (await lensOf(ctx).readsPairText(pair)) return meetings;
    return meetings.map((m) => Object.assign(new PairMeeting(), m, { notes: HIDDEN_TEXT_RU, feedback: HIDDEN_TEXT_RU }));
  }

  @FieldResolver(() => [String], { description: 'Какие встречи возможны следующими.' })
  nextMeetingTypes(@Root() pair: MentoringPair, @Ctx() ctx: GraphQLContext) {
    return ctx.services.pairs.nextMeetingTypes(ctx, pair);
  }
}

@Resolver(() => MatchSuggestionType)
export class MatchSuggestionResolver {
  @FieldResolver(() => Participant)
  async mentor(@Root() s: MatchSuggestionType, @Ctx() ctx: GraphQLContext) {
    const [mentor] = await show(ctx, [await ctx.tenant.loaders.participants.participantById.load(s.mentorId)], 'matching');
    return mentor;
  }

  @FieldResolver(() => [Participant])
  async mentees(@Root() s: MatchSuggestionType, @Ctx() ctx: GraphQLContext) {
    const rows = await ctx.tenant.loaders.participants.participantById.loadMany(s.menteeIds);
    return show(
      ctx,
      rows.map((r) => (r instanceof Error ? null : r)),
      'matching',
    );
  }
}

@Resolver(() => UnmatchedMenteeType)
export class UnmatchedMenteeResolver {
  @FieldResolver(() => Participant, { nullable: true })
  async mentee(@Root() u: UnmatchedMenteeType, @Ctx() ctx: GraphQLContext) {
    const [mentee] = await show(ctx, [await ctx.tenant.loaders.participants.participantById.load(u.menteeId)], 'matching');
    return mentee ?? null;
  }
}

export const PAIR_RESOLVERS = [PairResolver, PlannedMeetingResolver, MatchSuggestionResolver, UnmatchedMenteeResolver] as const;
