import DataLoader from 'dataloader';
import { loaderGrouped } from '../../engine/loaders.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { ReviewComment } from './comment.entity.js';
import { RoadmapEvent } from '../roadmaps/event.entity.js';

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
  commentsByRoadmapId: DataLoader<string, RoadmapComments>;
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
    commentsByRoadmapId: new DataLoader<string, RoadmapComments>(async (ids) => {
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
