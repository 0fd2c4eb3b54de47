import { APPROVAL_ACTION_LABELS_RU, type AgreementBlock, type ApprovalBlock } from '@nastavnik/domain';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { Role } from '../me/types.js';
import { ApprovalAction, RoadmapState } from '../roadmaps/enums.js';
import { RoadmapItem } from '../roadmaps/item.entity.js';
import { andThen, whenLoaded } from '../roadmaps/loaders.js';
import { roadmapIdOfItem } from '../roadmaps/resolvers.js';
import { RoadmapRevision } from '../roadmaps/revision.entity.js';
import type { Roadmap } from '../roadmaps/roadmap.entity.js';
import { AgreementBlockType, ApprovalBlockType } from '../roadmaps/types.js';
import { ReviewComment } from './comment.entity.js';
import { RoadmapEvent } from '../roadmaps/event.entity.js';
import { editSummaryRu, type EditSummary } from '../roadmaps/events.js';
import { RoadmapDecisionInput } from './inputs.js';
import { commentRights, type CommentRights } from './thread.service.js';
import { rolesCoveringRoadmap } from '../roadmaps/scope.js';

const EVENT_LABELS_RU: Record<string, string> = {
  ...APPROVAL_ACTION_LABELS_RU,
  create: 'Создание редакции',
  save: 'Изменение',
  markDone: 'Отметка о выполнении',
  undoDone: 'Снятие отметки о выполнении',
  supersede: 'Заменена новой редакцией',
};

@Resolver(() => ReviewComment)
export class ReviewCommentResolver {
  @Authorized('school-curator', 'school-director', 'district-officer', 'district-head', 'region-coordinator')
  @Mutation(() => RoadmapRevision, {
    description:
      'Решение по редакции (машина согласования): направить, утвердить, вернуть, замечание, рекомендовать, согласовать, создать новую редакцию. ' +
      'Устаревшая expectedVersion — CONFLICT. createRevision возвращает новую редакцию.',
  })
  decideRoadmap(@Ctx() ctx: GraphQLContext, @Arg('input', () => RoadmapDecisionInput) input: RoadmapDecisionInput) {
    return ctx.services.decisions.decide(ctx, input);
  }

  @Authorized('school-curator', 'school-director', 'district-officer', 'district-head', 'region-coordinator')
  @Mutation(() => ReviewComment, { description: 'Ответ на замечание (один уровень: ответ на ответ попадает в ту же ветку).' })
  replyToReviewComment(@Ctx() ctx: GraphQLContext, @Arg('commentId', () => ID) commentId: string, @Arg('body') body: string) {
    return ctx.services.commentThreads.reply(ctx, commentId, body);
  }

  @Authorized('school-curator', 'school-director', 'district-officer', 'district-head', 'region-coordinator')
  @Mutation(() => ReviewComment, { description: 'Отмечает замечание решённым (автор замечания или куратор организации).' })
  resolveReviewComment(@Ctx() ctx: GraphQLContext, @Arg('commentId', () => ID) commentId: string) {
    return ctx.services.commentThreads.resolve(ctx, commentId);
  }

  @Authorized('district-officer', 'district-head', 'region-coordinator')
  @Mutation(() => ReviewComment, { description: 'Возвращает решённое замечание в работу (орган, рассматривающий карту).' })
  reopenReviewComment(@Ctx() ctx: GraphQLContext, @Arg('commentId', () => ID) commentId: string) {
    return ctx.services.commentThreads.reopen(ctx, commentId);
  }

  @FieldResolver(() => ID)
  revisionId(@Root() comment: ReviewComment) {
    return comment.revision.id;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Замечание, на которое это ответ (null — само замечание).' })
  parentId(@Root() comment: ReviewComment) {
    return comment.parent?.id ?? null;
  }

  // Flat booleans, not an object: item comments sit near the API's query depth limit.
  @FieldResolver(() => Boolean, { description: 'Пользователь может ответить на замечание.' })
  async canReply(@Root() comment: ReviewComment, @Ctx() ctx: GraphQLContext) {
    return (await rightsOf(comment, ctx)).reply;
  }

  @FieldResolver(() => Boolean, { description: 'Пользователь может отметить замечание решённым.' })
  async canResolve(@Root() comment: ReviewComment, @Ctx() ctx: GraphQLContext) {
    return (await rightsOf(comment, ctx)).resolve;
  }

  @FieldResolver(() => Boolean, { description: 'Пользователь может вернуть замечание в работу.' })
  async canReopen(@Root() comment: ReviewComment, @Ctx() ctx: GraphQLContext) {
    return (await rightsOf(comment, ctx)).reopen;
  }

  @FieldResolver(() => Int, { description: 'Номер редакции, к которой оставлено замечание.' })
  revisionNumber(@Root() comment: ReviewComment, @Ctx() ctx: GraphQLContext) {
    // Known without a statement when the revision's page primed the roadmap's revisions.
    if (comment.revision.number !== undefined) return comment.revision.number;
    return ctx.tenant.loaders.roadmaps.revisionById.load(comment.revision.id).then((revision) => revision?.number ?? 0);
  }

  @FieldResolver(() => Role)
  authorRole(@Root() comment: ReviewComment) {
    return comment.authorRole;
  }
}

@Resolver(() => RoadmapEvent)
export class RoadmapEventResolver {
  @FieldResolver(() => String, { description: 'Действие по-русски.' })
  actionLabel(@Root() event: RoadmapEvent) {
    return EVENT_LABELS_RU[event.action] ?? event.action;
  }

  @FieldResolver(() => Role, { description: 'Роль, в которой действовал пользователь.' })
  role(@Root() event: RoadmapEvent) {
    return event.role;
  }

  @FieldResolver(() => RoadmapState, { nullable: true })
  fromState(@Root() event: RoadmapEvent) {
    return event.fromState;
  }

  @FieldResolver(() => RoadmapState, { nullable: true })
  toState(@Root() event: RoadmapEvent) {
    return event.toState;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Что изменено (для изменений), по-русски.' })
  summary(@Root() event: RoadmapEvent) {
    return event.changes ? editSummaryRu(event.changes as unknown as EditSummary) : null;
  }

  @FieldResolver(() => [String], { description: 'Изменённые поля: title, periodStart…, поля мероприятий (activity, deadlineText…).' })
  changedFields(@Root() event: RoadmapEvent) {
    const changes = event.changes as unknown as EditSummary | null;
    return changes ? [...changes.header, ...changes.itemFields] : [];
  }

  @FieldResolver(() => ApprovalBlockType, { nullable: true })
  approval(@Root() event: RoadmapEvent) {
    return (event.data?.approval as ApprovalBlock | undefined) ?? null;
  }

  @FieldResolver(() => AgreementBlockType, { nullable: true })
  agreement(@Root() event: RoadmapEvent) {
    return (event.data?.agreement as AgreementBlock | undefined) ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Прочие данные события в JSON (отметка о выполнении, основание новой редакции).' })
  details(@Root() event: RoadmapEvent) {
    return event.data && !event.data.approval && !event.data.agreement ? JSON.stringify(event.data) : null;
  }
}

/** The review fields of a revision and of an item: reviews extend the roadmap types from above. */
@Resolver(() => RoadmapRevision)
export class RevisionReviewFieldsResolver {
  @FieldResolver(() => [ReviewComment], { description: 'Замечания к этой редакции (ко всей карте и к мероприятиям).' })
  comments(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    return whenLoaded(ctx.tenant.loaders.reviews.commentsByRoadmapId, revision.roadmap.id, (comments) => comments.byRevisionId.get(revision.id) ?? []);
  }

  @FieldResolver(() => Int, { description: 'Открытые (не решённые) замечания к карте — во всех её редакциях, без ответов.' })
  openCommentCount(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    return whenLoaded(ctx.tenant.loaders.reviews.commentsByRoadmapId, revision.roadmap.id, (comments) => {
      let open = 0;
      for (const list of comments.byRevisionId.values()) for (const comment of list) if (!comment.parent && !comment.resolvedAt) open++;
      return open;
    });
  }

  @FieldResolver(() => [RoadmapEvent], { description: 'Журнал: все решения и изменения этой редакции.' })
  events(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    return ctx.tenant.loaders.reviews.eventsByRevisionId.load(revision.id);
  }

  @FieldResolver(() => [RoadmapEvent], { description: 'Решения согласования (из журнала).' })
  async decisions(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    const actions = new Set<string>(Object.values(ApprovalAction));
    return (await ctx.tenant.loaders.reviews.eventsByRevisionId.load(revision.id)).filter((event) => actions.has(event.action));
  }
}

@Resolver(() => RoadmapItem)
export class ItemReviewFieldsResolver {
  @FieldResolver(() => [ReviewComment], { description: 'Замечания к мероприятию во всех редакциях карты.' })
  comments(@Root() item: RoadmapItem, @Ctx() ctx: GraphQLContext) {
    // Held comments first, without a closure per item (a page's items all ask).
    const roadmap = item.revision.roadmap as Roadmap | undefined;
    const held = roadmap && ctx.tenant.loaders.reviews.commentsByRoadmapId.peek(roadmap.id);
    if (held) return held.byItemKey.get(item.key) ?? NO_COMMENTS;
    return andThen(roadmapIdOfItem(ctx, item), (roadmapId) =>
      whenLoaded(ctx.tenant.loaders.reviews.commentsByRoadmapId, roadmapId, (comments) => comments.byItemKey.get(item.key) ?? NO_COMMENTS),
    );
  }
}

const NO_COMMENTS: readonly ReviewComment[] = Object.freeze([]);

/** The actor's rights on a comment, from its roadmap (held by the page, else loaded once per request). */
async function rightsOf(comment: ReviewComment, ctx: GraphQLContext): Promise<CommentRights> {
  const held = comment.roadmap as Roadmap | undefined;
  const roadmap = held?.level ? held : await ctx.tenant.loaders.roadmaps.roadmapById.load(comment.roadmap.id);
  if (!roadmap) return { reply: false, resolve: false, reopen: false };
  return commentRights(ctx.actor, rolesCoveringRoadmap(ctx.actor, ctx.tenant.district, roadmap), roadmap, comment);
}

export const REVIEW_RESOLVERS = [ReviewCommentResolver, RoadmapEventResolver, RevisionReviewFieldsResolver, ItemReviewFieldsResolver] as const;
