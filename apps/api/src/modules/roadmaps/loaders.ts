import DataLoader from 'dataloader';
import { loaderById, loaderGrouped } from '../../engine/loaders.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { DistrictSettings } from './district-settings.entity.js';
import { RoadmapItem } from './item.entity.js';
import { RoadmapRevision } from './revision.entity.js';
import { Roadmap } from './roadmap.entity.js';
import { RoadmapSection } from './section.entity.js';

/**
 * Loaders of roadmaps and their content over the tenant fork. By id they load without a scope
 * check: they serve relations of rows already in scope (a revision of a visible roadmap…).
 */
export interface RoadmapLoaders {
  roadmapById: DataLoader<string, Roadmap | null>;
  revisionById: DataLoader<string, RoadmapRevision | null>;
  /** All revisions of each roadmap, by number. */
  revisionsByRoadmapId: DataLoader<string, RoadmapRevision[]>;
  sectionsByRevisionId: DataLoader<string, RoadmapSection[]>;
  itemsByRevisionId: DataLoader<string, RoadmapItem[]>;
  itemById: DataLoader<string, RoadmapItem | null>;
  /** The district's settings row (or null: the defaults). Key: anything, e.g. 'settings'. */
  settings: DataLoader<string, DistrictSettings | null>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    roadmaps: RoadmapLoaders;
  }
}

export function createRoadmapLoaders(em: EntityManager): RoadmapLoaders {
  return {
    roadmapById: loaderById((ids) => em.find(Roadmap, { id: { $in: ids } })),
    revisionById: loaderById((ids) => em.find(RoadmapRevision, { id: { $in: ids } })),
    revisionsByRoadmapId: loaderGrouped(
      (ids) => em.find(RoadmapRevision, { roadmap: { $in: ids } }, { orderBy: { number: 'asc' } }),
      (revision) => revision.roadmap.id,
    ),
    sectionsByRevisionId: loaderGrouped(
      (ids) => em.find(RoadmapSection, { revision: { $in: ids } }, { orderBy: { position: 'asc', id: 'asc' } }),
      (section) => section.revision.id,
    ),
    itemsByRevisionId: loaderGrouped(
      (ids) => em.find(RoadmapItem, { revision: { $in: ids } }, { orderBy: { position: 'asc', id: 'asc' } }),
      (item) => item.revision.id,
    ),
    itemById: loaderById((ids) => em.find(RoadmapItem, { id: { $in: ids } })),
    settings: new DataLoader(async (keys) => {
      const row = await em.findOne(DistrictSettings, { id: 1 });
      return keys.map(() => row);
    }),
  };
}
