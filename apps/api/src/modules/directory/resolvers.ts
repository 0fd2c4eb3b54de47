import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput, PageOf } from '../../engine/graphql/pagination.js';
import { District } from './district.entity.js';
import { CreateDistrictInput, DistrictFilter, OrganizationFilter } from './inputs.js';
import { Organization } from './organization.entity.js';
import { PartnerOrganization } from './partner-organization.entity.js';
import { Region } from './region.entity.js';
import './services.js';

@ObjectType('RegionPage')
export class RegionPage extends PageOf(Region) {}

@ObjectType('DistrictPage')
export class DistrictPage extends PageOf(District) {}

@ObjectType('OrganizationPage')
export class OrganizationPage extends PageOf(Organization) {}

@ObjectType('PartnerOrganizationPage')
export class PartnerOrganizationPage extends PageOf(PartnerOrganization) {}

/** A relation that must exist (foreign key): a miss is a bug, reported as an internal error. */
function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`dangling reference: ${what}`);
  return value;
}

@Resolver(() => Region)
export class RegionResolver {
  @Authorized()
  @Query(() => RegionPage)
  regions(@Ctx() ctx: GraphQLContext, @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null) {
    return ctx.services.regions.list(ctx, page);
  }

  @Authorized()
  @Query(() => Region, { nullable: true })
  region(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.regions.get(ctx, id);
  }

  @FieldResolver(() => Int)
  districtsCount(@Root() region: Region, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.directory.districtsCountByRegionId.load(region.id);
  }
}

@Resolver(() => District)
export class DistrictResolver {
  @Authorized()
  @Query(() => DistrictPage)
  districts(
    @Ctx() ctx: GraphQLContext,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
    @Arg('filter', () => DistrictFilter, { nullable: true }) filter?: DistrictFilter | null,
  ) {
    return ctx.services.districts.list(ctx, page, filter);
  }

  @Authorized()
  @Query(() => District, { nullable: true })
  district(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.districts.get(ctx, id);
  }

  @Authorized('platform-admin')
  @Mutation(() => District, { description: 'Создаёт муниципалитет, его схему и применяет к ней миграции.' })
  createDistrict(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateDistrictInput) input: CreateDistrictInput) {
    return ctx.services.districts.create(ctx, input);
  }

  @FieldResolver(() => Region)
  async region(@Root() district: District, @Ctx() ctx: GraphQLContext) {
    return required(await ctx.loaders.directory.regionById.load(district.region.id), `district ${district.id} → region`);
  }

  @FieldResolver(() => Int)
  organizationsCount(@Root() district: District, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.directory.organizationsCountByDistrictId.load(district.id);
  }
}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Authorized()
  @Query(() => OrganizationPage)
  organizations(
    @Ctx() ctx: GraphQLContext,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter?: OrganizationFilter | null,
  ) {
    return ctx.services.organizations.list(ctx, page, filter);
  }

  @Authorized()
  @Query(() => Organization, { nullable: true })
  organization(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.organizations.get(ctx, id);
  }

  @FieldResolver(() => District)
  async district(@Root() organization: Organization, @Ctx() ctx: GraphQLContext) {
    return required(await ctx.loaders.directory.districtById.load(organization.district.id), `organization ${organization.id} → district`);
  }
}

@Resolver(() => PartnerOrganization)
export class PartnerOrganizationResolver {
  @Authorized()
  @Query(() => PartnerOrganizationPage)
  partnerOrganizations(@Ctx() ctx: GraphQLContext, @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null) {
    return ctx.services.partners.list(ctx, page);
  }

  @FieldResolver(() => Region, { nullable: true })
  region(@Root() partner: PartnerOrganization, @Ctx() ctx: GraphQLContext) {
    return partner.region ? ctx.loaders.directory.regionById.load(partner.region.id) : null;
  }
}

export const DIRECTORY_RESOLVERS = [RegionResolver, DistrictResolver, OrganizationResolver, PartnerOrganizationResolver] as const;
