import type { FilterQuery } from '@mikro-orm/core';
import type { Actor } from '../../engine/auth/actor.js';
import type { TenantDistrict } from '../../engine/tenancy/tenant.js';
import { schoolStaffOrganizationIds, seesWholeDistrict } from '../directory/scope.js';

/**
 * Row scope of programme data (programmes, participants, pairs), inside one tenant:
 *
 * - platform admin, the region's coordinator, the district's staff: the whole district (read);
 * - school staff (director, curator): their organisations (read and write);
 * - mentors and mentees: nothing here — they see their own pairs through `myPairs` / `pair(id)`;
 * - a partner admin has no district tenant at all, so no programme data.
 */
export function programmeDataScope<T extends { organizationId: string }>(actor: Actor, district: TenantDistrict): FilterQuery<T> {
  if (seesWholeDistrict(actor, district)) return {};
  const organizationIds = schoolStaffOrganizationIds(actor, district);
  return (organizationIds.length ? { organizationId: { $in: organizationIds } } : { id: { $in: [] } }) as FilterQuery<T>;
}

/** School staff of the organisation: they manage its programmes, bases and pairs. */
export function managesOrganization(actor: Actor, district: TenantDistrict, organizationId: string): boolean {
  return schoolStaffOrganizationIds(actor, district).includes(organizationId);
}

/** The actor reads programme data as staff (school or district side), not as a mentor/mentee. */
export function isStaffReader(actor: Actor, district: TenantDistrict): boolean {
  return seesWholeDistrict(actor, district) || schoolStaffOrganizationIds(actor, district).length > 0;
}
