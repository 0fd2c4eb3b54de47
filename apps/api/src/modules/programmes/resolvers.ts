import { Arg, Authorized, Ctx, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput, PageOf } from '../../engine/graphql/pagination.js';
import { ProgrammeInput } from './inputs.js';
import { Programme } from './programme.entity.js';

@ObjectType('ProgrammePage')
export class ProgrammePage extends PageOf(Programme) {}

const MANAGERS = ['school-director', 'school-curator'] as const;

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Authorized()
  @Query(() => ProgrammePage, { description: 'Программы наставничества (школа — свои, муниципалитет — все).' })
  programmes(
    @Ctx() ctx: GraphQLContext,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string | null,
  ) {
    return ctx.services.programmes.list(ctx, page, organizationId);
  }

  @Authorized()
  @Query(() => Programme, { nullable: true })
  programme(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.programmes.get(ctx, id);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => Programme, { description: 'Создаёт программу наставничества школы (директор, куратор).' })
  createProgramme(@Ctx() ctx: GraphQLContext, @Arg('input', () => ProgrammeInput) input: ProgrammeInput) {
    return ctx.services.programmes.create(ctx, input);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => Programme)
  updateProgramme(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('input', () => ProgrammeInput) input: ProgrammeInput) {
    return ctx.services.programmes.update(ctx, id, input);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => Boolean, { description: 'Удаляет программу без участников.' })
  deleteProgramme(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.programmes.delete(ctx, id);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => Programme, { description: 'Записывает номер и дату приказа «О закреплении наставнических пар/групп».' })
  recordPairsOrder(
    @Ctx() ctx: GraphQLContext,
    @Arg('programmeId', () => ID) programmeId: string,
    @Arg('number') number: string,
    @Arg('date', { description: 'ГГГГ-ММ-ДД.' }) date: string,
  ) {
    return ctx.services.programmes.recordPairsOrder(ctx, programmeId, number, date);
  }
}

export const PROGRAMME_RESOLVERS = [ProgrammeResolver] as const;
