import DataLoader from 'dataloader';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { ItemExecution } from './item-execution.entity.js';

export interface ExecutionLoaders {
  /** The marks of each roadmap by item key: one statement for all items of a page. */
  byRoadmapId: DataLoader<string, ReadonlyMap<string, ItemExecution>>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    execution: ExecutionLoaders;
  }
}

export function createExecutionLoaders(em: EntityManager): ExecutionLoaders {
  return {
    byRoadmapId: new DataLoader(async (ids) => {
      const rows = await em.find(ItemExecution, { roadmap: { $in: [...ids] } });
      const byRoadmap = new Map(ids.map((id) => [id, new Map<string, ItemExecution>()]));
      for (const row of rows) byRoadmap.get(row.roadmap.id)?.set(row.itemKey, row);
      return ids.map((id) => byRoadmap.get(id)!);
    }),
  };
}
