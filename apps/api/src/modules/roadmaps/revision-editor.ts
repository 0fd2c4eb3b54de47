import { diffRevisions, isEditable, ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, conflict, forbidden } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads } from '../../engine/tenancy/tenant.js';
import { authorRoles, checkVersion, claimRevision, findRevision } from './access.js';
import { dropDraft } from './draft.service.js';
import { buildSections, toDrafts, type DraftItem, type DraftSection } from './content.js';
import { editSummary, recordEvent, type EditSummary } from './events.js';
import { checkHeader, type RevisionHeader } from './header.js';
import type { AddRoadmapItemInput, MoveRoadmapItemInput, RemoveRoadmapItemInput, SaveRoadmapRevisionInput, UpdateRoadmapItemInput } from './inputs.js';
import { RoadmapItem } from './item.entity.js';
import { RoadmapRevision } from './revision.entity.js';
import { readContent, writeContent } from './revision-store.js';
import { rolesCoveringRoadmap } from './scope.js';
import { RoadmapSection } from './section.entity.js';

/** What a user edits in one go: the header and the sections (as typed). */
interface DraftContent {
  header: RevisionHeader;
  sections: DraftSection[];
  /** The item an edit was about (fine-grained mutations), for the audit trail. */
  itemKey?: string | null;
}

/**
 * Editing a draft revision, whole (the editor's «Сохранить») or item by item, under the optimistic
 * lock (`expectedVersion`), each edit with its summary in the revision's journal.
 */
export class RevisionEditor {
  constructor(private readonly clock: Clock) {}

  /** The whole draft at once (the editor's «Сохранить»). */
  save(ctx: TenantServiceContext, input: SaveRoadmapRevisionInput): Promise<RoadmapRevision> {
    return this.edit(ctx, input.revisionId, input.expectedVersion, { dropsDraft: true }, (current) => ({
      header: {
        title: input.title ?? current.header.title,
        programmeName: input.programmeName ?? current.header.programmeName,
        periodStart: input.periodStart ?? current.header.periodStart,
        periodEnd: input.periodEnd ?? current.header.periodEnd,
      },
      sections: input.sections ?? [],
    }));
  }

  addItem(ctx: TenantServiceContext, input: AddRoadmapItemInput): Promise<RoadmapRevision> {
    return this.edit(ctx, input.revisionId, input.expectedVersion, {}, (current) => {
      const section = current.sections.find((s) => s.key === input.sectionKey);
      if (!section) throw badUserInput('sectionKey', ROADMAP_MESSAGES_RU.sectionNotFound);
      const position = Math.min(Math.max(input.position ?? section.items.length, 0), section.items.length);
      const item: DraftItem = { ...input.item, key: input.item.key ?? null };
      section.items.splice(position, 0, item);
      return { ...current, itemKey: null };
    });
  }

  updateItem(ctx: TenantServiceContext, input: UpdateRoadmapItemInput): Promise<RoadmapRevision> {
    return this.edit(ctx, input.revisionId, input.expectedVersion, {}, (current) => {
      const found = this.locate(current.sections, input.itemKey, 'itemKey');
      const patch = Object.fromEntries(Object.entries(input.item).filter(([field, value]) => value != null && field !== 'key'));
      found.section.items[found.index] = { ...found.item, ...patch };
      return { ...current, itemKey: found.item.key };
    });
  }

  removeItem(ctx: TenantServiceContext, input: RemoveRoadmapItemInput): Promise<RoadmapRevision> {
    return this.edit(ctx, input.revisionId, input.expectedVersion, {}, (current) => {
      const found = this.locate(current.sections, input.itemKey, 'itemKey');
      found.section.items.splice(found.index, 1);
      return { ...current, itemKey: found.item.key };
    });
  }

  moveItem(ctx: TenantServiceContext, input: MoveRoadmapItemInput): Promise<RoadmapRevision> {
    return this.edit(ctx, input.revisionId, input.expectedVersion, {}, (current) => {
      const found = this.locate(current.sections, input.itemKey, 'itemKey');
      const target = input.sectionKey ? current.sections.find((s) => s.key === input.sectionKey) : found.section;
      if (!target) throw badUserInput('sectionKey', ROADMAP_MESSAGES_RU.sectionNotFound);
      found.section.items.splice(found.index, 1);
      const position = Math.min(Math.max(input.position, 0), target.items.length);
      target.items.splice(position, 0, found.item);
      return { ...current, itemKey: found.item.key };
    });
  }

  private locate(sections: DraftSection[], key: string, field: string) {
    for (const section of sections) {
      const index = section.items.findIndex((item) => item.key === key);
      if (index >= 0) return { section, index, item: section.items[index]! };
    }
    throw badUserInput(field, ROADMAP_MESSAGES_RU.itemNotFound);
  }

  /**
   * One edit of a revision: checks scope, author, version, state; builds and validates the new
   * content (nothing is written if that fails); then, in one transaction, claims the version and
   * writes the content and the audit record (and, saving from the editor, drops the author's draft). A concurrent edit with the same version loses the
   * claim and gets CONFLICT; its transaction rolls back.
   */
  private async edit(
    ctx: TenantServiceContext,
    revisionId: string,
    expectedVersion: number,
    options: { dropsDraft?: boolean },
    change: (current: DraftContent) => DraftContent,
  ): Promise<RoadmapRevision> {
    const { actor, tenant } = ctx;
    const { revision, roadmap } = await findRevision(ctx, revisionId);
    const roles = rolesCoveringRoadmap(actor, tenant.district, roadmap);
    const authors = authorRoles(roles, roadmap.level);
    if (authors.length === 0) throw forbidden(ROADMAP_MESSAGES_RU.onlyAuthorEdits(roadmap.level));
    checkVersion(revision, expectedVersion);
    if (!isEditable(revision.state)) throw conflict(ROADMAP_MESSAGES_RU.notEditable(revision.state, roadmap.level), 'STATE');
    if (roadmap.latestRevisionId !== revision.id) throw conflict(ROADMAP_MESSAGES_RU.notLatest, 'STATE');

    const before = await readContent(tenant.em, revision);
    const currentHeader: RevisionHeader = {
      title: revision.title,
      programmeName: revision.programmeName,
      periodStart: revision.periodStart,
      periodEnd: revision.periodEnd,
    };
    const next = change({ header: { ...currentHeader }, sections: toDrafts(before, true) });
    const header = checkHeader(next.header);
    const after = buildSections(next.sections, header);
    const headerChanges = (Object.keys(currentHeader) as Array<keyof RevisionHeader>).filter((f) => currentHeader[f] !== header[f]);
    const summary: EditSummary = editSummary(diffRevisions({ sections: before }, { sections: after }), headerChanges);

    const now = this.clock.now();
    await tenant.em.transactional(
      async (em) => {
        const version = await claimRevision(em, revision, expectedVersion, header, now);
        const managed = await em.findOneOrFail(RoadmapRevision, { id: revision.id });
        const [sections, items] = await Promise.all([em.find(RoadmapSection, { revision: revision.id }), em.find(RoadmapItem, { revision: revision.id })]);
        writeContent(em, managed, after, { sections, items });
        recordEvent(em, {
          revision: managed,
          actor,
          role: authors[0]!,
          action: 'save',
          fromState: revision.state,
          toState: revision.state,
          itemKey: next.itemKey ?? null,
          changes: summary,
          versionAfter: version,
          at: now,
        });
        await em.flush();
        // The editor's draft on the server is now the revision: it is not offered again on another device.
        if (options.dropsDraft) await dropDraft(em, roadmap.id, actor.userId);
      },
      { clear: true },
    );
    forgetTenantReads(tenant);
    return tenant.em.findOneOrFail(RoadmapRevision, { id: revision.id });
  }
}
