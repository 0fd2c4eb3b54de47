import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { checkInput, executionMarkSchema, validateItem, type Evidence } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, badUserInputs, conflict, forbidden, notFound } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid } from '../../engine/tenancy/tenant.js';
import type { AttachmentService } from '../attachments/attachment.service.js';
import { recordEvent } from '../roadmaps/events.js';
import { authorRoles, findRevision } from '../roadmaps/access.js';
import { throwOnErrors, toDomainSections } from '../roadmaps/content.js';
import { RoadmapItem } from '../roadmaps/item.entity.js';
import { ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import { RoadmapRevision } from '../roadmaps/revision.entity.js';
import { rolesCoveringRoadmap } from '../roadmaps/scope.js';
import type { MarkItemDoneInput } from './inputs.js';
import { ItemExecution } from './item-execution.entity.js';

/**
 * Execution of an agreed roadmap: the author (the school's curator; the district officer for a
 * district roadmap) marks items of the revision in force done with evidence, or takes the mark
 * back. Marks belong to the roadmap and the item's stable key (see ItemExecution).
 */
export class ExecutionService {
  constructor(
    private readonly clock: Clock,
    private readonly attachments: AttachmentService,
  ) {}

  private async target(ctx: TenantServiceContext, itemId: string) {
    const item = isUuid(itemId) ? await ctx.tenant.em.findOne(RoadmapItem, { id: itemId }) : null;
    if (!item) throw notFound(ROADMAP_MESSAGES_RU.itemNotFound);
    const { roadmap } = await findRevision(ctx, item.revision.id);
    const roles = authorRoles(rolesCoveringRoadmap(ctx.actor, ctx.tenant.district, roadmap), roadmap.level);
    if (roles.length === 0) throw forbidden(ROADMAP_MESSAGES_RU.onlyAuthorExecutes(roadmap.level));
    const inForce = roadmap.inForceRevisionId ? await ctx.tenant.em.findOne(RoadmapRevision, { id: roadmap.inForceRevisionId }) : null;
    const inForceItem = inForce ? await ctx.tenant.em.findOne(RoadmapItem, { revision: inForce.id, key: item.key }) : null;
    if (!inForce || !inForceItem) throw conflict(ROADMAP_MESSAGES_RU.notInForce, 'STATE');
    return { item, roadmap, inForce, inForceItem, role: roles[0]! };
  }

  async mark(ctx: TenantServiceContext, input: MarkItemDoneInput): Promise<RoadmapItem> {
    const { item, roadmap, inForce, inForceItem, role } = await this.target(ctx, input.itemId);
    // The shared schema (packages/domain): every problem of the mark at once, in the admin's words.
    const checked = checkInput(executionMarkSchema, input);
    if (!checked.ok) throw badUserInputs(checked.issues);
    const { documentNumber, documentDate, note, url } = checked.value;
    const doneOn = checked.value.doneOn ?? this.clock.today();
    let attachmentId: string | null = null;
    if (checked.value.attachmentId) {
      const attachment = await this.attachments.get(ctx, checked.value.attachmentId, 'attachmentId');
      if (attachment.organizationId !== roadmap.organizationId) throw badUserInput('attachmentId', ROADMAP_MESSAGES_RU.attachmentNotFound);
      attachmentId = attachment.id;
    }

    // The domain's checks of an executed item (the schema above has already limited the evidence).
    const evidence: Evidence[] = [];
    if (documentNumber || documentDate)
      evidence.push({ kind: 'order', description: [documentNumber, documentDate].filter(Boolean).join(' от '), url: null, fileId: null });
    if (note) evidence.push({ kind: 'other', description: note, url: null, fileId: null });
    if (url) evidence.push({ kind: 'link', description: '', url, fileId: null });
    if (attachmentId) evidence.push({ kind: 'file', description: '', url: null, fileId: attachmentId });
    const [domainItem] = toDomainSections([inForceItem.section], [inForceItem]).flatMap((s) => s.items);
    const issues = validateItem({ ...domainItem!, done: true, doneOn, evidence }).map((issue) => ({
      ...issue,
      // An evidence's text is the note's (or the document's, limited above).
      field: issue.field.startsWith('evidence[') ? 'note' : issue.field,
    }));
    throwOnErrors(issues);

    const now = this.clock.now();
    const data = { doneOn, documentNumber, documentDate, note, url, attachmentId };
    try {
      await ctx.tenant.em.transactional(
        async (em) => {
          const existing = await em.findOne(ItemExecution, { roadmap: roadmap.id, itemKey: item.key });
          const values = { done: true, ...data, markedByUserId: ctx.actor.userId, markedByName: ctx.actor.displayName || ctx.actor.username, markedAt: now };
          if (existing) Object.assign(existing, values);
          else em.create(ItemExecution, { roadmap: roadmap.id, itemKey: item.key, ...values });
          recordEvent(em, {
            revision: await em.findOneOrFail(RoadmapRevision, { id: inForce.id }),
            actor: ctx.actor,
            role,
            action: 'markDone',
            itemKey: item.key,
            data,
            at: now,
          });
          await em.flush();
        },
        { clear: true },
      );
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict(ROADMAP_MESSAGES_RU.staleVersion);
      throw error;
    }
    forgetTenantReads(ctx.tenant);
    return ctx.tenant.em.findOneOrFail(RoadmapItem, { id: item.id });
  }

  async undo(ctx: TenantServiceContext, itemId: string): Promise<RoadmapItem> {
    const { item, roadmap, inForce, role } = await this.target(ctx, itemId);
    const now = this.clock.now();
    await ctx.tenant.em.transactional(
      async (em) => {
        const existing = await em.findOne(ItemExecution, { roadmap: roadmap.id, itemKey: item.key });
        if (!existing) return;
        const { doneOn, documentNumber, documentDate, note, url, attachmentId } = existing;
        em.remove(existing);
        recordEvent(em, {
          revision: await em.findOneOrFail(RoadmapRevision, { id: inForce.id }),
          actor: ctx.actor,
          role,
          action: 'undoDone',
          itemKey: item.key,
          data: { previous: { doneOn, documentNumber, documentDate, note, url, attachmentId } },
          at: now,
        });
        await em.flush();
      },
      { clear: true },
    );
    forgetTenantReads(ctx.tenant);
    return ctx.tenant.em.findOneOrFail(RoadmapItem, { id: item.id });
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    execution: ExecutionService;
  }
}
