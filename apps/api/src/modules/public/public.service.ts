import { BUILT_IN_FORMS } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { notFound } from '../../engine/errors.js';
import type { MikroORM } from '../../engine/orm/create-orm.js';
import type { RenderedFile } from '../documents/rendered-file.js';
import { DOCX_CONTENT_TYPE, renderDocx } from '../documents/docx.js';
import { dateRu, revisionDocument } from '../documents/layout.js';
import { PDF_CONTENT_TYPE, renderPdf } from '../documents/pdf.js';
import { RoadmapRevision } from '../roadmaps/revision.entity.js';
import type { RoadmapService } from '../roadmaps/roadmap.service.js';
import { listPublishedPractices } from '../practices/practice.service.js';

/**
 * The public mentorship page of a school (issue 7), served without login: the organisation's name,
 * its programmes (name, forms, period), the AGREED roadmaps in force (table + DOCX/PDF links), its
 * PUBLISHED news dated today or earlier, and the best-practice cases that `listPublishedPractices`
 * (modules/practices) clears for publication — nothing else. Never a participant, a pair, a consent, a comment, a draft, a returned or a
 * superseded revision: the SQL selects only what is listed here, and only revisions in state
 * `agreed` that are their roadmap's revision in force.
 */

export interface PublicRoadmapItem {
  number: string;
  activity: string;
  content: string;
  deadline: string;
  responsible: string;
  expectedResult: string;
  indicator: string;
}

export interface PublicRoadmap {
  revisionId: string;
  title: string;
  programmeName: string;
  periodStart: string;
  periodEnd: string;
  agreedOn: string | null;
  approvedOn: string | null;
  approvalOrder: string | null;
  docxUrl: string;
  pdfUrl: string;
  sections: Array<{ title: string; task: string; result: string; items: PublicRoadmapItem[] }>;
}

export interface PublicNews {
  title: string;
  /** ГГГГ-ММ-ДД. */
  date: string;
  text: string;
}

export interface PublicPractice {
  title: string;
  programmeName: string;
  summary: string;
  results: string;
  formLabel: string;
  kindLabel: string;
  participants: string[];
  publishedOn: string;
}

/** How many news items and cases the page shows. */
export const PUBLIC_NEWS_LIMIT = 10;
export const PUBLIC_PRACTICES_LIMIT = 20;

export interface PublicSchoolPage {
  district: { code: string; name: string };
  organization: { code: string; name: string; shortName: string; address: string | null };
  programmes: Array<{ name: string; forms: string[]; periodStart: string; periodEnd: string }>;
  roadmaps: PublicRoadmap[];
  /** Best-practice cases cleared for publication (modules/practices decides: published, consents in force). */
  bestPractices: PublicPractice[];
  /** The latest published news (drafts and news dated in the future never appear). */
  news: PublicNews[];
  pageUrl: string;
}

interface SchoolRef {
  districtId: string;
  districtCode: string;
  districtName: string;
  authorityName: string;
  schemaName: string;
  organizationId: string;
  code: string;
  name: string;
  shortName: string;
  address: string | null;
}

const CODE = /^[A-Za-z0-9_.-]{1,63}$/;
const FORM_LABELS = new Map(BUILT_IN_FORMS.map((form) => [form.code, form.labelRu]));

export const publicSchoolPath = (districtCode: string, organizationCode: string) =>
  `/public/schools/${encodeURIComponent(districtCode)}/${encodeURIComponent(organizationCode)}`;

export class PublicService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly roadmaps: RoadmapService,
  ) {}

  private async school(districtCode: string, organizationCode: string): Promise<SchoolRef> {
    if (!CODE.test(districtCode) || !CODE.test(organizationCode)) throw notFound();
    const rows = (await this.orm.em.getConnection().execute(
      `select d.id as "districtId", d.code as "districtCode", d.name as "districtName", d.authority_name as "authorityName",
         d.schema_name as "schemaName", o.id as "organizationId", o.code, o.name, o.short_name as "shortName", o.address
       from "core"."district" d join "core"."organization" o on o.district_id = d.id
       join "core"."district_migration_state" s on s.district_id = d.id and s.status = 'migrated'
       where d.code = ? and o.code = ?`,
      [districtCode, organizationCode],
    )) as SchoolRef[];
    const school = rows[0];
    if (!school || !/^[a-z0-9_]+$/.test(school.schemaName)) throw notFound();
    return school;
  }

  async page(districtCode: string, organizationCode: string): Promise<PublicSchoolPage> {
    const school = await this.school(districtCode, organizationCode);
    const s = `"${school.schemaName}"`;
    const conn = this.orm.em.getConnection();
    const today = this.clock.today();
    const em = this.orm.em.fork({ clear: true, schema: school.schemaName });
    const [programmes, revisions, news, practices] = (await Promise.all([
      conn.execute(
        `select name, forms, to_char(period_start, 'YYYY-MM-DD') as "periodStart", to_char(period_end, 'YYYY-MM-DD') as "periodEnd"
         from ${s}."programme" where organization_id = ? and period_end >= ?::date order by period_start, name`,
        [school.organizationId, today],
      ),
      conn.execute(
        `select v.id, v.title, v.programme_name as "programmeName", to_char(v.period_start, 'YYYY-MM-DD') as "periodStart",
           to_char(v.period_end, 'YYYY-MM-DD') as "periodEnd", v.agreement->>'date' as "agreedOn", v.approval->>'date' as "approvedOn",
           v.approval->>'orderNumber' as "orderNumber", v.approval->>'orderDate' as "orderDate"
         from ${s}."roadmap" r join ${s}."roadmap_revision" v on v.id = r.in_force_revision_id
         where r.level = 'school' and r.organization_id = ? and v.state = 'agreed'
         order by v.period_start desc, v.id`,
        [school.organizationId],
      ),
      conn.execute(
        `select title, to_char(published_on, 'YYYY-MM-DD') as date, body as text from ${s}."school_news"
         where organization_id = ? and published and published_on <= ?::date order by published_on desc, created_at desc, id limit ?`,
        [school.organizationId, today, PUBLIC_NEWS_LIMIT],
      ),
      listPublishedPractices(em, school.organizationId, { limit: PUBLIC_PRACTICES_LIMIT }, today),
    ])) as [
      Array<{ name: string; forms: string[]; periodStart: string; periodEnd: string }>,
      Array<
        Omit<PublicRoadmap, 'sections' | 'docxUrl' | 'pdfUrl' | 'approvalOrder' | 'revisionId'> & {
          id: string;
          orderNumber: string | null;
          orderDate: string | null;
        }
      >,
      PublicNews[],
      Awaited<ReturnType<typeof listPublishedPractices>>,
    ];
    const ids = revisions.map((r) => r.id);
    const marks = ids.map(() => '?').join(', ');
    const [sections, items] = ids.length
      ? ((await Promise.all([
          conn.execute(
            `select id, revision_id as "revisionId", title, task, result from ${s}."roadmap_section" where revision_id in (${marks}) order by position`,
            ids,
          ),
          conn.execute(
            `select section_id as "sectionId", number, activity, content, deadline_text as deadline, responsible, expected_result as "expectedResult", indicator
             from ${s}."roadmap_item" where revision_id in (${marks}) order by position`,
            ids,
          ),
        ])) as [Array<{ id: string; revisionId: string; title: string; task: string; result: string }>, Array<PublicRoadmapItem & { sectionId: string }>])
      : [[], []];
    const base = publicSchoolPath(school.districtCode, school.code);
    return {
      district: { code: school.districtCode, name: school.districtName },
      organization: { code: school.code, name: school.name, shortName: school.shortName, address: school.address },
      programmes: programmes.map((p) => ({
        name: p.name,
        forms: (Array.isArray(p.forms) ? p.forms : []).map((code) => FORM_LABELS.get(code) ?? code),
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
      })),
      roadmaps: revisions.map(({ id, orderNumber, orderDate, ...revision }) => ({
        ...revision,
        revisionId: id,
        approvalOrder: orderNumber ? `№ ${orderNumber}${orderDate ? ` от ${dateRu(orderDate)}` : ''}` : null,
        docxUrl: `${base}/roadmaps/${id}.docx`,
        pdfUrl: `${base}/roadmaps/${id}.pdf`,
        sections: sections
          .filter((section) => section.revisionId === id)
          .map((section) => ({
            title: section.title,
            task: section.task,
            result: section.result,
            items: items.filter((item) => item.sectionId === section.id).map(({ sectionId: _s, ...item }) => item),
          })),
      })),
      // Only the listed fields of a case: nothing the practices module might add later leaks by accident.
      bestPractices: practices.items.map((p) => ({
        title: p.title,
        programmeName: p.programmeName,
        summary: p.summary,
        results: p.results,
        formLabel: p.formLabel,
        kindLabel: p.kindLabel,
        participants: p.participants,
        publishedOn: p.publishedOn,
      })),
      news: news.map((n) => ({ title: n.title, date: n.date, text: n.text })),
      pageUrl: `${base}.html`,
    };
  }

  /** The agreed revision in force of one of the school's roadmaps as DOCX or PDF; anything else is NOT_FOUND. */
  async roadmapFile(districtCode: string, organizationCode: string, revisionId: string, format: 'docx' | 'pdf'): Promise<RenderedFile> {
    const school = await this.school(districtCode, organizationCode);
    if (!/^[0-9a-f-]{36}$/i.test(revisionId)) throw notFound();
    const em = this.orm.em.fork({ clear: true, schema: school.schemaName });
    const revision = await em.findOne(RoadmapRevision, { id: revisionId, state: 'agreed' }, { populate: ['roadmap'] });
    const roadmap = revision?.roadmap;
    if (!revision || !roadmap || roadmap.level !== 'school' || roadmap.organizationId !== school.organizationId || roadmap.inForceRevisionId !== revision.id) {
      throw notFound();
    }
    const sections = await this.roadmaps.content(em, revision);
    const model = revisionDocument({
      level: 'school',
      state: revision.state,
      number: revision.number,
      title: revision.title,
      programmeName: revision.programmeName,
      periodStart: revision.periodStart,
      periodEnd: revision.periodEnd,
      approval: revision.approval,
      agreement: revision.agreement,
      ownerShortName: school.shortName,
      ownerFullName: school.name,
      approverOrganization: school.shortName,
      agreeingAuthority: school.authorityName,
      sections,
    });
    return format === 'docx'
      ? { fileName: `${model.fileBaseName}.docx`, contentType: DOCX_CONTENT_TYPE, data: await renderDocx(model) }
      : { fileName: `${model.fileBaseName}.pdf`, contentType: PDF_CONTENT_TYPE, data: await renderPdf(model, this.clock.now()) };
  }
}
