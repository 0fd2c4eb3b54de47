import type { FilterQuery } from '@mikro-orm/core';
import { DISTRICT_STAFF_ROLES, SCHOOL_STAFF_ROLES, type PlatformRole, type RoadmapLevel } from '@nastavnik/domain';
import type { Actor } from '../../engine/auth/actor.js';
import type { TenantDistrict } from '../../engine/tenancy/tenant.js';
import type { Roadmap } from './roadmap.entity.js';

/**
 * Row scope of the roadmap modules, inside one tenant (the request's district):
 *
 * - platform admin, the region's coordinator (read-only for school roadmaps), the district's staff:
 *   every roadmap of the district;
 * - school staff (director, curator): the roadmaps of their organisations (never a district roadmap);
 * - everybody else: nothing.
 *
 * The tenant is already one district (checked while building the context), but the district and
 * region are checked again here, so a filter never widens by accident.
 */
const nothing = <T>(): FilterQuery<T> => ({ id: { $in: [] } }) as FilterQuery<T>;

import { schoolStaffOrganizationIds, seesWholeDistrict } from '../directory/scope.js';

export function roadmapScopeFilter(actor: Actor, district: TenantDistrict): FilterQuery<Roadmap> {
  const scope = roadmapScope(actor, district);
  if (scope === 'district') return {};
  return scope.length ? { level: 'school', organizationId: { $in: scope } } : nothing();
}

/** The same scope as a SQL condition on the roadmap row `alias`, with its parameters (`?`, as EntityManager.execute takes them). */
export function roadmapScopeSql(actor: Actor, district: TenantDistrict, alias: string): { sql: string; params: string[] } {
  const scope = roadmapScope(actor, district);
  if (scope === 'district') return { sql: 'true', params: [] };
  if (scope.length === 0) return { sql: 'false', params: [] };
  return { sql: `${alias}.level = 'school' and ${alias}.organization_id in (${scope.map(() => '?').join(', ')})`, params: scope };
}

/** Every roadmap of the district, or the school roadmaps of these organisations (none when empty). */
function roadmapScope(actor: Actor, district: TenantDistrict): 'district' | string[] {
  return seesWholeDistrict(actor, district) ? 'district' : schoolStaffOrganizationIds(actor, district);
}

/**
 * The roles in which the actor may act on a roadmap (the approval machine then decides which of
 * them, if any, may take an action): school staff of its organisation, the district's staff, the
 * coordinator of the district's region. A platform admin reads everything but takes no part.
 */
export function rolesCoveringRoadmap(actor: Actor, district: TenantDistrict, roadmap: { level: RoadmapLevel; organizationId: string | null }): PlatformRole[] {
  const roles = new Set<PlatformRole>();
  for (const grant of actor.grants) {
    if (roadmap.level === 'school' && SCHOOL_STAFF_ROLES.includes(grant.role) && grant.organizationId === roadmap.organizationId) {
      roles.add(grant.role);
    }
    if (DISTRICT_STAFF_ROLES.includes(grant.role) && grant.districtId === district.id) roles.add(grant.role);
    if (grant.role === 'region-coordinator' && grant.regionId === district.regionId) roles.add(grant.role);
  }
  return [...roles];
}
