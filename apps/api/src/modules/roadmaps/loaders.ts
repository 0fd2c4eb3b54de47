import DataLoader from 'dataloader';
import { loaderById, loaderGrouped } from '../../engine/loaders.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { DistrictSettings } from './district-settings.entity.js';
import { RoadmapItem } from './item.entity.js';
import { RoadmapRevision } from './revision.entity.js';
import { Roadmap } from './roadmap.entity.js';
import { RoadmapSection } from './section.entity.js';

/**
 * A DataLoader whose settled values can also be read without a promise: a field resolver of data
 * the request already holds (a page read in one statement) then answers synchronously, and
 * graphql-js completes a list of 200 items without a promise per item and field. A key primed
 * while its load is under way keeps the first value `peek` saw (the same rows either way).
 */
export class PeekLoader<K, V> extends DataLoader<K, V> {
  private readonly settled: Map<K, V>;

  constructor(batch: DataLoader.BatchLoadFn<K, V>) {
    const settled = new Map<K, V>();
    super(async (keys) => {
      const values = await batch(keys);
      keys.forEach((key, i) => {
        const value = values[i];
        if (!(value instanceof Error) && !settled.has(key)) settled.set(key, value as V);
      });
      return values;
    });
    this.settled = settled;
  }

  /** The value, if it has been loaded or primed; undefined otherwise (then `load`). */
  peek(key: K): V | undefined {
    return this.settled.get(key);
  }

  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    if (!(value instanceof Error) && !isPromiseLike(value) && !this.settled.has(key)) this.settled.set(key, value);
    return super.prime(key, value);
  }

  override clear(key: K): this {
    this.settled.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.settled.clear();
    return super.clearAll();
  }
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/** The loaded value now, or the loaded value when it comes: `then` runs synchronously on a settled key. */
export function whenLoaded<K, V, R>(loader: PeekLoader<K, V>, key: K, then: (value: V) => R | Promise<R>): R | Promise<R> {
  const value = loader.peek(key);
  return value !== undefined ? then(value) : loader.load(key).then(then);
}

/** `then` on a value that may still be coming (synchronously when it is there). */
export function andThen<T, R>(value: T | Promise<T>, then: (value: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(then) : then(value);
}

/**
 * Loaders of roadmaps and their content over the tenant fork. By id they load without a scope
 * check: they serve relations of rows already in scope (a revision of a visible roadmap…).
 */
export interface RoadmapLoaders {
  roadmapById: PeekLoader<string, Roadmap | null>;
  revisionById: PeekLoader<string, RoadmapRevision | null>;
  /** All revisions of each roadmap, by number. */
  revisionsByRoadmapId: DataLoader<string, RoadmapRevision[]>;
  /** Each revision's sections and items (one statement for both). */
  contentByRevisionId: PeekLoader<string, RevisionContent>;
  sectionsByRevisionId: DataLoader<string, RoadmapSection[]>;
  /** Read-only item objects (see readItem), not managed entities. */
  itemsByRevisionId: DataLoader<string, RoadmapItem[]>;
  itemById: DataLoader<string, RoadmapItem | null>;
  /** The district's settings row (or null: the defaults). Key: anything, e.g. 'settings'. */
  settings: PeekLoader<string, DistrictSettings | null>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    roadmaps: RoadmapLoaders;
  }
}

export interface RevisionContent {
  sections: RoadmapSection[];
  /** By position, then id, across the sections (as the items were always read). */
  items: RoadmapItem[];
  /** Each section's items, by position (keyed by the section's id). */
  itemsBySectionId: ReadonlyMap<string, RoadmapItem[]>;
}

/**
 * An item row as a read-only object of the item's shape, not a managed entity: merging hundreds of
 * rows into the identity map was the largest CPU cost of a roadmap page. Its `revision` and
 * `section` are the section's; nothing writes through these objects (the editor reads and writes
 * entities itself).
 */
function readItem(row: Record<string, unknown>, section: RoadmapSection): RoadmapItem {
  const item = {
    // On RoadmapItem's prototype (type-graphql copies any @Root() that is not an instance into a new
    // entity, per field), its fields as own properties defined by the literal (the ORM's prototype
    // setters would want a managed entity).
    __proto__: RoadmapItem.prototype,
    id: row.id,
    revision: section.revision,
    section,
    key: row.key,
    position: row.position,
    number: row.number,
    activity: row.activity,
    content: row.content,
    deadlineText: row.deadline_text,
    deadline: row.deadline,
    dueDate: row.due_date,
    responsible: row.responsible,
    expectedResult: row.expected_result,
    indicator: row.indicator,
  };
  return item as unknown as RoadmapItem;
}

/** A section row with its items as JSON (see contentSql): the column the items come in. */
export type SectionRow = Record<string, unknown> & { items: Array<Record<string, unknown>> };

/**
 * The sections of revision `revisionId` (a SQL expression) with their items as JSON beside each
 * section, in order: there is no collection from a section to its items to join through, and a page
 * reads both.
 */
export function sectionRowsSql(table: (name: string) => string, revisionIdSql: string): string {
  return `select s.*, coalesce((select json_agg(i order by i.position, i.id) from ${table('roadmap_item')} i where i.section_id = s.id), '[]') as items
       from ${table('roadmap_section')} s where s.revision_id = ${revisionIdSql}`;
}

/** A section row as a read-only object of the section's shape (as readItem). */
function readSection(row: Record<string, unknown>, revision: RoadmapRevision): RoadmapSection {
  const section = {
    __proto__: RoadmapSection.prototype,
    id: row.id,
    revision,
    key: row.key,
    position: row.position,
    title: row.title,
    task: row.task,
    result: row.result,
  };
  return section as unknown as RoadmapSection;
}

/**
 * Section rows (of one revision, in order) as its content, read-only objects (see readItem). The
 * revision is the page's, else the request's entity (or a reference to it).
 */
export function toContent(em: EntityManager, rows: readonly SectionRow[], revision?: RoadmapRevision): RevisionContent {
  const content: RevisionContent = { sections: [], items: [], itemsBySectionId: new Map() };
  const bySection = content.itemsBySectionId as Map<string, RoadmapItem[]>;
  for (const { items, ...row } of rows) {
    const section = readSection(row, revision ?? em.getReference(RoadmapRevision, row.revision_id as string));
    content.sections.push(section);
    const own = items.map((item) => readItem(item, section));
    bySection.set(section.id, own);
    content.items.push(...own);
  }
  content.items.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return content;
}

/** The sections of each revision with their items, in ONE statement (see sectionRowsSql). */
function contentLoader(em: EntityManager): PeekLoader<string, RevisionContent> {
  return new PeekLoader(async (ids) => {
    const table = (name: string) => `"${em.schema}"."${name}"`;
    const rows = await em
      .getConnection()
      .execute<SectionRow[]>(`${sectionRowsSql(table, `any(array[${ids.map(() => '?::uuid').join(', ')}])`)} order by s.position, s.id`, [...ids]);
    const byRevision = new Map<string, SectionRow[]>(ids.map((id) => [id, []]));
    for (const row of rows) byRevision.get(row.revision_id as string)?.push(row);
    return ids.map((id) => toContent(em, byRevision.get(id)!));
  });
}

export function createRoadmapLoaders(em: EntityManager): RoadmapLoaders {
  const content = contentLoader(em);
  return {
    roadmapById: new PeekLoader(byId((ids) => em.find(Roadmap, { id: { $in: ids } }))),
    revisionById: new PeekLoader(byId((ids) => em.find(RoadmapRevision, { id: { $in: ids } }))),
    revisionsByRoadmapId: loaderGrouped(
      (ids) => em.find(RoadmapRevision, { roadmap: { $in: ids } }, { orderBy: { number: 'asc' } }),
      (revision) => revision.roadmap.id,
    ),
    contentByRevisionId: content,
    sectionsByRevisionId: new DataLoader(async (ids) => (await content.loadMany(ids)).map((c) => (c instanceof Error ? c : c.sections))),
    itemsByRevisionId: new DataLoader(async (ids) => (await content.loadMany(ids)).map((c) => (c instanceof Error ? c : c.items))),
    itemById: loaderById((ids) => em.find(RoadmapItem, { id: { $in: ids } })),
    settings: new PeekLoader(async (keys) => {
      const row = await em.findOne(DistrictSettings, { id: 1 });
      return keys.map(() => row);
    }),
  };
}

/** A batch function by id (as loaderById), for a PeekLoader. */
function byId<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>): DataLoader.BatchLoadFn<string, T | null> {
  return async (ids) => {
    const rows = await load([...ids]);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  };
}
