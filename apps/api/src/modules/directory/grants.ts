import type { Grant } from '@nastavnik/domain';
import type { ResolvedGrant } from '../../engine/auth/actor.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { District } from './district.entity.js';
import { Organization } from './organization.entity.js';
import { PartnerOrganization } from './partner-organization.entity.js';
import { Region } from './region.entity.js';

/**
 * Checks the token's grants against the directory: a group naming a region, district,
 * organisation or partner that does not exist (or a district under another region) grants
 * nothing. At most one query per kind of scope.
 */
export async function resolveGrants(em: EntityManager, grants: readonly Grant[]): Promise<ResolvedGrant[]> {
  const regionCodes = new Set<string>();
  const districtCodes = new Set<string>();
  const organizationCodes = new Set<string>();
  const partnerCodes = new Set<string>();
  for (const { scope } of grants) {
    if (scope.kind === 'region' || scope.kind === 'district' || scope.kind === 'organization') regionCodes.add(scope.regionCode);
    if (scope.kind === 'district' || scope.kind === 'organization') districtCodes.add(scope.districtCode);
    if (scope.kind === 'organization') organizationCodes.add(scope.organizationCode);
    if (scope.kind === 'partner') partnerCodes.add(scope.partnerCode);
  }
  const [regions, districts, organizations, partners] = await Promise.all([
    regionCodes.size ? em.find(Region, { code: { $in: [...regionCodes] } }) : [],
    districtCodes.size ? em.find(District, { code: { $in: [...districtCodes] } }) : [],
    organizationCodes.size ? em.find(Organization, { code: { $in: [...organizationCodes] }, district: { code: { $in: [...districtCodes] } } }) : [],
    partnerCodes.size ? em.find(PartnerOrganization, { code: { $in: [...partnerCodes] } }) : [],
  ]);
  const regionByCode = new Map(regions.map((r) => [r.code, r]));
  const districtByCode = new Map(districts.map((d) => [d.code, d]));
  const partnerByCode = new Map(partners.map((p) => [p.code, p]));

  const resolved: ResolvedGrant[] = [];
  for (const grant of grants) {
    const base = { ...grant, regionId: null, districtId: null, organizationId: null, partnerId: null };
    const { scope } = grant;
    switch (scope.kind) {
      case 'platform':
        resolved.push(base);
        break;
      case 'region': {
        const region = regionByCode.get(scope.regionCode);
        if (region) resolved.push({ ...base, regionId: region.id });
        break;
      }
      case 'district': {
        const region = regionByCode.get(scope.regionCode);
        const district = districtByCode.get(scope.districtCode);
        if (region && district && district.region.id === region.id) {
          resolved.push({ ...base, regionId: region.id, districtId: district.id });
        }
        break;
      }
      case 'organization': {
        const region = regionByCode.get(scope.regionCode);
        const district = districtByCode.get(scope.districtCode);
        if (!region || !district || district.region.id !== region.id) break;
        const organization = organizations.find((o) => o.code === scope.organizationCode && o.district.id === district.id);
        if (organization) {
          resolved.push({ ...base, regionId: region.id, districtId: district.id, organizationId: organization.id });
        }
        break;
      }
      case 'partner': {
        const partner = partnerByCode.get(scope.partnerCode);
        if (partner) resolved.push({ ...base, partnerId: partner.id, regionId: partner.region?.id ?? null });
        break;
      }
    }
  }
  return resolved;
}
