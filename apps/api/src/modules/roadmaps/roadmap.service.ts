import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import {
  academicYearPeriod,
  checkInput,
  diffRevisions,
  isIsoDate,
  periodLabelRu,
  ROADMAP_MESSAGES_RU,
  roadmapCreationSchema,
  type RevisionDiff,
  type Section,
} from '@nastavnik/domain';
import type { GraphQLResolveInfo } from 'graphql';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, badUserInputs, forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid } from '../../engine/tenancy/tenant.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { campaignScopeFilter } from '../campaigns/scope.js';
import { Organization } from '../directory/organization.entity.js';
import { within } from '../directory/scope.js';
import { authorRoles, findRevision, findRoadmap } from './access.js';
import { buildSections, templateDrafts, toDrafts, type DraftSection } from './content.js';
import { RoadmapLevel, RoadmapSource } from './enums.js';
import { recordEvent } from './events.js';
import { readRevisionPage } from './page.js';
import { checkHeader } from './header.js';
import type { CreateRoadmapInput, RoadmapFilter } from './inputs.js';
import { RevisionEditor } from './revision-editor.js';
import { RoadmapRevision } from './revision.entity.js';
import { copyContent, readContent, writeContent } from './revision-store.js';
import { Roadmap } from './roadmap.entity.js';
import { roadmapScopeFilter, rolesCoveringRoadmap } from './scope.js';
import { STANDARD_TEMPLATE } from './template.js';

/**
 * Roadmaps, their revisions and their content: creation (template, copy, empty), listing within
 * the row scope, and the comparison of two revisions; editing a draft is the editor's (./revision-editor.ts). The approval itself is the DecisionService's (reviews module).
 */
export class RoadmapService {
  /** Editing a draft, whole or item by item, under the optimistic lock (./revision-editor.ts). */
  readonly editor: RevisionEditor;

  constructor(private readonly clock: Clock) {
    this.editor = new RevisionEditor(clock);
  }

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

  /**
   * The revision for its page: one statement reads it (within the row scope) with what the page
   * shows, and the request's loaders hold it (./page.ts). `info`: the selection under the revision.
   */
  getRevision(ctx: TenantServiceContext, id: string, info?: GraphQLResolveInfo): Promise<RoadmapRevision> {
    return readRevisionPage(ctx, id, info);
  }

  /** The content of a revision in the domain's shape (sections with items, keys as ids). */
  content(em: EntityManager, revision: RoadmapRevision): Promise<Section[]> {
    return readContent(em, revision);
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
    // The header as typed, on the shared schema (packages/domain): every problem of the form at once.
    const checked = checkInput(roadmapCreationSchema, input);
    if (!checked.ok) throw badUserInputs(checked.issues);
    const typed = checked.value;

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
    const periodStart = typed.periodStart ?? fallback.periodStart;
    const periodEnd = typed.periodEnd ?? fallback.periodEnd;
    const programmeName = typed.programmeName;
    const whose = organization ? `в ${organization.shortName}` : 'муниципалитета';
    const period = isIsoDate(periodStart) && isIsoDate(periodEnd) ? ` на ${periodLabelRu(periodStart, periodEnd)}` : '';
    // Checked again as a whole: one given end may not fit the campaign's other end.
    const header = checkHeader({
      title: typed.title || `Дорожная карта реализации целевой модели наставничества «${programmeName}» ${whose}${period}`,
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
          writeContent(em, revision, sections, { sections: [], items: [] });
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

  /** Copies a revision's rows into a new revision, keeping the stable keys (the approval's new revision). */
  copyContent(em: EntityManager, from: RoadmapRevision, to: RoadmapRevision): Promise<void> {
    return copyContent(em, from, to);
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    roadmaps: RoadmapService;
  }
}
