import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { District } from '../directory/district.entity.js';
import { Organization } from '../directory/organization.entity.js';
import { PartnerOrganization } from '../directory/partner-organization.entity.js';
import { Region } from '../directory/region.entity.js';
import { GrantType, Me, type Role, type ScopeKind } from './types.js';

@Resolver(() => Me)
export class MeResolver {
  @Authorized()
  @Query(() => Me)
  me(@Ctx() { actor, services }: GraphQLContext): Me {
    return {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      position: actor.position,
      roles: actor.roles as Role[],
      grants: actor.grants.map((grant) => ({
        role: grant.role as Role,
        scopeKind: grant.scope.kind as ScopeKind,
        grant,
      })),
      // The product's zone (TIME_ZONE); districts have none of their own in the model.
      timeZone: services.timeZone,
    };
  }
}

/** The objects of a grant are the actor's own, so they are loaded without a further scope check. */
@Resolver(() => GrantType)
export class GrantResolver {
  @FieldResolver(() => Region, { nullable: true })
  region(@Root() { grant }: GrantType, @Ctx() ctx: GraphQLContext) {
    return grant.regionId ? ctx.loaders.directory.regionById.load(grant.regionId) : null;
  }

  @FieldResolver(() => District, { nullable: true })
  district(@Root() { grant }: GrantType, @Ctx() ctx: GraphQLContext) {
    return grant.districtId ? ctx.loaders.directory.districtById.load(grant.districtId) : null;
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() { grant }: GrantType, @Ctx() ctx: GraphQLContext) {
    return grant.organizationId ? ctx.loaders.directory.organizationById.load(grant.organizationId) : null;
  }

  @FieldResolver(() => PartnerOrganization, { nullable: true })
  partner(@Root() { grant }: GrantType, @Ctx() ctx: GraphQLContext) {
    return grant.partnerId ? ctx.loaders.directory.partnerById.load(grant.partnerId) : null;
  }
}

export const ME_RESOLVERS = [MeResolver, GrantResolver] as const;

declare module '../../engine/graphql/context.js' {
  interface Services {
    /** The product's time zone (config TIME_ZONE): the screen and the exported files show times in it. */
    timeZone: string;
  }
}
