import type { FilterQuery } from '@mikro-orm/core';
import type { Actor } from '../../engine/auth/actor.js';
import type { TenantDistrict } from '../../engine/tenancy/tenant.js';
import { schoolStaffOrganizationIds, seesWholeDistrict } from '../directory/scope.js';
import type { Campaign } from './campaign.entity.js';

/**
 * Row scope of campaigns: the district's staff, its region's coordinator and the platform admin see
 * all of them; school staff see the campaigns addressed to their organisation (all organisations,
 * or theirs among the chosen ones); nobody else sees any.
 */
export function campaignScopeFilter(actor: Actor, district: TenantDistrict): FilterQuery<Campaign> {
  if (seesWholeDistrict(actor, district)) return {};
  const organizationIds = schoolStaffOrganizationIds(actor, district);
  if (organizationIds.length === 0) return { id: { $in: [] } };
  return { $or: [{ allOrganizations: true }, { organizationIds: { $overlap: organizationIds } }] };
}

/**
 * Which schools' rows of a campaign page the actor sees: all (null) for the district side, their
 * own organisations for school staff.
 */
export function campaignSchoolsScope(actor: Actor, district: TenantDistrict): string[] | null {
  return seesWholeDistrict(actor, district) ? null : schoolStaffOrganizationIds(actor, district);
}
