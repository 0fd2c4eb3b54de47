import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { TenantDirectory, TenantDistrict } from '../../engine/tenancy/tenant.js';
import { District } from './district.entity.js';

const toTenant = (d: District): TenantDistrict => ({ id: d.id, code: d.code, regionId: d.region.id, schemaName: d.schemaName });

/** The directory as seen by the tenancy rule. */
export const tenantDirectory: TenantDirectory = {
  async districtById(em: EntityManager, id: string) {
    const district = await em.findOne(District, { id });
    return district ? toTenant(district) : null;
  },
  async districtsOfRegions(em: EntityManager, regionIds: readonly string[]) {
    return (await em.find(District, { region: { $in: [...regionIds] } })).map(toTenant);
  },
  async districtsByIds(em: EntityManager, ids: readonly string[]) {
    return (await em.find(District, { id: { $in: [...ids] } })).map(toTenant);
  },
};
