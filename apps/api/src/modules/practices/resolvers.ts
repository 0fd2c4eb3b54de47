import { FORM_LABELS_RU, MENTORSHIP_KIND_LABELS_RU, type BuiltInFormCode, type MentorshipKind } from '@nastavnik/domain';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput, PageOf } from '../../engine/graphql/pagination.js';
import { BestPractice } from './practice.entity.js';
import { STATUS_LABELS_RU } from './practice.service.js';

const MANAGERS = ['school-director', 'school-curator'] as const;

@InputType('BestPracticeInput')
export class BestPracticeInput {
  @Field(() => ID, { nullable: true, description: 'Завершённая пара/группа (при создании).' }) pairId?: string | null;
  @Field() title!: string;
  @Field() summary!: string;
  @Field() results!: string;
  @Field(() => Boolean, { nullable: true, description: 'Показывать имена (только если все участники согласились на публикацию).' }) showNames?: boolean | null;
}

@ObjectType('BestPracticePage')
export class BestPracticePage extends PageOf(BestPractice) {}

@ObjectType('PracticeConsentGap')
export class PracticeConsentGapType {
  @Field(() => ID) participantId!: string;
  @Field() name!: string;
  @Field() message!: string;
}

@Resolver(() => BestPractice)
export class BestPracticeResolver {
  @Authorized()
  @Query(() => BestPracticePage, { description: 'Кейсы лучших практик (школа — свои, муниципалитет — все).' })
  bestPractices(
    @Ctx() ctx: GraphQLContext,
    @Arg('programmeId', () => ID, { nullable: true }) programmeId?: string | null,
    @Arg('status', () => String, { nullable: true, description: 'draft, ready, published.' }) status?: string | null,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
  ) {
    return ctx.services.practices.list(ctx, programmeId, status, page);
  }

  @Authorized()
  @Query(() => BestPractice, { nullable: true })
  bestPractice(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.practices.get(ctx, id);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => BestPractice, { description: 'Описывает кейс по завершённой паре/группе (черновик).' })
  createBestPractice(@Ctx() ctx: GraphQLContext, @Arg('input', () => BestPracticeInput) input: BestPracticeInput) {
    return ctx.services.practices.create(ctx, input);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => BestPractice)
  updateBestPractice(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('input', () => BestPracticeInput) input: BestPracticeInput) {
    return ctx.services.practices.update(ctx, id, input);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => BestPractice, {
    description:
      'Переход состояния: ready (черновик → готов), draft (готов → черновик), publish (готов → опубликован, нужны согласия на публикацию всех участников), unpublish.',
  })
  changeBestPracticeStatus(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('action') action: string,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ) {
    return ctx.services.practices.transition(ctx, id, action, reason);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => Boolean, { description: 'Удаляет неопубликованный кейс.' })
  deleteBestPractice(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.practices.delete(ctx, id);
  }

  @FieldResolver(() => String)
  statusLabel(@Root() p: BestPractice) {
    return STATUS_LABELS_RU[p.status] ?? p.status;
  }

  @FieldResolver(() => String)
  formLabel(@Root() p: BestPractice) {
    return FORM_LABELS_RU[p.form as BuiltInFormCode] ?? p.form;
  }

  @FieldResolver(() => String)
  kindLabel(@Root() p: BestPractice) {
    return MENTORSHIP_KIND_LABELS_RU[p.kind as MentorshipKind] ?? p.kind;
  }

  @FieldResolver(() => [String], { description: 'Как участники будут показаны в опубликованном кейсе.' })
  publicParticipants(@Root() p: BestPractice, @Ctx() ctx: GraphQLContext) {
    return ctx.services.practices.preview(ctx, p);
  }

  @FieldResolver(() => [PracticeConsentGapType], { description: 'Кому не хватает согласия на публикацию (пусто — можно публиковать).' })
  async consentGaps(@Root() p: BestPractice, @Ctx() ctx: GraphQLContext): Promise<PracticeConsentGapType[]> {
    return (await ctx.services.practices.consentGaps(ctx, p)).map((g) => ({ participantId: g.id, name: g.name, message: g.message }));
  }
}

export const PRACTICE_RESOLVERS = [BestPracticeResolver] as const;
