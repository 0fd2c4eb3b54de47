import type { Grant, PlatformRole, Scope } from '@nastavnik/domain';

/** A grant whose scope was found in the directory; ids of the scope and of its ancestors. */
export interface ResolvedGrant extends Grant {
  regionId: string | null;
  districtId: string | null;
  organizationId: string | null;
  partnerId: string | null;
}

/**
 * What the actor may reach, as directory ids. Computed once per request from the resolved grants;
 * the row-scope filters of each entity are built from it.
 */
export interface Access {
  /** platform-admin: everything. */
  platform: boolean;
  /** region-coordinator: these regions, their districts and organisations. */
  coordinatorRegionIds: string[];
  /** district-officer / district-head: these districts and their organisations. */
  staffDistrictIds: string[];
  /** school roles: these organisations… */
  organizationIds: string[];
  /** …and the district cards they belong to. */
  organizationDistrictIds: string[];
  /** partner-admin: these partner organisations… */
  partnerIds: string[];
  /** …and the region cards of those partners. */
  partnerRegionIds: string[];
  /** Regions of the actor's region/district/organisation grants (their partners are visible). */
  memberRegionIds: string[];
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  position: string | null;
  /** Distinct roles of the effective grants. */
  roles: PlatformRole[];
  /** Effective grants (grants naming something absent from the directory are dropped). */
  grants: ResolvedGrant[];
  access: Access;
}

const unique = (values: Array<string | null>): string[] => [...new Set(values.filter((v): v is string => v !== null))];

export function accessOf(grants: readonly ResolvedGrant[]): Access {
  const of = (kind: Scope['kind']) => grants.filter((grant) => grant.scope.kind === kind);
  const regionGrants = of('region');
  const districtGrants = of('district');
  const organizationGrants = of('organization');
  const partnerGrants = of('partner');
  return {
    platform: grants.some((grant) => grant.scope.kind === 'platform'),
    coordinatorRegionIds: unique(regionGrants.map((g) => g.regionId)),
    staffDistrictIds: unique(districtGrants.map((g) => g.districtId)),
    organizationIds: unique(organizationGrants.map((g) => g.organizationId)),
    organizationDistrictIds: unique(organizationGrants.map((g) => g.districtId)),
    partnerIds: unique(partnerGrants.map((g) => g.partnerId)),
    partnerRegionIds: unique(partnerGrants.map((g) => g.regionId)),
    memberRegionIds: unique([...regionGrants, ...districtGrants, ...organizationGrants].map((g) => g.regionId)),
  };
}

export function hasRole(actor: Actor, roles: readonly PlatformRole[]): boolean {
  return actor.grants.some((grant) => roles.includes(grant.role));
}
