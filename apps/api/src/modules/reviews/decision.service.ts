import { decide, type ApprovalAction, type Decision, type DecisionErrorCode, type PlatformRole } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, badUserInputs, conflict, forbidden } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { District } from '../directory/district.entity.js';
import { Organization } from '../directory/organization.entity.js';
import { Region } from '../directory/region.entity.js';
import { approvalSettings, checkVersion, claimRevision, findRevision } from '../roadmaps/access.js';
import { RoadmapItem } from '../roadmaps/item.entity.js';
import { ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import type { RoadmapService } from '../roadmaps/roadmap.service.js';
import { RoadmapRevision } from '../roadmaps/revision.entity.js';
import { Roadmap } from '../roadmaps/roadmap.entity.js';
import { rolesCoveringRoadmap } from '../roadmaps/scope.js';
import { ReviewComment } from './comment.entity.js';
import { recordEvent } from '../roadmaps/events.js';
import type { RoadmapDecisionInput } from './inputs.js';
import { forgetTenantReads } from '../../engine/tenancy/tenant.js';
import { currentLogger, silentLogger } from '../../engine/logging.js';
import type { DecisionLetters } from './decision-letters.js';

/** GraphQL's nulls as absent fields (the machine reads a block's fields as optional strings). */
function withoutNulls<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v != null)) as { [K in keyof T]?: Exclude<T[K], null> };
}

/** Decisions whose comment is a review remark shown beside the roadmap (not the author's own notes). */
const REMARK_ACTIONS: ReadonlySet<ApprovalAction> = new Set(['returnToCurator', 'comment', 'return', 'recommendAgreement', 'agree', 'approve']);

/** Of several refusals, the most telling: a field to fix, then a state conflict, then «not your role». */
const REFUSAL_RANK: Record<DecisionErrorCode, number> = { BAD_USER_INPUT: 0, CONFLICT_STATE: 1, FORBIDDEN: 2 };

/**
 * The approval of revisions through the domain's state machine (`decide`): the API adds who (the
 * actor's roles that cover the roadmap, the district's «who agrees» setting), the optimistic lock,
 * and what follows a decision — the state, the approval/agreement block, review comments, a new
 * revision (createRevision), the predecessor superseded (agree) — with its audit record, in one
 * transaction.
 */
export class DecisionService {
  constructor(
    private readonly clock: Clock,
    private readonly roadmaps: RoadmapService,
    /** The letters a decision sends (issue 16); a failure to queue them never undoes the decision. */
    private readonly letters?: DecisionLetters,
  ) {}

  async decide(ctx: TenantServiceContext, input: RoadmapDecisionInput): Promise<RoadmapRevision> {
    const { actor, tenant } = ctx;
    const { revision, roadmap } = await findRevision(ctx, input.revisionId);
    const roles = rolesCoveringRoadmap(actor, tenant.district, roadmap);
    if (roles.length === 0) throw forbidden(ROADMAP_MESSAGES_RU.readOnly);
    checkVersion(revision, input.expectedVersion);
    const settings = await approvalSettings(tenant);
    const action = input.action as ApprovalAction;

    const itemKey = input.itemKey?.trim() || null;
    if (itemKey) {
      const exists = await tenant.em.count(RoadmapItem, { revision: revision.id, key: itemKey.toLowerCase() });
      if (!exists) throw badUserInput('itemKey', ROADMAP_MESSAGES_RU.commentItemUnknown);
    }
    const payload = {
      comment: input.comment,
      itemId: itemKey?.toLowerCase() ?? null,
      approval: input.approval ? { ...withoutNulls(input.approval), organization: input.approval.organization || (await this.ownerName(ctx, roadmap)) } : null,
      agreement: input.agreement
        ? { ...withoutNulls(input.agreement), authority: input.agreement.authority || (await this.agreeingAuthority(ctx, roadmap)) }
        : null,
    };

    // The machine decides for each role the actor holds here; the first that may act, acts.
    const outcomes = roles.map((role) => ({
      role,
      decision: decide(revision.state, action, { role, level: roadmap.level, settings, payload }) as Decision,
    }));
    const accepted = outcomes.find((o) => o.decision.ok);
    if (!accepted) {
      const refusals = outcomes.map((o) => o.decision).filter((d): d is Extract<Decision, { ok: false }> => !d.ok);
      const refusal = refusals.sort((a, b) => REFUSAL_RANK[a.code] - REFUSAL_RANK[b.code])[0]!;
      if (refusal.code === 'BAD_USER_INPUT')
        throw refusal.fields?.length ? badUserInputs(refusal.fields) : badUserInput(refusal.field ?? 'input', refusal.message);
      if (refusal.code === 'CONFLICT_STATE') throw conflict(refusal.message, 'STATE');
      throw forbidden(refusal.message);
    }
    const decision = accepted.decision as Extract<Decision, { ok: true }>;
    const role: PlatformRole = accepted.role;
    const record = decision.record;
    // Decisions are taken on the latest revision only (an agreed one in force while its amendment
    // is under way stays as it is).
    if (roadmap.latestRevisionId !== revision.id) throw conflict(ROADMAP_MESSAGES_RU.notLatest, 'STATE');

    const now = this.clock.now();
    let versionAfter = revision.version;
    const resultId = await tenant.em.transactional(
      async (em) => {
        const patch: Parameters<typeof claimRevision>[3] = { state: decision.next };
        if (record.approval) patch.approval = record.approval;
        if (record.agreement) patch.agreement = record.agreement;
        const version = await claimRevision(em, revision, input.expectedVersion, patch, now);
        versionAfter = version;
        const managed = await em.findOneOrFail(RoadmapRevision, { id: revision.id });
        const managedRoadmap = await em.findOneOrFail(Roadmap, { id: roadmap.id });

        if (record.comment && REMARK_ACTIONS.has(action)) {
          em.create(ReviewComment, {
            roadmap: managedRoadmap,
            revision: managed,
            itemKey: record.itemId,
            body: record.comment,
            action,
            authorUserId: actor.userId,
            authorName: actor.displayName || actor.username,
            authorPosition: actor.position,
            authorRole: role,
            createdAt: now,
          });
        }
        recordEvent(em, {
          revision: managed,
          actor,
          role,
          action,
          fromState: record.from,
          toState: record.to,
          comment: record.comment,
          itemKey: record.itemId,
          data: record.approval ? { approval: record.approval } : record.agreement ? { agreement: record.agreement } : null,
          versionAfter: version,
          at: now,
        });

        let resultId = managed.id;
        if (decision.predecessorNext && managedRoadmap.inForceRevisionId && managedRoadmap.inForceRevisionId !== managed.id) {
          // The amendment is agreed: the revision in force until now is superseded.
          const previous = await em.findOneOrFail(RoadmapRevision, { id: managedRoadmap.inForceRevisionId });
          await em.nativeUpdate(RoadmapRevision, { id: previous.id }, { state: decision.predecessorNext, version: previous.version + 1, updatedAt: now });
          recordEvent(em, {
            revision: previous,
            actor,
            role,
            action: 'supersede',
            fromState: previous.state,
            toState: decision.predecessorNext,
            data: { supersededBy: managed.id, supersededByNumber: managed.number },
            versionAfter: previous.version + 1,
            at: now,
          });
        }
        if (decision.next === 'agreed') managedRoadmap.inForceRevisionId = managed.id;

        if (decision.newRevision) {
          const next = em.create(RoadmapRevision, {
            roadmap: managedRoadmap,
            number: managed.number + 1,
            state: decision.newRevision.state,
            version: 1,
            basedOnId: managed.id,
            // An amendment of the agreed revision supersedes it; a redo of a returned amendment
            // still supersedes what the returned one was to supersede.
            supersedesId: decision.newRevision.supersedes ? managed.id : managed.supersedesId,
            title: managed.title,
            programmeName: managed.programmeName,
            periodStart: managed.periodStart,
            periodEnd: managed.periodEnd,
            createdByUserId: actor.userId,
            createdByName: actor.displayName || actor.username,
            createdAt: now,
            updatedAt: now,
          });
          await this.roadmaps.copyContent(em, managed, next);
          managedRoadmap.latestRevisionId = next.id;
          recordEvent(em, {
            revision: next,
            actor,
            role,
            action: 'create',
            toState: next.state,
            data: { basedOn: managed.id, basedOnNumber: managed.number },
            versionAfter: 1,
            at: now,
          });
          resultId = next.id;
        }
        await em.flush();
        return resultId;
      },
      { clear: true },
    );
    forgetTenantReads(tenant);
    await this.letters
      ?.after(ctx, { action, roadmap, revision, comment: record.comment, actor, versionAfter })
      .catch((error: unknown) => currentLogger(silentLogger()).error({ err: error, revisionId: revision.id, action }, 'decision letters could not be queued'));
    return tenant.em.findOneOrFail(RoadmapRevision, { id: resultId });
  }

  private async ownerName(ctx: TenantServiceContext, roadmap: Roadmap): Promise<string> {
    if (roadmap.organizationId) return (await ctx.em.findOne(Organization, { id: roadmap.organizationId }))?.shortName ?? '';
    return this.authorityName(ctx);
  }

  private async authorityName(ctx: TenantServiceContext): Promise<string> {
    return (await ctx.em.findOne(District, { id: ctx.tenant.district.id }))?.authorityName ?? '';
  }

  /** Who agrees: the district's education authority (school roadmaps) or the region (district roadmaps). */
  private async agreeingAuthority(ctx: TenantServiceContext, roadmap: Roadmap): Promise<string> {
    if (roadmap.level === 'school') return this.authorityName(ctx);
    return (await ctx.em.findOne(Region, { id: ctx.tenant.district.regionId }))?.name ?? '';
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    decisions: DecisionService;
  }
}
