import { SCHOOL_CAMPAIGN_STATUS_LABELS_RU, type AgreementBlock, type ApprovalBlock } from '@nastavnik/domain';
import { isoDateIn, type Clock } from '../../engine/clock.js';
import type { TenantServiceContext } from '../../engine/services.js';
import type { CampaignService } from '../campaigns/campaign.service.js';
import type { CampaignSchool } from '../campaigns/types.js';
import { District } from '../directory/district.entity.js';
import { Organization } from '../directory/organization.entity.js';
import { Region } from '../directory/region.entity.js';
import { RoadmapEvent } from './event.entity.js';
import { findRevision } from './access.js';
import { RoadmapRevision } from './revision.entity.js';
import { Roadmap } from './roadmap.entity.js';
import type { RoadmapService } from './roadmap.service.js';
import { DOCX_CONTENT_TYPE, renderDocx } from '../documents/docx.js';
import { dateRu, revisionDocument, safeFileName, type RevisionDocument } from '../documents/layout.js';
import { PDF_CONTENT_TYPE, renderPdf } from '../documents/pdf.js';
import type { RenderedFile } from '../documents/rendered-file.js';
import { writeXlsx, XLSX_CONTENT_TYPE, type SheetValue } from '../documents/xlsx.js';

type ExportContext = Pick<TenantServiceContext, 'actor' | 'em' | 'tenant'>;
export type RevisionExportRequest = ExportContext & { revisionId: string };
export type CampaignExportRequest = ExportContext & { campaignId: string };

const PAGE_LIMIT = 100;
const capitalized = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/**
 * Documents out of the platform: any revision the actor may see (the roadmaps' row scope, NOT_FOUND
 * otherwise) as DOCX or PDF in the official layout, and a campaign's summary as XLSX (the campaign
 * page's rows within the actor's scope, with the dates of the decisions).
 */
export class DocumentService {
  constructor(
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly roadmaps: RoadmapService,
    private readonly campaigns: CampaignService,
  ) {}

  /** The revision's document model: its blocks, title, columns and rows (scope-checked). */
  async revisionDocument(request: RevisionExportRequest): Promise<RevisionDocument> {
    const { tenant, em } = request;
    const { revision, roadmap } = await findRevision(request, request.revisionId);
    const [sections, organization, district] = await Promise.all([
      this.roadmaps.content(tenant.em, revision),
      roadmap.organizationId ? em.findOne(Organization, { id: roadmap.organizationId }) : Promise.resolve(null),
      em.findOne(District, { id: tenant.district.id }),
    ]);
    const authority = district?.authorityName ?? '';
    const region = roadmap.level === 'district' ? await em.findOne(Region, { id: tenant.district.regionId }) : null;
    return revisionDocument({
      level: roadmap.level,
      state: revision.state,
      number: revision.number,
      title: revision.title,
      programmeName: revision.programmeName,
      periodStart: revision.periodStart,
      periodEnd: revision.periodEnd,
      approval: revision.approval,
      agreement: revision.agreement,
      ownerShortName: organization?.shortName ?? district?.name ?? '',
      ownerFullName: organization?.name ?? authority,
      approverOrganization: organization?.shortName ?? authority,
      agreeingAuthority: roadmap.level === 'school' ? authority : (region?.name ?? ''),
      sections,
    });
  }

  async renderRevisionDocx(request: RevisionExportRequest): Promise<RenderedFile> {
    const model = await this.revisionDocument(request);
    return { fileName: `${model.fileBaseName}.docx`, contentType: DOCX_CONTENT_TYPE, data: await renderDocx(model) };
  }

  async renderRevisionPdf(request: RevisionExportRequest): Promise<RenderedFile> {
    const model = await this.revisionDocument(request);
    return { fileName: `${model.fileBaseName}.pdf`, contentType: PDF_CONTENT_TYPE, data: await renderPdf(model, this.clock.now()) };
  }

  /**
   * The campaign's summary: one line per addressed school in the actor's scope (district side: all),
   * its status in Russian, overdue, the latest revision's dates (sent to the director, approved with
   * the order, submitted to the district) and the agreement date of the revision in force.
   */
  async renderCampaignXlsx(request: CampaignExportRequest): Promise<RenderedFile> {
    const ctx = request;
    const campaign = await this.campaigns.get(ctx, request.campaignId);
    const schools: CampaignSchool[] = [];
    for (let offset = 0; ; offset += PAGE_LIMIT) {
      const page = await this.campaigns.schools(ctx, campaign, { limit: PAGE_LIMIT, offset });
      schools.push(...page.items);
      if (page.items.length < PAGE_LIMIT || schools.length >= page.total) break;
    }
    const em = ctx.tenant.em;
    const organizationIds = schools.map((s) => s.organizationId);
    const roadmapIds = schools.map((s) => s.roadmapId).filter((id): id is string => !!id);
    const latestIds = schools.map((s) => s.latestRevisionId).filter((id): id is string => !!id);
    const [organizations, roadmapRows, events] = await Promise.all([
      organizationIds.length ? ctx.em.find(Organization, { id: { $in: organizationIds } }) : Promise.resolve([]),
      roadmapIds.length ? em.find(Roadmap, { id: { $in: roadmapIds } }) : Promise.resolve([]),
      latestIds.length
        ? em.find(RoadmapEvent, { revision: { $in: latestIds }, action: { $in: ['submitToDirector', 'approve'] } }, { orderBy: { at: 'asc' } })
        : Promise.resolve([]),
    ]);
    const inForce = new Map(roadmapRows.map((row) => [row.id, row.inForceRevisionId]));
    const revisionIds = [...new Set([...latestIds, ...roadmapRows.map((r) => r.inForceRevisionId).filter((id): id is string => !!id)])];
    const revisions = revisionIds.length ? await em.find(RoadmapRevision, { id: { $in: revisionIds } }) : [];
    const revisionById = new Map(revisions.map((r) => [r.id, r]));
    const orgById = new Map(organizations.map((o) => [o.id, o]));
    /** The last time of each action on each revision, as a date in the API's time zone. */
    const lastAction = new Map<string, string>();
    for (const event of events) lastAction.set(`${event.revision.id}:${event.action}`, isoDateIn(event.at, this.timeZone));

    const date = (iso: string | null | undefined): SheetValue => (iso ? { date: iso } : null);
    const rows: SheetValue[][] = schools.map((school, i) => {
      const organization = orgById.get(school.organizationId);
      const latest = school.latestRevisionId ? revisionById.get(school.latestRevisionId) : undefined;
      const agreedId = school.roadmapId ? inForce.get(school.roadmapId) : null;
      const agreed = agreedId ? revisionById.get(agreedId) : undefined;
      const approval: ApprovalBlock | null = latest?.approval ?? null;
      const agreement: AgreementBlock | null = agreed?.agreement ?? null;
      return [
        i + 1,
        organization?.shortName ?? school.organizationId,
        capitalized(SCHOOL_CAMPAIGN_STATUS_LABELS_RU[school.status]),
        school.overdue ? 'да' : 'нет',
        latest ? latest.number : null,
        date(latest ? lastAction.get(`${latest.id}:submitToDirector`) : null),
        date(approval?.date),
        approval ? `№ ${approval.orderNumber} от ${dateRu(approval.orderDate)}` : null,
        date(latest ? lastAction.get(`${latest.id}:approve`) : null),
        date(agreement?.date),
        agreement?.name ?? null,
      ];
    });
    const counts = new Map<string, number>();
    for (const school of schools) counts.set(school.status, (counts.get(school.status) ?? 0) + 1);
    const overdue = schools.filter((s) => s.overdue).length;
    const summary = Object.entries(SCHOOL_CAMPAIGN_STATUS_LABELS_RU)
      .filter(([status]) => counts.has(status))
      .map(([status, label]) => `${label} — ${counts.get(status)}`)
      .join('; ');
    const today = this.clock.today();
    const data = writeXlsx({
      name: 'Сводка',
      title: `Сводка кампании: ${campaign.title}`,
      createdAt: this.clock.now(),
      heading: [
        `Сводка кампании: ${campaign.title}`,
        `Учебный год ${campaign.academicYear}; срок представления ${dateRu(campaign.dueDate)}; период ${dateRu(campaign.periodStart)} – ${dateRu(campaign.periodEnd)}`,
        `Сформировано ${dateRu(today)}`,
      ],
      columns: [
        { label: '№', width: 5 },
        { label: 'Организация', width: 36 },
        { label: 'Состояние', width: 18 },
        { label: 'Просрочена', width: 11 },
        { label: 'Редакция', width: 10 },
        { label: 'Направлена директору', width: 14 },
        { label: 'Утверждена', width: 12 },
        { label: 'Приказ об утверждении', width: 22 },
        { label: 'Представлена на согласование', width: 16 },
        { label: 'Согласована', width: 12 },
        { label: 'Согласовал', width: 20 },
      ],
      rows,
      footer: [`Всего организаций: ${schools.length}${summary ? ` (${summary})` : ''}; просрочили представление: ${overdue}`],
    });
    return {
      fileName: `${safeFileName(`Сводка кампании — ${campaign.title} — ${dateRu(today)}`)}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      data,
    };
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    documents: DocumentService;
  }
}
