import type DataLoader from 'dataloader';
import { loaderGrouped } from '../../engine/loaders.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { PairMeeting } from './pair.entity.js';

export interface PairLoaders {
  meetingsByPair: DataLoader<string, PairMeeting[]>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    pairs: PairLoaders;
  }
}

export function createPairLoaders(em: EntityManager): PairLoaders {
  return {
    meetingsByPair: loaderGrouped(
      (ids) => em.find(PairMeeting, { pairId: { $in: ids } }, { orderBy: { date: 'asc', createdAt: 'asc', id: 'asc' } }),
      (row) => row.pairId,
    ),
  };
}
