import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { isEditable, ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, conflict, forbidden } from '../../engine/errors.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { authorRoles, findRevision, findRoadmap } from './access.js';
import { RoadmapDraft } from './draft.entity.js';
import type { SaveRoadmapDraftInput } from './inputs.js';
import type { Roadmap } from './roadmap.entity.js';
import { rolesCoveringRoadmap } from './scope.js';

/** A draft longer than this is refused (the editor's state of a 500-item roadmap is well under it; the request limit is 1 MiB). */
const MAX_DRAFT_CHARS = 500_000;

/** Only who may edit the roadmap keeps a draft of it: outside the row scope NOT_FOUND, in it but not an author FORBIDDEN. */
function assertAuthor(ctx: TenantServiceContext, roadmap: Roadmap): void {
  const roles = rolesCoveringRoadmap(ctx.actor, ctx.tenant.district, roadmap);
  if (authorRoles(roles, roadmap.level).length === 0) throw forbidden(ROADMAP_MESSAGES_RU.onlyAuthorEdits(roadmap.level));
}

/** The editor's state as sent: a JSON object with a header object and a list of sections. */
function readContent(text: string): Record<string, unknown> {
  if (text.length > MAX_DRAFT_CHARS) throw badUserInput('content', ROADMAP_MESSAGES_RU.draftTooLarge(MAX_DRAFT_CHARS));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badUserInput('content', ROADMAP_MESSAGES_RU.draftUnreadable);
  }
  const draft = value as { header?: unknown; sections?: unknown } | null;
  if (!draft || typeof draft !== 'object' || Array.isArray(draft) || !draft.header || typeof draft.header !== 'object' || !Array.isArray(draft.sections)) {
    throw badUserInput('content', ROADMAP_MESSAGES_RU.draftUnreadable);
  }
  return draft as Record<string, unknown>;
}

/**
 * The editor's drafts on the server, per author per roadmap: saved as the author types (the
 * admin debounces), read back when the editor opens on any device, dropped when the revision is
 * saved (in `RevisionEditor.save`'s transaction) or when the author discards it. Each user sees
 * only their own draft.
 */
export class RoadmapDraftService {
  constructor(private readonly clock: Clock) {}

  async get(ctx: TenantServiceContext, roadmapId: string): Promise<RoadmapDraft | null> {
    const roadmap = await findRoadmap(ctx, roadmapId);
    assertAuthor(ctx, roadmap);
    return ctx.tenant.em.findOne(RoadmapDraft, { roadmap: roadmap.id, userId: ctx.actor.userId });
  }

  async save(ctx: TenantServiceContext, input: SaveRoadmapDraftInput): Promise<RoadmapDraft> {
    const { revision, roadmap } = await findRevision(ctx, input.revisionId);
    assertAuthor(ctx, roadmap);
    if (!isEditable(revision.state)) throw conflict(ROADMAP_MESSAGES_RU.notEditable(revision.state, roadmap.level), 'STATE');
    if (roadmap.latestRevisionId !== revision.id) throw conflict(ROADMAP_MESSAGES_RU.notLatest, 'STATE');
    // A draft of an older version is refused: the revision was saved since (by this author, whose
    // save dropped the draft, or by someone else — then the author's copy on the device remains).
    if (input.baseVersion !== revision.version) throw conflict(ROADMAP_MESSAGES_RU.staleVersion);
    const content = readContent(input.content);
    const em = ctx.tenant.em;
    const fields = { revisionId: revision.id, baseVersion: input.baseVersion, content, updatedAt: this.clock.now() };
    const existing = await em.findOne(RoadmapDraft, { roadmap: roadmap.id, userId: ctx.actor.userId });
    if (existing) {
      em.assign(existing, fields);
      await em.flush();
      return existing;
    }
    const draft = em.create(RoadmapDraft, { roadmap, userId: ctx.actor.userId, ...fields });
    try {
      await em.flush();
    } catch (error) {
      // The same author's other tab created it a moment ago: the later save wins.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      em.clear();
      await em.nativeUpdate(RoadmapDraft, { roadmap: roadmap.id, userId: ctx.actor.userId }, fields);
      return em.findOneOrFail(RoadmapDraft, { roadmap: roadmap.id, userId: ctx.actor.userId });
    }
    return draft;
  }

  async discard(ctx: TenantServiceContext, roadmapId: string): Promise<boolean> {
    const roadmap = await findRoadmap(ctx, roadmapId);
    assertAuthor(ctx, roadmap);
    return (await dropDraft(ctx.tenant.em, roadmap.id, ctx.actor.userId)) > 0;
  }
}

/** The user's draft of a roadmap goes (their revision was saved, or they discarded it). */
export function dropDraft(em: EntityManager, roadmapId: string, userId: string): Promise<number> {
  return em.nativeDelete(RoadmapDraft, { roadmap: roadmapId, userId });
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    roadmapDrafts: RoadmapDraftService;
  }
}
