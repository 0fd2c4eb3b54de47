import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { SearchHit } from './types.js';

@Resolver(() => SearchHit)
export class SearchResolver {
  @Authorized()
  @Query(() => [SearchHit], {
    description:
      'Глобальный поиск (от 2 символов, без учёта регистра): школы, дорожные карты, программы, участники, партнёры — только то, что пользователь видит в своих списках; до `first` (не более 20) находок каждого вида.',
  })
  search(@Ctx() ctx: GraphQLContext, @Arg('query') query: string, @Arg('first', () => Int, { nullable: true }) first?: number | null) {
    return ctx.services.search.search(ctx, query, first);
  }
}

export const SEARCH_RESOLVERS = [SearchResolver] as const;
