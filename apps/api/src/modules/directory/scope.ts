import { DISTRICT_STAFF_ROLES, SCHOOL_STAFF_ROLES, type PlatformRole } from '@nastavnik/domain';
import type { FilterQuery } from '@mikro-orm/core';
import type { Actor } from '../../engine/auth/actor.js';
import type { TenantDistrict } from '../../engine/tenancy/tenant.js';
import type { District } from './district.entity.js';
import type { Organization } from './organization.entity.js';
import type { PartnerOrganization } from './partner-organization.entity.js';
import type { Region } from './region.entity.js';

/**
 * Row scope: one function per entity that turns the actor's grants into a query filter. Every
 * list and every lookup by id of a service goes through these (AND-ed with the request's own
 * filter), so an object outside the scope is simply absent — NOT_FOUND by id.
 *
 * - platform admin: everything;
 * - region coordinator: the region, its districts and their organisations;
 * - district staff: the district and its organisations;
 * - school staff, mentors, mentees: their organisation and its district card;
 * - partner admin: their partner organisation and its region card.
 *
 * Relations of rows already in scope (District.region, Organization.district) are navigated
 * without a second check: parents of a visible row are visible.
 */
const nothing = <T>(): FilterQuery<T> => ({ id: { $in: [] } }) as FilterQuery<T>;
const uniq = (values: string[]) => [...new Set(values)];

export function regionScopeFilter(actor: Actor): FilterQuery<Region> {
  const a = actor.access;
  if (a.platform) return {};
  const ids = uniq([...a.coordinatorRegionIds, ...a.memberRegionIds, ...a.partnerRegionIds]);
  return ids.length ? { id: { $in: ids } } : nothing();
}

export function districtScopeFilter(actor: Actor): FilterQuery<District> {
  const a = actor.access;
  if (a.platform) return {};
  const or: FilterQuery<District>[] = [];
  if (a.coordinatorRegionIds.length) or.push({ region: { $in: a.coordinatorRegionIds } });
  const ids = uniq([...a.staffDistrictIds, ...a.organizationDistrictIds]);
  if (ids.length) or.push({ id: { $in: ids } });
  return or.length ? { $or: or } : nothing();
}

export function organizationScopeFilter(actor: Actor): FilterQuery<Organization> {
  const a = actor.access;
  if (a.platform) return {};
  const or: FilterQuery<Organization>[] = [];
  if (a.coordinatorRegionIds.length) or.push({ district: { region: { $in: a.coordinatorRegionIds } } });
  if (a.staffDistrictIds.length) or.push({ district: { $in: a.staffDistrictIds } });
  if (a.organizationIds.length) or.push({ id: { $in: a.organizationIds } });
  return or.length ? { $or: or } : nothing();
}

export function partnerScopeFilter(actor: Actor): FilterQuery<PartnerOrganization> {
  const a = actor.access;
  if (a.platform) return {};
  const or: FilterQuery<PartnerOrganization>[] = [];
  if (a.partnerIds.length) or.push({ id: { $in: a.partnerIds } });
  if (a.memberRegionIds.length) or.push({ region: { $in: a.memberRegionIds } });
  return or.length ? { $or: or } : nothing();
}

/**
 * Organisations whose own data (headcounts…) the actor may change: directors and curators of
 * the organisation, staff of its district. Narrower than the read scope.
 */
export function organizationWriteScopeFilter(actor: Actor): FilterQuery<Organization> {
  const districtIds = uniq(actor.grants.filter((g) => DISTRICT_STAFF_ROLES.includes(g.role) && g.districtId).map((g) => g.districtId!));
  const organizationIds = uniq(actor.grants.filter((g) => SCHOOL_STAFF_ROLES.includes(g.role) && g.organizationId).map((g) => g.organizationId!));
  const or: FilterQuery<Organization>[] = [];
  if (districtIds.length) or.push({ district: { $in: districtIds } });
  if (organizationIds.length) or.push({ id: { $in: organizationIds } });
  return or.length ? { $or: or } : nothing();
}

/** `{ $and: [scope, own] }` without empty members. */
export function within<T>(scope: FilterQuery<T>, ...own: Array<FilterQuery<T> | undefined>): FilterQuery<T> {
  const parts = [scope, ...own].filter(
    (part): part is FilterQuery<T> => part !== undefined && !(typeof part === 'object' && part !== null && Object.keys(part).length === 0),
  );
  if (parts.length === 0) return {} as FilterQuery<T>;
  if (parts.length === 1) return parts[0]!;
  return { $and: parts } as FilterQuery<T>;
}

// ————— the actor inside one district (the tenant) —————

/** The actor sees the whole district (admin, coordinator of its region, its staff). */
export function seesWholeDistrict(actor: Actor, district: TenantDistrict): boolean {
  const a = actor.access;
  return a.platform || a.coordinatorRegionIds.includes(district.regionId) || districtStaffRoles(actor, district).length > 0;
}

/** Roles the actor holds as staff (officer, head) of this district. */
export function districtStaffRoles(actor: Actor, district: TenantDistrict): PlatformRole[] {
  return [...new Set(actor.grants.filter((g) => DISTRICT_STAFF_ROLES.includes(g.role) && g.districtId === district.id).map((g) => g.role))];
}

/** Organisations of this district where the actor is school staff (director, curator). */
export function schoolStaffOrganizationIds(actor: Actor, district: TenantDistrict): string[] {
  return [
    ...new Set(
      actor.grants.filter((g) => SCHOOL_STAFF_ROLES.includes(g.role) && g.organizationId && g.districtId === district.id).map((g) => g.organizationId!),
    ),
  ];
}
