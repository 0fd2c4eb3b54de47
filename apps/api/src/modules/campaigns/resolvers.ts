import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput } from '../../engine/graphql/pagination.js';
import { Organization } from '../directory/organization.entity.js';
import { Campaign } from './campaign.entity.js';
import { CampaignFilter, CampaignSchoolFilter, CreateCampaignInput } from './inputs.js';
import { countsLoader } from './loaders.js';
import { CampaignReminder } from './reminder.entity.js';
import { campaignSchoolsScope } from './scope.js';
import { CampaignCounts, CampaignPage, CampaignSchool, CampaignSchoolPage } from './types.js';

@Resolver(() => Campaign)
export class CampaignResolver {
  @Authorized()
  @Query(() => CampaignPage, { description: 'Кампании муниципалитета (организации видят адресованные им).' })
  campaigns(
    @Ctx() ctx: GraphQLContext,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
    @Arg('filter', () => CampaignFilter, { nullable: true }) filter?: CampaignFilter | null,
  ) {
    return ctx.services.campaigns.list(ctx, page, filter);
  }

  @Authorized()
  @Query(() => Campaign, { nullable: true })
  campaign(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.campaigns.get(ctx, id);
  }

  @Authorized('district-officer', 'district-head', 'platform-admin')
  @Mutation(() => Campaign, { description: 'Открывает кампанию: срок представления дорожных карт для всех или выбранных организаций.' })
  createCampaign(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateCampaignInput) input: CreateCampaignInput) {
    return ctx.services.campaigns.create(ctx, input);
  }

  @Authorized('district-officer', 'district-head')
  @Mutation(() => [CampaignReminder], {
    description:
      'Напоминает выбранным организациям о сроке кампании (записывается; доставка — с уведомлениями). Всё или ничего: ' +
      'при отказе хотя бы по одной строке ничего не записывается, причины — в extensions.rows.',
  })
  remindCampaignSchools(
    @Ctx() ctx: GraphQLContext,
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('organizationIds', () => [ID]) organizationIds: string[],
  ) {
    return ctx.services.reminders.remind(ctx, campaignId, organizationIds);
  }

  @FieldResolver(() => Boolean, { description: 'Срок представления прошёл.' })
  pastDue(@Root() campaign: Campaign, @Ctx() ctx: GraphQLContext) {
    return ctx.services.campaigns.isPastDue(campaign);
  }

  @FieldResolver(() => [Organization], { description: 'Выбранные организации (пусто, если кампания для всех).' })
  async organizations(@Root() campaign: Campaign, @Ctx() ctx: GraphQLContext) {
    // School staff see their own school among the chosen ones, as on the campaign page (not a sibling's card and headcounts).
    const visible = campaignSchoolsScope(ctx.actor, ctx.tenant.district);
    const ids = visible ? campaign.organizationIds.filter((id) => visible.includes(id)) : campaign.organizationIds;
    const rows = await Promise.all(ids.map((id) => ctx.loaders.directory.organizationById.load(id)));
    return rows.filter((row): row is Organization => row !== null);
  }

  @FieldResolver(() => CampaignCounts)
  counts(@Root() campaign: Campaign, @Ctx() ctx: GraphQLContext) {
    return countsLoader(ctx.tenant, ctx.actor, ctx.services.campaigns).load(campaign.id);
  }

  @FieldResolver(() => CampaignSchoolPage, { description: 'Организации кампании с состоянием их карт; фильтр по состоянию и просрочке.' })
  schools(
    @Root() campaign: Campaign,
    @Ctx() ctx: GraphQLContext,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
    @Arg('filter', () => CampaignSchoolFilter, { nullable: true }) filter?: CampaignSchoolFilter | null,
  ) {
    return ctx.services.campaigns.schools(ctx, campaign, page, filter);
  }
}

@Resolver(() => CampaignSchool)
export class CampaignSchoolResolver {
  @FieldResolver(() => CampaignReminder, { nullable: true, description: 'Последнее напоминание организации по этой кампании.' })
  lastReminder(@Root() row: CampaignSchool, @Ctx() ctx: GraphQLContext) {
    return ctx.tenant.loaders.campaigns.lastReminder.load(`${row.campaignId}|${row.organizationId}`);
  }

  @FieldResolver(() => Organization)
  async organization(@Root() row: CampaignSchool, @Ctx() ctx: GraphQLContext) {
    const organization = await ctx.loaders.directory.organizationById.load(row.organizationId);
    if (!organization) throw new Error(`dangling reference: organization ${row.organizationId}`);
    return organization;
  }
}

@Resolver(() => CampaignReminder)
export class CampaignReminderResolver {
  @FieldResolver(() => Campaign)
  async campaign(@Root() reminder: CampaignReminder, @Ctx() ctx: GraphQLContext) {
    const campaign = await ctx.tenant.loaders.campaigns.campaignById.load(reminder.campaign.id);
    if (!campaign) throw new Error(`dangling reference: campaign ${reminder.campaign.id}`);
    return campaign;
  }

  @FieldResolver(() => Organization)
  async organization(@Root() reminder: CampaignReminder, @Ctx() ctx: GraphQLContext) {
    const organization = await ctx.loaders.directory.organizationById.load(reminder.organizationId);
    if (!organization) throw new Error(`dangling reference: organization ${reminder.organizationId}`);
    return organization;
  }
}

export const CAMPAIGN_RESOLVERS = [CampaignResolver, CampaignSchoolResolver, CampaignReminderResolver] as const;
