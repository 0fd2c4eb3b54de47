import DataLoader from 'dataloader';
import { loaderGrouped } from '../../engine/loaders.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { PairMeeting } from './pair.entity.js';
import { PlannedMeeting } from './planned-meeting.entity.js';

export interface PairLoaders {
  meetingsByPair: DataLoader<string, PairMeeting[]>;
  plannedByPair: DataLoader<string, PlannedMeeting | null>;
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
    plannedByPair: new DataLoader(async (ids) => {
      const rows = await em.find(PlannedMeeting, { pairId: { $in: [...ids] } });
      const byPair = new Map(rows.map((row) => [row.pairId, row]));
      return ids.map((id) => byPair.get(id) ?? null);
    }),
  };
}
