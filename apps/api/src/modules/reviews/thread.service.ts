import { DISTRICT_STAFF_ROLES, REPLY_MAX_LENGTH, WORK_MOVES_MESSAGES_RU as M, type PlatformRole, type RoadmapLevel } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, conflict, forbidden, notFound } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid } from '../../engine/tenancy/tenant.js';
import type { Actor } from '../../engine/auth/actor.js';
import { within } from '../directory/scope.js';
import { authorRoles } from '../roadmaps/access.js';
import { Roadmap } from '../roadmaps/roadmap.entity.js';
import { roadmapScopeFilter, rolesCoveringRoadmap } from '../roadmaps/scope.js';
import { ReviewComment } from './comment.entity.js';

/** What the actor may do with a comment, given their roles on its roadmap. */
export interface CommentRights {
  reply: boolean;
  resolve: boolean;
  reopen: boolean;
}

/** The reviewing side of a roadmap: the district's staff for a school's, the region's coordinator for the district's. */
function reviewerRoles(roles: readonly PlatformRole[], level: RoadmapLevel): PlatformRole[] {
  return roles.filter((role) => (level === 'school' ? DISTRICT_STAFF_ROLES.includes(role) : role === 'region-coordinator'));
}

/**
 * Who may do what with a review comment: reply — the roadmap's school staff and its reviewers
 * (not a coordinator reading a school's roadmap); resolve — the comment's author or the roadmap's
 * authors (the school's curator); reopen — the reviewers. Replies are neither resolved nor reopened.
 */
export function commentRights(actor: Actor, roles: readonly PlatformRole[], roadmap: Roadmap, comment: ReviewComment): CommentRights {
  const topLevel = !comment.parent;
  const participants = roles.filter((role) => !(roadmap.level === 'school' && role === 'region-coordinator'));
  const resolved = comment.resolvedAt != null;
  return {
    reply: participants.length > 0,
    resolve: topLevel && !resolved && (comment.authorUserId === actor.userId || authorRoles(roles, roadmap.level).length > 0),
    reopen: topLevel && resolved && reviewerRoles(roles, roadmap.level).length > 0,
  };
}

/** Replies to review comments and their resolution: the thread of a remark until it is dealt with. */
export class CommentThreadService {
  constructor(private readonly clock: Clock) {}

  /** The comment and its roadmap within the actor's row scope; otherwise «not found» (a foreign id tells nothing). */
  private async find(ctx: TenantServiceContext, commentId: string): Promise<{ comment: ReviewComment; roadmap: Roadmap; rights: CommentRights }> {
    const { actor, tenant } = ctx;
    const comment = isUuid(commentId) ? await tenant.em.findOne(ReviewComment, { id: commentId }) : null;
    const roadmap = comment && (await tenant.em.findOne(Roadmap, within(roadmapScopeFilter(actor, tenant.district), { id: comment.roadmap.id })));
    if (!comment || !roadmap) throw notFound(M.commentNotFound);
    const roles = rolesCoveringRoadmap(actor, tenant.district, roadmap);
    return { comment, roadmap, rights: commentRights(actor, roles, roadmap, comment) };
  }

  async reply(ctx: TenantServiceContext, commentId: string, body: string): Promise<ReviewComment> {
    const { actor, tenant } = ctx;
    const text = (body ?? '').trim();
    if (!text) throw badUserInput('body', M.replyRequired);
    if (text.length > REPLY_MAX_LENGTH) throw badUserInput('body', M.replyTooLong(REPLY_MAX_LENGTH));
    const found = await this.find(ctx, commentId);
    if (!found.rights.reply) throw forbidden(M.cannotReply);
    // One level: a reply to a reply joins the thread of its comment.
    const root = found.comment.parent ? await tenant.em.findOneOrFail(ReviewComment, { id: found.comment.parent.id }) : found.comment;
    const roles = rolesCoveringRoadmap(actor, tenant.district, found.roadmap);
    const role = authorRoles(roles, found.roadmap.level)[0] ?? reviewerRoles(roles, found.roadmap.level)[0] ?? roles[0]!;
    const reply = tenant.em.create(ReviewComment, {
      roadmap: found.roadmap,
      revision: root.revision,
      itemKey: root.itemKey,
      parent: root,
      body: text,
      action: 'reply',
      authorUserId: actor.userId,
      authorName: actor.displayName || actor.username,
      authorPosition: actor.position,
      authorRole: role,
      createdAt: this.clock.now(),
    });
    await tenant.em.flush();
    forgetTenantReads(tenant);
    return reply;
  }

  async resolve(ctx: TenantServiceContext, commentId: string): Promise<ReviewComment> {
    const { comment, rights } = await this.find(ctx, commentId);
    if (comment.parent) throw badUserInput('commentId', M.replyNotResolvable);
    if (comment.resolvedAt) throw conflict(M.alreadyResolved, 'STATE');
    if (!rights.resolve) throw forbidden(M.cannotResolve);
    return this.stamp(ctx, comment, true);
  }

  async reopen(ctx: TenantServiceContext, commentId: string): Promise<ReviewComment> {
    const { comment, rights } = await this.find(ctx, commentId);
    if (comment.parent) throw badUserInput('commentId', M.replyNotResolvable);
    if (!comment.resolvedAt) throw conflict(M.notResolved, 'STATE');
    if (!rights.reopen) throw forbidden(M.cannotReopen);
    return this.stamp(ctx, comment, false);
  }

  /** Resolved (who, when) or open again; only a comment in the expected state changes (two clicks at once: one wins). */
  private async stamp(ctx: TenantServiceContext, comment: ReviewComment, resolved: boolean): Promise<ReviewComment> {
    const { actor, tenant } = ctx;
    const patch = resolved
      ? { resolvedAt: this.clock.now(), resolvedByUserId: actor.userId, resolvedByName: actor.displayName || actor.username }
      : { resolvedAt: null, resolvedByUserId: null, resolvedByName: null };
    const changed = await tenant.em.nativeUpdate(ReviewComment, { id: comment.id, resolvedAt: resolved ? null : { $ne: null } }, patch);
    if (changed === 0) throw conflict(resolved ? M.alreadyResolved : M.notResolved, 'STATE');
    forgetTenantReads(tenant);
    return tenant.em.findOneOrFail(ReviewComment, { id: comment.id });
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    commentThreads: CommentThreadService;
  }
}
