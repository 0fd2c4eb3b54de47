import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput } from '../../engine/graphql/pagination.js';
import { DrillDownResolver } from './drilldown.js';
import { RoadmapItemKpiResolver } from './indicator-links.js';
import {
  DashboardSortInput,
  DistrictDashboardGql,
  DistrictKpiSnapshotGql,
  ExecutionSeriesGql,
  RegionDashboardGql,
  SchoolDashboardGql,
  SchoolGridGql,
} from './types.js';

const READERS = ['school-director', 'school-curator', 'district-officer', 'district-head', 'region-coordinator', 'platform-admin'] as const;

@Resolver()
export class MonitoringResolver {
  @Authorized(...READERS)
  @Query(() => SchoolDashboardGql, { description: 'Показатели организации за учебный год (из данных платформы; муниципалитет запроса).' })
  schoolDashboard(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('academicYear', { description: '«2025/2026».' }) academicYear: string,
  ) {
    return ctx.services.monitoring.schoolDashboard(ctx, organizationId, academicYear);
  }

  @Authorized('district-officer', 'district-head', 'region-coordinator', 'platform-admin')
  @Query(() => DistrictDashboardGql, { description: 'Показатели муниципалитета запроса: организации (сортировка, страницы) и итоги.' })
  districtDashboard(
    @Ctx() ctx: GraphQLContext,
    @Arg('academicYear') academicYear: string,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
    @Arg('sort', () => DashboardSortInput, { nullable: true }) sort?: DashboardSortInput | null,
  ) {
    return ctx.services.monitoring.districtDashboard(ctx, academicYear, page, sort);
  }

  @Authorized(...READERS)
  @Query(() => ExecutionSeriesGql, {
    description: 'Исполнение дорожных карт по месяцам учебного года: организации (organizationId) или всего муниципалитета запроса.',
  })
  executionSeries(
    @Ctx() ctx: GraphQLContext,
    @Arg('academicYear') academicYear: string,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string | null,
  ) {
    return ctx.services.monitoring.executionSeries(ctx, academicYear, organizationId);
  }

  @Authorized('district-officer', 'district-head', 'region-coordinator', 'platform-admin')
  @Query(() => SchoolGridGql, { description: 'Сетка организаций муниципалитета запроса со светофорами основных показателей (по названию, страницы).' })
  districtSchoolGrid(
    @Ctx() ctx: GraphQLContext,
    @Arg('academicYear') academicYear: string,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
  ) {
    return ctx.services.monitoring.schoolGrid(ctx, academicYear, page);
  }

  @Authorized('region-coordinator', 'platform-admin')
  @Query(() => RegionDashboardGql, { description: 'Показатели региона по муниципалитетам — из сводной таблицы, с датой её обновления.' })
  regionDashboard(@Ctx() ctx: GraphQLContext, @Arg('regionId', () => ID) regionId: string, @Arg('academicYear') academicYear: string) {
    return ctx.services.monitoring.snapshots.regionDashboard(ctx, regionId, academicYear);
  }

  @Authorized('district-officer', 'district-head', 'platform-admin')
  @Mutation(() => DistrictKpiSnapshotGql, { description: 'Пересчитать сводку муниципалитета запроса за учебный год (для региона и страны).' })
  refreshDistrictSnapshot(@Ctx() ctx: GraphQLContext, @Arg('academicYear') academicYear: string) {
    return ctx.services.monitoring.snapshots.refreshDistrictSnapshot(ctx, academicYear);
  }
}

export const MONITORING_RESOLVERS = [MonitoringResolver, RoadmapItemKpiResolver, DrillDownResolver] as const;
