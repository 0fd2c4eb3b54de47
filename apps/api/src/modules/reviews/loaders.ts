import type DataLoader from 'dataloader';
import { loaderGrouped, pairKey, splitPairKey } from '../../engine/loaders.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { ReviewComment } from './comment.entity.js';
import { RoadmapEvent } from '../roadmaps/event.entity.js';

export interface ReviewLoaders {
  commentsByRevisionId: DataLoader<string, ReviewComment[]>;
  /** Key `roadmapId|itemKey`: the comments on an item in every revision of its roadmap. */
  commentsByRoadmapItem: DataLoader<string, ReviewComment[]>;
  eventsByRevisionId: DataLoader<string, RoadmapEvent[]>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    reviews: ReviewLoaders;
  }
}

export function createReviewLoaders(em: EntityManager): ReviewLoaders {
  return {
    commentsByRevisionId: loaderGrouped(
      (ids) => em.find(ReviewComment, { revision: { $in: ids } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      (comment) => comment.revision.id,
    ),
    commentsByRoadmapItem: loaderGrouped(
      (keys) => {
        const pairs = keys.map(splitPairKey);
        return em.find(
          ReviewComment,
          { roadmap: { $in: [...new Set(pairs.map(([r]) => r))] }, itemKey: { $in: [...new Set(pairs.map(([, k]) => k))] } },
          { orderBy: { createdAt: 'asc', id: 'asc' } },
        );
      },
      (comment) => pairKey(comment.roadmap.id, comment.itemKey ?? ''),
    ),
    eventsByRevisionId: loaderGrouped(
      (ids) => em.find(RoadmapEvent, { revision: { $in: ids } }, { orderBy: { at: 'asc', id: 'asc' } }),
      (event) => event.revision.id,
    ),
  };
}
