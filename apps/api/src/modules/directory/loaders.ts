import DataLoader from 'dataloader';
import { raw, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { Actor } from '../../engine/auth/actor.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { District } from './district.entity.js';
import { Organization } from './organization.entity.js';
import { PartnerOrganization } from './partner-organization.entity.js';
import { Region } from './region.entity.js';
import { districtScopeFilter, organizationScopeFilter, within } from './scope.js';

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

/**
 * Children per parent, counted in SQL and only among the children the actor may see (a curator
 * must not learn how many sibling schools the district has).
 */
async function countVisibleBy<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  parent: string,
  scope: FilterQuery<T>,
  parentIds: readonly string[],
): Promise<number[]> {
  // The query builder's generics cannot follow a relation named by a string: typed loosely here.
  const qb = em.createQueryBuilder(entity as EntityName<object>, 'e');
  const rows = await qb
    // The foreign-key column itself: with a scope joining the parent (a coordinator's
    // `district.region`), `e.district` would be rewritten to the join's key and the grouping broken.
    .select([raw(`e.${parent}_id as key`), raw('count(*)::int as count')] as never)
    .where(within<T>(scope, { [parent]: { $in: [...parentIds] } } as never) as never)
    .groupBy(raw(`e.${parent}_id`) as never)
    .execute<Array<{ key: string; count: number }>>('all', false);
  const counts = new Map(rows.map((row) => [String(row.key), Number(row.count)]));
  return parentIds.map((id) => counts.get(id) ?? 0);
}

export function createDirectoryLoaders(em: EntityManager, actor: Actor): DirectoryLoaders {
  return {
    regionById: byId((ids) => em.find(Region, { id: { $in: ids } })),
    districtById: byId((ids) => em.find(District, { id: { $in: ids } })),
    organizationById: byId((ids) => em.find(Organization, { id: { $in: ids } })),
    partnerById: byId((ids) => em.find(PartnerOrganization, { id: { $in: ids } })),
    organizationsCountByDistrictId: new DataLoader((ids) => countVisibleBy(em, Organization, 'district', organizationScopeFilter(actor), ids)),
    districtsCountByRegionId: new DataLoader((ids) => countVisibleBy(em, District, 'region', districtScopeFilter(actor), ids)),
  };
}
