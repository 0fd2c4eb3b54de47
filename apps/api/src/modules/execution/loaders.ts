import type { EntityManager } from '../../engine/orm/create-orm.js';
import { PeekLoader } from '../roadmaps/loaders.js';
import { addRevisionPagePart, type RevisionPage } from '../roadmaps/page.js';
import { ItemExecution } from './item-execution.entity.js';

export interface ExecutionLoaders {
  /** The marks of each roadmap by item key: one statement for all items of a page. */
  byRoadmapId: PeekLoader<string, ReadonlyMap<string, ItemExecution>>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    execution: ExecutionLoaders;
  }
}

export function createExecutionLoaders(em: EntityManager): ExecutionLoaders {
  return {
    byRoadmapId: new PeekLoader(async (ids) => {
      const rows = await em.find(ItemExecution, { roadmap: { $in: [...ids] } });
      const byRoadmap = new Map(ids.map((id) => [id, new Map<string, ItemExecution>()]));
      for (const row of rows) byRoadmap.get(row.roadmap.id)?.set(row.itemKey, row);
      return ids.map((id) => byRoadmap.get(id)!);
    }),
  };
}

/** A mark row (JSON) as a read-only object of the mark's shape, not a managed entity (see readComment in reviews). */
function readMark(row: Record<string, unknown>, page: RevisionPage): ItemExecution {
  const mark = {
    __proto__: ItemExecution.prototype,
    id: row.id,
    roadmap: page.roadmap,
    itemKey: row.item_key,
    done: row.done,
    doneOn: row.done_on,
    documentNumber: row.document_number,
    documentDate: row.document_date,
    note: row.note,
    url: row.url,
    attachmentId: row.attachment_id,
    markedByUserId: row.marked_by_user_id,
    markedByName: row.marked_by_name,
    markedAt: new Date(row.marked_at as string),
  };
  return mark as unknown as ItemExecution;
}

// The roadmap's marks come with its revision's page (roadmaps/page.ts).
addRevisionPagePart({
  fields: ['execution', 'done', 'overdue'],
  sql: (table) => `select coalesce(json_agg(e), '[]') from ${table('item_execution')} e where e.roadmap_id = r.id`,
  prime(tenant, page, value) {
    const marks = new Map<string, ItemExecution>();
    for (const row of value as Array<Record<string, unknown>>) marks.set(row.item_key as string, readMark(row, page));
    tenant.loaders.execution.byRoadmapId.prime(page.roadmap.id, marks);
  },
});
