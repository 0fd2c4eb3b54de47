import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { academicYearPeriod, isIsoDate, periodLabelRu, previewToSections, type ImportPreview, type UnmappedText } from '@nastavnik/domain';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../engine/clock.js';
import { AppError, badUserInput, conflict } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { Attachment } from '../attachments/attachment.entity.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import type { Organization } from '../directory/organization.entity.js';
import { recordEvent } from '../roadmaps/events.js';
import { buildSections, toDrafts } from '../roadmaps/content.js';
import { ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import { RoadmapRevision } from '../roadmaps/revision.entity.js';
import { Roadmap } from '../roadmaps/roadmap.entity.js';
import { checkHeader, type RevisionHeader } from '../roadmaps/header.js';
import type { RoadmapService } from '../roadmaps/roadmap.service.js';
import { writeContent } from '../roadmaps/revision-store.js';
import { IMPORT_MESSAGES_RU } from './messages.js';
import { RoadmapImport } from './roadmap-import.entity.js';
import { bytesOf, clip, type CreateFromImportRequest, type DraftSummary, type Persist } from './shared.js';
import type { ImportSupport } from './support.js';
import { forgetTenantReads } from '../../engine/tenancy/tenant.js';

/**
 * Roadmap drafts from documents: the roadmap, its first draft revision, the source file and what the
 * parser read around the table, in one transaction — from a previewed upload here, and for each file
 * of a bulk import (`persist`).
 */
export class ImportDraftService {
  constructor(
    private readonly support: ImportSupport,
    private readonly clock: Clock,
    private readonly roadmaps: RoadmapService,
  ) {}

  /** The roadmap and its first draft revision from a previewed upload (all or nothing). */
  async createFromImport(ctx: TenantServiceContext, input: CreateFromImportRequest): Promise<Roadmap> {
    const upload = await this.support.upload(ctx, input.uploadId);
    const { attachment } = upload;
    if (await ctx.tenant.em.count(RoadmapImport, { attachment: attachment.id })) throw conflict(IMPORT_MESSAGES_RU.alreadyImported, 'STATE');
    const requested = input.organizationId?.trim() || null;
    if (requested && attachment.organizationId && requested !== attachment.organizationId) {
      throw badUserInput('organizationId', IMPORT_MESSAGES_RU.otherOrganization);
    }
    const campaign = await this.support.campaign(ctx, input.campaignId);
    const result = await this.support.parse(attachment.fileName, upload.data, campaign, input.columnMapping ?? undefined);
    // (An upload that is not a roadmap document — some other attachment — ends here.)
    if (!result.ok) throw badUserInput('uploadId', result.message, { reason: result.code });

    let target = await this.support.target(ctx, requested ?? attachment.organizationId);
    if (!target.organization) {
      // District staff without an organisation: the one the document names, when it is unambiguous.
      const suggested = await this.support.suggest(ctx, target, attachment.fileName, result);
      if (!suggested) throw badUserInput('organizationId', IMPORT_MESSAGES_RU.chooseOrganization);
      target = await this.support.target(ctx, suggested.id);
    }
    const { roadmapId } = await this.persist(ctx, {
      preview: result,
      organization: target.organization!,
      role: target.role,
      campaign,
      file: { existing: attachment },
      overrides: input,
    });
    return ctx.tenant.em.findOneOrFail(Roadmap, { id: roadmapId });
  }

  /** The revision's header: what the caller says, else the document's, else the campaign's period or the academic year. */
  private header(preview: ImportPreview, organization: Pick<Organization, 'shortName'>, campaign: Campaign | null, overrides: Persist['overrides'] = {}) {
    const doc = preview.header;
    const notes: Array<{ where: string; message: string }> = [];
    let programmeName = overrides.programmeName?.trim() || doc.programmeName.trim();
    if (!programmeName) {
      programmeName = IMPORT_MESSAGES_RU.defaultProgrammeName;
      notes.push({ where: 'шапка', message: IMPORT_MESSAGES_RU.programmeNotFound(programmeName) });
    }
    // A period stated in the document wins over the campaign's; one inferred from deadlines or the
    // approval date only fills in when there is no campaign.
    const stated = doc.period && (doc.period.source === 'document' || doc.period.source === 'hint') ? doc.period : null;
    const inferred = doc.period && !stated ? doc.period : null;
    const fallback = stated ?? campaign ?? inferred ?? academicYearPeriod(this.clock.today());
    const periodStart = overrides.periodStart?.trim() || fallback.periodStart;
    const periodEnd = overrides.periodEnd?.trim() || fallback.periodEnd;
    const period = isIsoDate(periodStart) && isIsoDate(periodEnd) ? ` на ${periodLabelRu(periodStart, periodEnd)}` : '';
    const title =
      overrides.title?.trim() ||
      doc.title.trim() ||
      `Дорожная карта реализации целевой модели наставничества «${programmeName}» в ${organization.shortName}${period}`;
    const header: RevisionHeader = checkHeader({ title: clip(title, 1000), programmeName: clip(programmeName, 300), periodStart, periodEnd });
    return { header, notes };
  }

  /**
   * The draft an import makes (throws BAD_USER_INPUT when the model refuses it): the header, the
   * parser's sections as the model's (fresh keys; validated; deadlines read against the final period),
   * the unmapped text of each item by its key, and the notes on what was filled in.
   */
  private prepare(preview: ImportPreview, organization: Pick<Organization, 'shortName'>, campaign: Campaign | null, overrides: Persist['overrides'] = {}) {
    const { header, notes } = this.header(preview, organization, campaign, overrides);
    // A table without section rows gives one section without a title; the model wants one.
    const domain = previewToSections(preview, uuidv7).map((section, s) => {
      if (section.title.trim()) return section;
      notes.push(IMPORT_MESSAGES_RU.untitledSection(s + 1, IMPORT_MESSAGES_RU.defaultSectionTitle));
      return { ...section, title: IMPORT_MESSAGES_RU.defaultSectionTitle };
    });
    const sections = withPlaces(() => buildSections(toDrafts(domain, true), header));
    const itemNotes: Record<string, UnmappedText[]> = {};
    preview.sections.forEach((section, s) =>
      section.items.forEach((item, i) => {
        if (item.unmapped.length > 0) itemNotes[sections[s]!.items[i]!.id] = item.unmapped;
      }),
    );
    return { header, notes, sections, itemNotes };
  }

  /** What `createRoadmapFromImport` would make of a preview (for the preview's answer): the header and notes, or why it would be refused. */
  draftOf(preview: ImportPreview, organization: Pick<Organization, 'shortName'> | null, campaign: Campaign | null): DraftSummary {
    try {
      const { header, notes } = this.prepare(preview, organization ?? { shortName: '…' }, campaign);
      return { ...header, warnings: notes, error: null };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return {
        title: null,
        programmeName: null,
        periodStart: null,
        periodEnd: null,
        warnings: [],
        error: { message: error.message, field: String(error.extensions.field ?? '') },
      };
    }
  }

  /**
   * Everything of one import in one transaction: the file (new, or the preview's upload given to the
   * school), the roadmap, its first draft revision with the sections and items, the audit record and
   * the import record. Nothing is written when any of it fails.
   */
  async persist(ctx: TenantServiceContext, plan: Persist): Promise<{ roadmapId: string; revisionId: string }> {
    const { actor, tenant } = ctx;
    const { preview, organization, campaign } = plan;
    if (campaign) {
      if (!campaign.allOrganizations && !campaign.organizationIds.includes(organization.id)) throw badUserInput('campaignId', ROADMAP_MESSAGES_RU.notAddressed);
      if (await tenant.em.count(Roadmap, { campaign: campaign.id, organizationId: organization.id })) {
        throw badUserInput('campaignId', ROADMAP_MESSAGES_RU.duplicateInCampaign);
      }
    }
    const { header, notes, sections, itemNotes } = this.prepare(preview, organization, campaign, plan.overrides);

    const storage = this.support.storages[this.support.config.storage];
    const fresh =
      'data' in plan.file
        ? this.support.newAttachment(ctx, { fileName: plan.file.fileName, data: plan.file.data, format: preview.format, organizationId: organization.id })
        : null;
    const attachmentId = fresh?.id ?? ('existing' in plan.file ? plan.file.existing.id : '');
    const now = this.clock.now();
    const by = actor.displayName || actor.username;
    let ids: { roadmapId: string; revisionId: string };
    try {
      ids = await tenant.em.transactional(
        async (em) => {
          if (fresh) em.persist(fresh);
          else {
            // The preview's upload now belongs to the school (district staff may have uploaded it without one).
            await em.nativeUpdate(Attachment, { id: attachmentId, organizationId: null }, { organizationId: organization.id });
          }
          const roadmap = em.create(Roadmap, {
            level: 'school',
            organizationId: organization.id,
            campaign: campaign ? em.getReference(Campaign, campaign.id) : null,
            createdByUserId: actor.userId,
            createdByName: by,
            createdAt: now,
          });
          const revision = em.create(RoadmapRevision, {
            roadmap,
            number: 1,
            state: 'draft',
            version: 1,
            ...header,
            createdByUserId: actor.userId,
            createdByName: by,
            createdAt: now,
            updatedAt: now,
          });
          roadmap.latestRevisionId = revision.id;
          writeContent(em, revision, sections, { sections: [], items: [] });
          recordEvent(em, {
            revision,
            actor,
            role: plan.role,
            action: 'create',
            toState: 'draft',
            data: {
              source: 'import',
              fileName: fresh?.fileName ?? ('existing' in plan.file ? plan.file.existing.fileName : ''),
              format: preview.format,
              sections: sections.length,
              items: sections.reduce((n, s) => n + s.items.length, 0),
            },
            versionAfter: 1,
            at: now,
          });
          em.create(RoadmapImport, {
            roadmap,
            attachment: em.getReference(Attachment, attachmentId),
            fileName: fresh?.fileName ?? ('existing' in plan.file ? plan.file.existing.fileName : ''),
            format: preview.format,
            encoding: preview.encoding,
            sourceHeader: preview.header,
            preamble: preview.preamble,
            postscript: preview.postscript,
            unmapped: preview.unmapped,
            warnings: [...preview.warnings, ...notes],
            columns: preview.columns,
            itemNotes,
            stats: preview.stats,
            importedByUserId: actor.userId,
            importedByName: by,
            importedAt: now,
          });
          await em.flush();
          if (fresh && 'data' in plan.file) await storage.put({ schemaName: tenant.district.schemaName, em }, fresh.id, bytesOf(plan.file.data));
          return { roadmapId: roadmap.id, revisionId: revision.id };
        },
        { clear: true },
      );
    } catch (error) {
      if (fresh && storage.kind !== 'database')
        await storage.delete({ schemaName: tenant.district.schemaName, em: tenant.em }, fresh.id).catch(() => undefined);
      if (error instanceof UniqueConstraintViolationException) {
        if (error.message.includes('roadmap_import_attachment_id_unique')) throw conflict(IMPORT_MESSAGES_RU.alreadyImported, 'STATE');
        throw badUserInput('campaignId', ROADMAP_MESSAGES_RU.duplicateInCampaign);
      }
      throw error;
    }
    forgetTenantReads(tenant);
    return ids;
  }
}

/** Validation errors of the content, with the section and item they are about («Раздел 2, мероприятие 3: …»). */
function withPlaces<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof AppError) || typeof error.extensions.field !== 'string') throw error;
    const field = error.extensions.field;
    const place = /^sections\[(\d+)\](?:\.items\[(\d+)\])?/.exec(field);
    if (!place) throw error;
    const section = Number(place[1]) + 1;
    const message =
      place[2] !== undefined
        ? IMPORT_MESSAGES_RU.itemProblem(section, Number(place[2]) + 1, error.message)
        : IMPORT_MESSAGES_RU.sectionProblem(section, error.message);
    const { code: _code, ...extensions } = error.extensions;
    throw new AppError('BAD_USER_INPUT', message, extensions);
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    importDrafts: ImportDraftService;
  }
}
