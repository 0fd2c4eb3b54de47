import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { CampaignSchool } from '../campaigns/types.js';
import { RegionRoadmapOverview } from './region-overview.js';
import { RoadmapRevision } from './revision.entity.js';
import { Roadmap } from './roadmap.entity.js';

/** A campaign's school line with its roadmap: roadmaps extend the campaign types from above. */
@Resolver(() => CampaignSchool)
export class CampaignSchoolRoadmapResolver {
  @FieldResolver(() => Roadmap, { nullable: true })
  roadmap(@Root() row: CampaignSchool, @Ctx() ctx: GraphQLContext) {
    return row.roadmapId ? ctx.tenant.loaders.roadmaps.roadmapById.load(row.roadmapId) : null;
  }

  @FieldResolver(() => RoadmapRevision, { nullable: true })
  latestRevision(@Root() row: CampaignSchool, @Ctx() ctx: GraphQLContext) {
    return row.latestRevisionId ? ctx.tenant.loaders.roadmaps.revisionById.load(row.latestRevisionId) : null;
  }
}

@Resolver()
export class RegionRoadmapOverviewResolver {
  @Authorized('region-coordinator', 'platform-admin')
  @Query(() => RegionRoadmapOverview, {
    description:
      'Дорожные карты региона: по каждому муниципалитету — его дорожная карта и состояние организаций в последней кампании (или кампании учебного года). Без X-District-Id.',
  })
  regionRoadmapOverview(
    @Ctx() ctx: GraphQLContext,
    @Arg('regionId', () => ID) regionId: string,
    @Arg('academicYear', () => String, { nullable: true }) academicYear?: string | null,
  ) {
    return ctx.services.regionRoadmaps.overview(ctx, regionId, academicYear);
  }
}
