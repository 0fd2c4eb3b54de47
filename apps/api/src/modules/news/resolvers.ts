import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput } from '../../engine/graphql/pagination.js';
import { SchoolNews } from './news.entity.js';
import { SchoolNewsInput, SchoolNewsPage } from './types.js';

const EDITORS = ['school-director', 'school-curator'] as const;

@Resolver(() => SchoolNews)
export class SchoolNewsResolver {
  @Authorized(...EDITORS, 'district-officer', 'district-head', 'region-coordinator', 'platform-admin')
  @Query(() => SchoolNewsPage, { description: 'Новости организации (все, с черновиками), новые сверху.' })
  schoolNews(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
  ) {
    return ctx.services.news.list(ctx, organizationId, page);
  }

  @Authorized(...EDITORS)
  @Mutation(() => SchoolNews, { description: 'Создаёт новость организации (по умолчанию черновик).' })
  createSchoolNews(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('input', () => SchoolNewsInput) input: SchoolNewsInput,
  ) {
    return ctx.services.news.create(ctx, organizationId, input);
  }

  @Authorized(...EDITORS)
  @Mutation(() => SchoolNews, { description: 'Изменяет новость (в том числе публикует или снимает с публикации).' })
  updateSchoolNews(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('input', () => SchoolNewsInput) input: SchoolNewsInput) {
    return ctx.services.news.update(ctx, id, input);
  }

  @Authorized(...EDITORS)
  @Mutation(() => Boolean, { description: 'Удаляет новость.' })
  deleteSchoolNews(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.news.remove(ctx, id);
  }
}

export const NEWS_RESOLVERS = [SchoolNewsResolver] as const;
