import type DataLoader from 'dataloader';
import { loaderGrouped } from '../../engine/loaders.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { ReviewComment } from './comment.entity.js';
import { RoadmapEvent } from '../roadmaps/event.entity.js';
import { PeekLoader } from '../roadmaps/loaders.js';
import { addRevisionPagePart, type RevisionPage } from '../roadmaps/page.js';
import { RoadmapRevision } from '../roadmaps/revision.entity.js';

/** The comments of one roadmap (all its revisions), in order, grouped the two ways pages read them. */
export interface RoadmapComments {
  byRevisionId: ReadonlyMap<string, ReviewComment[]>;
  /** The comments on an item (by its stable key) in every revision of the roadmap. */
  byItemKey: ReadonlyMap<string, ReviewComment[]>;
}

export interface ReviewLoaders {
  /**
   * A revision's comments and its items' comments come from here: one statement for the whole
   * roadmap (a page shows the revision's, its items' and the previous revision's comments).
   */
  commentsByRoadmapId: PeekLoader<string, RoadmapComments>;
  eventsByRevisionId: DataLoader<string, RoadmapEvent[]>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    reviews: ReviewLoaders;
  }
}

function group(comments: readonly ReviewComment[]): RoadmapComments {
  const byRevisionId = new Map<string, ReviewComment[]>();
  const byItemKey = new Map<string, ReviewComment[]>();
  const add = (map: Map<string, ReviewComment[]>, key: string, comment: ReviewComment) => {
    const list = map.get(key);
    if (list) list.push(comment);
    else map.set(key, [comment]);
  };
  for (const comment of comments) {
    add(byRevisionId, comment.revision.id, comment);
    if (comment.itemKey) add(byItemKey, comment.itemKey, comment);
  }
  return { byRevisionId, byItemKey };
}

export function createReviewLoaders(em: EntityManager): ReviewLoaders {
  return {
    commentsByRoadmapId: new PeekLoader<string, RoadmapComments>(async (ids) => {
      const comments = await em.find(ReviewComment, { roadmap: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      const byRoadmap = new Map<string, ReviewComment[]>();
      for (const comment of comments) {
        const list = byRoadmap.get(comment.roadmap.id);
        if (list) list.push(comment);
        else byRoadmap.set(comment.roadmap.id, [comment]);
      }
      return ids.map((id) => group(byRoadmap.get(id) ?? []));
    }),
    eventsByRevisionId: loaderGrouped(
      (ids) => em.find(RoadmapEvent, { revision: { $in: ids } }, { orderBy: { at: 'asc', id: 'asc' } }),
      (event) => event.revision.id,
    ),
  };
}

/**
 * A comment row (JSON) as a read-only object of the comment's shape, not a managed entity (a page
 * reads and writes nothing through it): its roadmap and revision are the page's.
 */
function readComment(row: Record<string, unknown>, page: RevisionPage, em: EntityManager): ReviewComment {
  const revisionId = row.revision_id as string;
  const comment = {
    // On ReviewComment's prototype (type-graphql takes a root of another class for a copy to convert),
    // its fields as own properties defined by the literal (the ORM's prototype setters want a managed entity).
    __proto__: ReviewComment.prototype,
    id: row.id,
    roadmap: page.roadmap,
    revision: page.revisionById.get(revisionId) ?? em.getReference(RoadmapRevision, revisionId),
    itemKey: row.item_key,
    body: row.body,
    action: row.action,
    authorUserId: row.author_user_id,
    authorName: row.author_name,
    authorPosition: row.author_position,
    authorRole: row.author_role,
    createdAt: new Date(row.created_at as string),
    parent: row.parent_id ? em.getReference(ReviewComment, row.parent_id as string) : null,
    resolvedAt: row.resolved_at ? new Date(row.resolved_at as string) : null,
    resolvedByUserId: row.resolved_by_user_id,
    resolvedByName: row.resolved_by_name,
  };
  return comment as unknown as ReviewComment;
}

// The roadmap's comments come with its revision's page (roadmaps/page.ts), in the loader's order.
addRevisionPagePart({
  fields: ['comments'],
  sql: (table) => `select coalesce(json_agg(c order by c.created_at, c.id), '[]') from ${table('review_comment')} c where c.roadmap_id = r.id`,
  prime(tenant, page, value) {
    const comments = (value as Array<Record<string, unknown>>).map((row) => readComment(row, page, tenant.em));
    tenant.loaders.reviews.commentsByRoadmapId.prime(page.roadmap.id, group(comments));
  },
});
