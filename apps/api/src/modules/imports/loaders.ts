import DataLoader from 'dataloader';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { RoadmapImport } from './roadmap-import.entity.js';

export interface ImportLoaders {
  /** The import record of each roadmap (null: not imported). */
  byRoadmapId: DataLoader<string, RoadmapImport | null>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    imports: ImportLoaders;
  }
}

export function createImportLoaders(em: EntityManager): ImportLoaders {
  return {
    byRoadmapId: new DataLoader(async (ids) => {
      const rows = await em.find(RoadmapImport, { roadmap: { $in: [...ids] } });
      const byRoadmap = new Map(rows.map((row) => [row.roadmap.id, row]));
      return ids.map((id) => byRoadmap.get(id) ?? null);
    }),
  };
}
