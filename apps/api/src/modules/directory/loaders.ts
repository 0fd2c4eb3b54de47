import DataLoader from 'dataloader';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { District } from './district.entity.js';
import { Organization } from './organization.entity.js';
import { PartnerOrganization } from './partner-organization.entity.js';
import { Region } from './region.entity.js';

/**
 * Per-request loaders over the request's directory fork: one query per relation per request,
 * whatever the number of rows. They load by id without a scope check — they serve relations of
 * rows that are already in scope (parents) and the actor's own grants.
 */
export interface DirectoryLoaders {
  regionById: DataLoader<string, Region | null>;
  districtById: DataLoader<string, District | null>;
  organizationById: DataLoader<string, Organization | null>;
  partnerById: DataLoader<string, PartnerOrganization | null>;
  organizationsCountByDistrictId: DataLoader<string, number>;
  districtsCountByRegionId: DataLoader<string, number>;
}

declare module '../../engine/graphql/context.js' {
  interface RequestLoaders {
    directory: DirectoryLoaders;
  }
}

type WithId = { id: string };

function byId<T extends WithId>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await load([...ids]);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

async function countBy(em: EntityManager, table: string, column: string, ids: readonly string[]): Promise<number[]> {
  const placeholders = ids.map(() => '?').join(', ');
  const rows = await em
    .getConnection()
    .execute<Array<{ key: string; count: number }>>(
      `select "${column}" as "key", count(*)::int as "count" from "core"."${table}" where "${column}" in (${placeholders}) group by "${column}"`,
      [...ids],
    );
  const counts = new Map(rows.map((row) => [row.key, Number(row.count)]));
  return ids.map((id) => counts.get(id) ?? 0);
}

export function createDirectoryLoaders(em: EntityManager): DirectoryLoaders {
  return {
    regionById: byId((ids) => em.find(Region, { id: { $in: ids } })),
    districtById: byId((ids) => em.find(District, { id: { $in: ids } })),
    organizationById: byId((ids) => em.find(Organization, { id: { $in: ids } })),
    partnerById: byId((ids) => em.find(PartnerOrganization, { id: { $in: ids } })),
    organizationsCountByDistrictId: new DataLoader((ids) => countBy(em, 'organization', 'district_id', ids)),
    districtsCountByRegionId: new DataLoader((ids) => countBy(em, 'district', 'region_id', ids)),
  };
}
