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
  /** Read-only item objects (see readItem), not managed entities. */
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

interface RevisionContent {
  sections: RoadmapSection[];
  /** By position, then id, across the sections (as the items were always read). */
  items: RoadmapItem[];
}

/**
 * An item row as a read-only object of the item's shape, not a managed entity: merging hundreds of
 * rows into the identity map was the largest CPU cost of a roadmap page. Its `revision` and
 * `section` are the section's (managed) ones; nothing writes through these objects (the editor
 * reads and writes entities itself).
 */
function readItem(row: Record<string, unknown>, section: RoadmapSection): RoadmapItem {
  // On RoadmapItem's prototype (type-graphql copies any @Root() that is not an instance into a new
  // entity, per field), as own data properties (the ORM's prototype setters would want a managed entity).
  const own = (value: unknown): PropertyDescriptor => ({ value, writable: true, enumerable: true, configurable: true });
  return Object.create(RoadmapItem.prototype, {
    id: own(row.id),
    revision: own(section.revision),
    section: own(section),
    key: own(row.key),
    position: own(row.position),
    number: own(row.number),
    activity: own(row.activity),
    content: own(row.content),
    deadlineText: own(row.deadline_text),
    deadline: own(row.deadline),
    dueDate: own(row.due_date),
    responsible: own(row.responsible),
    expectedResult: own(row.expected_result),
    indicator: own(row.indicator),
  }) as RoadmapItem;
}

/**
 * The sections of each revision with their items in ONE statement (the items as JSON beside their
 * section, mapped into the request's identity map): there is no collection from a section to its
 * items to join through, and a page reads both.
 */
function contentLoader(em: EntityManager): DataLoader<string, RevisionContent> {
  return new DataLoader(async (ids) => {
    const table = (name: string) => `"${em.schema}"."${name}"`;
    const rows = await em.getConnection().execute<Array<Record<string, unknown> & { items: Array<Record<string, unknown>> }>>(
      `select s.*, coalesce((select json_agg(i order by i.position, i.id) from ${table('roadmap_item')} i where i.section_id = s.id), '[]') as items
       from ${table('roadmap_section')} s where s.revision_id in (${ids.map(() => '?').join(', ')}) order by s.position, s.id`,
      [...ids],
    );
    const content = new Map(ids.map((id) => [id, { sections: [], items: [] } as RevisionContent]));
    for (const { items, ...row } of rows) {
      const section = em.map(RoadmapSection, row);
      const target = content.get(section.revision.id)!;
      target.sections.push(section);
      for (const item of items) target.items.push(readItem(item, section));
    }
    for (const { items } of content.values()) items.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return ids.map((id) => content.get(id)!);
  });
}

export function createRoadmapLoaders(em: EntityManager): RoadmapLoaders {
  const content = contentLoader(em);
  return {
    roadmapById: loaderById((ids) => em.find(Roadmap, { id: { $in: ids } })),
    revisionById: loaderById((ids) => em.find(RoadmapRevision, { id: { $in: ids } })),
    revisionsByRoadmapId: loaderGrouped(
      (ids) => em.find(RoadmapRevision, { roadmap: { $in: ids } }, { orderBy: { number: 'asc' } }),
      (revision) => revision.roadmap.id,
    ),
    sectionsByRevisionId: new DataLoader(async (ids) => (await content.loadMany(ids)).map((c) => (c instanceof Error ? c : c.sections))),
    itemsByRevisionId: new DataLoader(async (ids) => (await content.loadMany(ids)).map((c) => (c instanceof Error ? c : c.items))),
    itemById: loaderById((ids) => em.find(RoadmapItem, { id: { $in: ids } })),
    settings: new DataLoader(async (keys) => {
      const row = await em.findOne(DistrictSettings, { id: 1 });
      return keys.map(() => row);
    }),
  };
}
