import DataLoader from 'dataloader';
import { pairKey, splitPairKey } from '../../engine/loaders.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { ItemExecution } from './item-execution.entity.js';

export interface ExecutionLoaders {
  /** Key `roadmapId|itemKey`. */
  byRoadmapItem: DataLoader<string, ItemExecution | null>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    execution: ExecutionLoaders;
  }
}

export function createExecutionLoaders(em: EntityManager): ExecutionLoaders {
  return {
    byRoadmapItem: new DataLoader(async (keys) => {
      const pairs = keys.map(splitPairKey);
      const rows = await em.find(ItemExecution, {
        roadmap: { $in: [...new Set(pairs.map(([r]) => r))] },
        itemKey: { $in: [...new Set(pairs.map(([, k]) => k))] },
      });
      const map = new Map(rows.map((row) => [pairKey(row.roadmap.id, row.itemKey), row]));
      return keys.map((key) => map.get(key) ?? null);
    }),
  };
}
