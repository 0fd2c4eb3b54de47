import DataLoader from 'dataloader';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { Headcount } from './headcount.entity.js';

export interface HeadcountLoaders {
  /** All headcounts of each organisation, newest academic year first: one query per request. */
  byOrganizationId: DataLoader<string, Headcount[]>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    headcounts: HeadcountLoaders;
  }
}

/** Built on the tenant fork only: the loader can never read another district's schema. */
export function createHeadcountLoaders(tenantEm: EntityManager): HeadcountLoaders {
  return {
    byOrganizationId: new DataLoader(async (organizationIds) => {
      const rows = await tenantEm.find(Headcount, { organizationId: { $in: [...organizationIds] } }, { orderBy: { academicYear: 'desc', id: 'asc' } });
      const grouped = new Map<string, Headcount[]>();
      for (const row of rows) grouped.set(row.organizationId, [...(grouped.get(row.organizationId) ?? []), row]);
      return organizationIds.map((id) => grouped.get(id) ?? []);
    }),
  };
}
