import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { diffRevisions, isEditable, isIsoDate, type Item, type RevisionDiff, type Section } from '@nastavnik/domain';
import type { FilterQuery } from '@mikro-orm/core';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, conflict, forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid } from '../../engine/tenancy/tenant.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { campaignScopeFilter } from '../campaigns/scope.js';
import { Organization } from '../directory/organization.entity.js';
import { within } from '../directory/scope.js';
import { editSummary, recordEvent, type EditSummary } from './events.js';
import { authorRoles, checkVersion, claimRevision, findRevision, findRoadmap } from './access.js';
import { buildSections, templateDrafts, toDomainSections, toDrafts, type DraftItem, type DraftSection } from './content.js';
import { RoadmapLevel, RoadmapSource } from './enums.js';
import type {
  AddRoadmapItemInput,
  CreateRoadmapInput,
  MoveRoadmapItemInput,
  RemoveRoadmapItemInput,
  RoadmapFilter,
  SaveRoadmapRevisionInput,
  UpdateRoadmapItemInput,
} from './inputs.js';
import { RoadmapItem } from './item.entity.js';
import { ROADMAP_FIELD_LABELS_RU as FIELD_LABELS_RU, ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import { RoadmapRevision } from './revision.entity.js';
import { Roadmap } from './roadmap.entity.js';
import { roadmapScopeFilter, rolesCoveringRoadmap } from './scope.js';
import { RoadmapSection } from './section.entity.js';
import { STANDARD_TEMPLATE } from './template.js';

export interface RevisionHeader {
  title: string;
  programmeName: string;
  periodStart: string;
  periodEnd: string;
}

const HEADER_LIMITS = { title: 1000, programmeName: 300 } as const;

/** Validates a header; BAD_USER_INPUT naming the field. */
export function checkHeader(header: RevisionHeader): RevisionHeader {
  const title = header.title.trim();
  const programmeName = header.programmeName.trim();
  for (const [field, value] of [
    ['title', title],
    ['programmeName', programmeName],
  ] as const) {
    if (!value) throw badUserInput(field, ROADMAP_MESSAGES_RU.required(FIELD_LABELS_RU[field]));
    if (value.length > HEADER_LIMITS[field]) throw badUserInput(field, ROADMAP_MESSAGES_RU.tooLong(FIELD_LABELS_RU[field], HEADER_LIMITS[field]));
  }
  for (const field of ['periodStart', 'periodEnd'] as const) {
    if (!isIsoDate(header[field])) throw badUserInput(field, ROADMAP_MESSAGES_RU.invalidDate(FIELD_LABELS_RU[field]));
  }
  if (header.periodEnd < header.periodStart) throw badUserInput('periodEnd', ROADMAP_MESSAGES_RU.periodOrder);
  return { title, programmeName, periodStart: header.periodStart, periodEnd: header.periodEnd };
}

/** The academic year (September–August) a date falls in. */
function academicYearPeriod(today: string): { periodStart: string; periodEnd: string } {
  const year = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 9 ? year : year - 1;
  return { periodStart: `${start}-09-01`, periodEnd: `${start + 1}-08-31` };
}

function periodLabel(periodStart: string, periodEnd: string): string {
  const from = Number(periodStart.slice(0, 4));
  const to = Number(periodEnd.slice(0, 4));
  if (periodStart.slice(5) === '09-01' && periodEnd.slice(5) === '08-31' && to === from + 1) return `${from}/${to} учебный год`;
  return from === to ? `${from} год` : `${from}–${to} гг.`;
}

/** What a user edits in one go: the header and the sections (as typed). */
interface DraftContent {
  header: RevisionHeader;
  sections: DraftSection[];
  /** The item an edit was about (fine-grained mutations), for the audit trail. */
  itemKey?: string | null;
}

/**
 * Roadmaps, their revisions and their content: creation (template, copy, empty), listing within
 * the row scope, editing a revision (whole or item by item) under the optimistic lock, and the
 * comparison of two revisions. The approval itself is the DecisionService's (reviews module).
 */
export class RoadmapService {
  constructor(private readonly clock: Clock) {}

  // ————— reading —————

  async list(ctx: TenantServiceContext, page?: PageInput | null, filter?: RoadmapFilter | null): Promise<Page<Roadmap>> {
    const { limit, offset } = pageWindow(page);
    const own: FilterQuery<Roadmap>[] = [];
    const nothing = { id: { $in: [] } } as FilterQuery<Roadmap>;
    if (filter?.campaignId != null) own.push(isUuid(filter.campaignId) ? { campaign: filter.campaignId } : nothing);
    if (filter?.organizationId != null) own.push(isUuid(filter.organizationId) ? { organizationId: filter.organizationId } : nothing);
    if (filter?.level != null) own.push({ level: filter.level });
    const [items, total] = await ctx.tenant.em.findAndCount(Roadmap, within(roadmapScopeFilter(ctx.actor, ctx.tenant.district), ...own), {
      limit,
      offset,
      orderBy: { createdAt: 'desc', id: 'desc' },
    });
    return { items, total, limit, offset };
  }

  get(ctx: TenantServiceContext, id: string): Promise<Roadmap> {
    return findRoadmap(ctx, id);
  }

  async getRevision(ctx: TenantServiceContext, id: string): Promise<RoadmapRevision> {
    return (await findRevision(ctx, id)).revision;
  }

  /** The content of a revision in the domain's shape (sections with items, keys as ids). */
  async content(em: EntityManager, revision: RoadmapRevision): Promise<Section[]> {
    const [sections, items] = await Promise.all([
      em.find(RoadmapSection, { revision: revision.id }, { orderBy: { position: 'asc' } }),
      em.find(RoadmapItem, { revision: revision.id }, { orderBy: { position: 'asc' } }),
    ]);
    return toDomainSections(sections, items);
  }

  /** Compares two revisions (of the same roadmap) item by item and field by field. */
  async diff(ctx: TenantServiceContext, fromRevisionId: string, toRevisionId: string): Promise<RevisionDiff> {
    const from = await findRevision(ctx, fromRevisionId);
    const to = await findRevision(ctx, toRevisionId);
    if (from.roadmap.id !== to.roadmap.id) throw badUserInput('toRevisionId', ROADMAP_MESSAGES_RU.diffOtherRoadmap);
    const em = ctx.tenant.em;
    return diffRevisions({ sections: await this.content(em, from.revision) }, { sections: await this.content(em, to.revision) });
  }

  // ————— creating —————

  async create(ctx: TenantServiceContext, input: CreateRoadmapInput): Promise<Roadmap> {
    const { actor, tenant } = ctx;
    const district = tenant.district;
    const level = input.level ?? RoadmapLevel.SCHOOL;

    // Whose roadmap: the school (the curator's own by default) or the district.
    let organization: Organization | null = null;
    if (level === RoadmapLevel.SCHOOL) {
      let organizationId = input.organizationId?.trim() || null;
      if (!organizationId) {
        const own = [...new Set(actor.grants.filter((g) => g.role === 'school-curator' && g.districtId === district.id).map((g) => g.organizationId!))];
        if (own.length !== 1) throw badUserInput('organizationId', ROADMAP_MESSAGES_RU.chooseOrganization);
        organizationId = own[0]!;
      }
      organization = isUuid(organizationId) ? await ctx.em.findOne(Organization, { id: organizationId, district: district.id }) : null;
      if (!organization) throw badUserInput('organizationId', ROADMAP_MESSAGES_RU.organizationNotInDistrict);
    }
    const roles = rolesCoveringRoadmap(actor, district, { level, organizationId: organization?.id ?? null });
    const authors = authorRoles(roles, level);
    if (authors.length === 0) throw forbidden(ROADMAP_MESSAGES_RU.onlyAuthorCreates(level));

    // The campaign it answers (visible to the actor, addressed to the school).
    let campaign: Campaign | null = null;
    if (input.campaignId != null) {
      campaign = isUuid(input.campaignId) ? await tenant.em.findOne(Campaign, within(campaignScopeFilter(actor, district), { id: input.campaignId })) : null;
      if (!campaign) throw notFound(ROADMAP_MESSAGES_RU.campaignNotFound);
      if (organization && !campaign.allOrganizations && !campaign.organizationIds.includes(organization.id)) {
        throw badUserInput('campaignId', ROADMAP_MESSAGES_RU.notAddressed);
      }
      if (level === RoadmapLevel.SCHOOL && organization) {
        const existing = await tenant.em.count(Roadmap, { campaign: campaign.id, organizationId: organization.id });
        if (existing > 0) throw badUserInput('campaignId', ROADMAP_MESSAGES_RU.duplicateInCampaign);
      }
    }

    const fallback = campaign ?? academicYearPeriod(this.clock.today());
    const periodStart = input.periodStart?.trim() || fallback.periodStart;
    const periodEnd = input.periodEnd?.trim() || fallback.periodEnd;
    const programmeName = (input.programmeName ?? '').trim();
    const whose = organization ? `в ${organization.shortName}` : 'муниципалитета';
    const period = isIsoDate(periodStart) && isIsoDate(periodEnd) ? ` на ${periodLabel(periodStart, periodEnd)}` : '';
    const header = checkHeader({
      title: input.title?.trim() || `Дорожная карта реализации целевой модели наставничества «${programmeName}» ${whose}${period}`,
      programmeName,
      periodStart,
      periodEnd,
    });

    const source = input.source ?? RoadmapSource.TEMPLATE;
    let drafts: DraftSection[] = [];
    if (source === RoadmapSource.TEMPLATE) drafts = templateDrafts(STANDARD_TEMPLATE);
    if (source === RoadmapSource.COPY) drafts = toDrafts(await this.copySource(ctx, input, level, organization), false);
    const sections = buildSections(drafts, header);

    const now = this.clock.now();
    const author = authors[0]!;
    let roadmapId: string;
    try {
      roadmapId = await tenant.em.transactional(
        async (em) => {
          const roadmap = em.create(Roadmap, {
            level,
            organizationId: organization?.id ?? null,
            campaign: campaign ? em.getReference(Campaign, campaign.id) : null,
            createdByUserId: actor.userId,
            createdByName: actor.displayName || actor.username,
            createdAt: now,
          });
          const revision = em.create(RoadmapRevision, {
            roadmap,
            number: 1,
            state: 'draft',
            version: 1,
            ...header,
            createdByUserId: actor.userId,
            createdByName: actor.displayName || actor.username,
            createdAt: now,
            updatedAt: now,
          });
          roadmap.latestRevisionId = revision.id;
          this.writeContent(em, revision, sections, { sections: [], items: [] });
          recordEvent(em, {
            revision,
            actor,
            role: author,
            action: 'create',
            toState: 'draft',
            data: { source, sections: sections.length, items: sections.reduce((n, s) => n + s.items.length, 0) },
            versionAfter: 1,
            at: now,
          });
          await em.flush();
          return roadmap.id;
        },
        { clear: true },
      );
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw badUserInput('campaignId', ROADMAP_MESSAGES_RU.duplicateInCampaign);
      throw error;
    }
    forgetTenantReads(tenant);
    return tenant.em.findOneOrFail(Roadmap, { id: roadmapId });
  }

  /** COPY: the latest revision of the named roadmap, or of the organisation's previous one. */
  private async copySource(ctx: TenantServiceContext, input: CreateRoadmapInput, level: RoadmapLevel, organization: Organization | null): Promise<Section[]> {
    const em = ctx.tenant.em;
    let source: Roadmap | null;
    if (input.copyFromRoadmapId) {
      source = await findRoadmap(ctx, input.copyFromRoadmapId);
      if (source.level !== level || source.organizationId !== (organization?.id ?? null)) {
        throw badUserInput('copyFromRoadmapId', ROADMAP_MESSAGES_RU.noCopySource);
      }
    } else {
      const candidates = await em.find(
        Roadmap,
        { level, organizationId: organization?.id ?? null, latestRevisionId: { $ne: null } },
        { orderBy: { createdAt: 'desc' }, limit: 1 },
      );
      source = candidates[0] ?? null;
    }
    const revision = source?.latestRevisionId ? await em.findOne(RoadmapRevision, { id: source.latestRevisionId }) : null;
    if (!revision) throw badUserInput('copyFromRoadmapId', ROADMAP_MESSAGES_RU.noCopySource);
    return this.content(em, revision);
  }

  // ————— editing —————

  /** The whole draft at once (the editor's «Сохранить»). */
  save(ctx: TenantServiceContext, input: SaveRoadmapRevisionInput): Promise<RoadmapRevision> {
    return this.edit(ctx, input.revisionId, input.expectedVersion, (current) => ({
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
    return this.edit(ctx, input.revisionId, input.expectedVersion, (current) => {
      const section = current.sections.find((s) => s.key === input.sectionKey);
      if (!section) throw badUserInput('sectionKey', ROADMAP_MESSAGES_RU.sectionNotFound);
      const position = Math.min(Math.max(input.position ?? section.items.length, 0), section.items.length);
      const item: DraftItem = { ...input.item, key: input.item.key ?? null };
      section.items.splice(position, 0, item);
      return { ...current, itemKey: null };
    });
  }

  updateItem(ctx: TenantServiceContext, input: UpdateRoadmapItemInput): Promise<RoadmapRevision> {
    return this.edit(ctx, input.revisionId, input.expectedVersion, (current) => {
      const found = this.locate(current.sections, input.itemKey, 'itemKey');
      const patch = Object.fromEntries(Object.entries(input.item).filter(([field, value]) => value != null && field !== 'key'));
      found.section.items[found.index] = { ...found.item, ...patch };
      return { ...current, itemKey: found.item.key };
    });
  }

  removeItem(ctx: TenantServiceContext, input: RemoveRoadmapItemInput): Promise<RoadmapRevision> {
    return this.edit(ctx, input.revisionId, input.expectedVersion, (current) => {
      const found = this.locate(current.sections, input.itemKey, 'itemKey');
      found.section.items.splice(found.index, 1);
      return { ...current, itemKey: found.item.key };
    });
  }

  moveItem(ctx: TenantServiceContext, input: MoveRoadmapItemInput): Promise<RoadmapRevision> {
    return this.edit(ctx, input.revisionId, input.expectedVersion, (current) => {
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
   * writes the content and the audit record. A concurrent edit with the same version loses the
   * claim and gets CONFLICT; its transaction rolls back.
   */
  private async edit(
    ctx: TenantServiceContext,
    revisionId: string,
    expectedVersion: number,
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

    const before = await this.content(tenant.em, revision);
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
        this.writeContent(em, managed, after, { sections, items });
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
      },
      { clear: true },
    );
    forgetTenantReads(tenant);
    return tenant.em.findOneOrFail(RoadmapRevision, { id: revision.id });
  }

  /**
   * Makes the stored sections and items of `revision` (`existing`, loaded in `em`) equal to
   * `sections`, matching rows by their stable keys (rows keep their ids; new keys are inserted, missing ones deleted). In the caller's
   * unit of work (flushed by the caller).
   */
  writeContent(
    em: EntityManager,
    revision: RoadmapRevision,
    sections: readonly Section[],
    existing: { sections: readonly RoadmapSection[]; items: readonly RoadmapItem[] },
  ): void {
    const existingSections = existing.sections;
    const existingItems = existing.items;
    const sectionByKey = new Map(existingSections.map((s) => [s.key, s]));
    const itemByKey = new Map(existingItems.map((i) => [i.key, i]));
    const keptSections = new Set<RoadmapSection>();
    const keptItems = new Set<RoadmapItem>();
    for (const [s, section] of sections.entries()) {
      let sectionRow = sectionByKey.get(section.id);
      const sectionData = { position: s, title: section.title, task: section.task, result: section.result };
      if (sectionRow) Object.assign(sectionRow, sectionData);
      else sectionRow = em.create(RoadmapSection, { revision, key: section.id, ...sectionData });
      keptSections.add(sectionRow);
      for (const [i, item] of section.items.entries()) {
        const itemData = itemColumns(item, i);
        let itemRow = itemByKey.get(item.id);
        if (itemRow) {
          if (itemRow.section !== sectionRow) itemRow.section = sectionRow;
          assignChanged(itemRow, itemData);
        } else {
          itemRow = em.create(RoadmapItem, { revision, section: sectionRow, key: item.id, ...itemData });
        }
        keptItems.add(itemRow);
      }
    }
    for (const item of existingItems) if (!keptItems.has(item)) em.remove(item);
    for (const section of existingSections) if (!keptSections.has(section)) em.remove(section);
  }

  /** Copies a revision's rows into a new revision, keeping the stable keys (deadline JSON as stored). */
  async copyContent(em: EntityManager, from: RoadmapRevision, to: RoadmapRevision): Promise<void> {
    const [sections, items] = await Promise.all([em.find(RoadmapSection, { revision: from.id }), em.find(RoadmapItem, { revision: from.id })]);
    const copies = new Map<string, RoadmapSection>();
    for (const section of sections) {
      copies.set(
        section.id,
        em.create(RoadmapSection, {
          revision: to,
          key: section.key,
          position: section.position,
          title: section.title,
          task: section.task,
          result: section.result,
        }),
      );
    }
    for (const item of items) {
      em.create(RoadmapItem, {
        revision: to,
        section: copies.get(item.section.id)!,
        key: item.key,
        position: item.position,
        number: item.number,
        activity: item.activity,
        content: item.content,
        deadlineText: item.deadlineText,
        deadline: item.deadline,
        dueDate: item.dueDate,
        responsible: item.responsible,
        expectedResult: item.expectedResult,
        indicator: item.indicator,
      });
    }
  }
}

function itemColumns(item: Item, position: number) {
  return {
    position,
    number: item.number,
    activity: item.activity,
    content: item.content,
    deadlineText: item.deadlineText,
    deadline: item.deadline,
    dueDate: item.deadline.due,
    responsible: item.responsible,
    expectedResult: item.expectedResult,
    indicator: item.indicator,
  };
}

/** Assigns only what differs (JSON compared by value), so unchanged rows produce no UPDATE. */
function assignChanged(row: RoadmapItem, data: ReturnType<typeof itemColumns>): void {
  for (const [field, value] of Object.entries(data) as Array<[keyof typeof data, unknown]>) {
    const current = row[field];
    const same = field === 'deadline' ? JSON.stringify(current) === JSON.stringify(value) : current === value;
    if (!same) (row as unknown as Record<string, unknown>)[field] = value;
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    roadmaps: RoadmapService;
  }
}
