import { Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { CalendarFeedLink } from './calendar-feed.entity.js';
import { FEED_ROLES } from './feed.service.js';

@Resolver()
export class CalendarFeedResolver {
  @Authorized(...FEED_ROLES)
  @Query(() => CalendarFeedLink, {
    description:
      'Личная ссылка на календарь (iCalendar): сроки кампаний, сроки мероприятий действующих дорожных карт, встречи своей пары. При первом запросе создаётся и возвращается адрес; затем — только даты (адрес хранится лишь как отпечаток).',
  })
  myCalendarFeed(@Ctx() ctx: GraphQLContext) {
    return ctx.services.calendarFeeds.mine(ctx);
  }

  @Authorized(...FEED_ROLES)
  @Mutation(() => CalendarFeedLink, { description: 'Новая ссылка на календарь; прежняя сразу перестаёт работать.' })
  resetMyCalendarFeed(@Ctx() ctx: GraphQLContext) {
    return ctx.services.calendarFeeds.reset(ctx);
  }
}

export const CALENDAR_RESOLVERS = [CalendarFeedResolver] as const;
