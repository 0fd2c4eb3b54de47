import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { Organization } from '../directory/organization.entity.js';
import { RoadmapItem } from '../roadmaps/item.entity.js';
import { Roadmap } from '../roadmaps/roadmap.entity.js';
import { Inbox, InboxDeadline } from './types.js';

@Resolver(() => Inbox)
export class InboxResolver {
  @Authorized()
  @Query(() => Inbox, { description: 'Что ждёт пользователя: утвердить, рассмотреть, подписать, доработать, сроки в ближайшие 7 дней.' })
  inbox(@Ctx() ctx: GraphQLContext) {
    return ctx.services.inbox.inbox(ctx);
  }
}

@Resolver(() => InboxDeadline)
export class InboxDeadlineResolver {
  @FieldResolver(() => Campaign, { nullable: true })
  campaign(@Root() deadline: InboxDeadline, @Ctx() ctx: GraphQLContext) {
    return deadline.campaignId ? ctx.tenant.loaders.campaigns.campaignById.load(deadline.campaignId) : null;
  }

  @FieldResolver(() => Roadmap, { nullable: true })
  roadmap(@Root() deadline: InboxDeadline, @Ctx() ctx: GraphQLContext) {
    return deadline.roadmapId ? ctx.tenant.loaders.roadmaps.roadmapById.load(deadline.roadmapId) : null;
  }

  @FieldResolver(() => RoadmapItem, { nullable: true })
  item(@Root() deadline: InboxDeadline, @Ctx() ctx: GraphQLContext) {
    return deadline.itemId ? ctx.tenant.loaders.roadmaps.itemById.load(deadline.itemId) : null;
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() deadline: InboxDeadline, @Ctx() ctx: GraphQLContext) {
    return deadline.organizationId ? ctx.loaders.directory.organizationById.load(deadline.organizationId) : null;
  }
}

export const INBOX_RESOLVERS = [InboxResolver, InboxDeadlineResolver] as const;
