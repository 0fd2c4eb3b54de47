import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { checkInput, ERRORS_RU, isValidAcademicYear, SWOT_INPUT_RU, SWOT_LABELS_RU, swotInputSchema, type SwotList } from '@nastavnik/domain';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, badUserInputs, conflict, forbidden, notFound } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import type { RenderedFile } from '../documents/rendered-file.js';
import { DOCX_CONTENT_TYPE } from '../documents/docx.js';
import { dateRu, safeFileName } from '../documents/layout.js';
import { managesOrganization } from '../programmes/scope.js';
import { SwotForm } from './swot.entity.js';
import type { SaveSwotFormInput, SwotFormGql } from './types.js';
import { seesWholeDistrict } from '../directory/scope.js';

export const SWOT_MESSAGES_RU = {
  editForbidden: 'SWOT-анализ заполняют директор или куратор организации.',
  programme: 'Программа: не найдена среди программ организации.',
  stale: 'SWOT-анализ уже изменил другой пользователь — обновите страницу.',
};

type Quadrant = SwotList;

/**
 * The SWOT form of a school (monitoring stage 1: the quality of the programme), per academic year
 * and optionally per programme. The school's staff (director, curator) edit it; the district side
 * (its staff, the region's coordinator, the platform admin) reads it. A school of another district,
 * or another school for school staff, is NOT_FOUND.
 */
export class SwotService {
  constructor(private readonly clock: Clock) {}

  private year(academicYear: string): string {
    const year = (academicYear ?? '').trim();
    if (!isValidAcademicYear(year)) throw badUserInput('academicYear', SWOT_INPUT_RU.academicYear);
    return year;
  }

  /** The organisation must be of the request's district and visible to the actor. */
  private async checkOrganization(ctx: TenantServiceContext, organizationId: string, edit: boolean): Promise<{ shortName: string; name: string }> {
    const { actor, tenant } = ctx;
    const manages = isUuid(organizationId) && managesOrganization(actor, tenant.district, organizationId);
    if (!manages && !seesWholeDistrict(actor, tenant.district)) throw notFound(ERRORS_RU.organizationNotFound);
    const rows = isUuid(organizationId)
      ? await ctx.em
          .getConnection()
          .execute<{ short_name: string; name: string }[]>(`select short_name, name from "core"."organization" where id = ? and district_id = ?`, [
            organizationId,
            tenant.district.id,
          ])
      : [];
    if (!rows[0]) throw notFound(ERRORS_RU.organizationNotFound);
    if (edit && !manages) throw forbidden(SWOT_MESSAGES_RU.editForbidden);
    return { shortName: rows[0].short_name, name: rows[0].name };
  }

  private async programmeName(ctx: TenantServiceContext, organizationId: string, programmeId: string | null): Promise<string | null> {
    if (!programmeId) return null;
    const rows = isUuid(programmeId)
      ? await ctx.tenant.em
          .getConnection()
          .execute<{ name: string }[]>(`select name from "${ctx.tenant.district.schemaName}"."programme" where id = ? and organization_id = ?`, [
            programmeId,
            organizationId,
          ])
      : [];
    if (!rows[0]) throw badUserInput('programmeId', SWOT_MESSAGES_RU.programme);
    return rows[0].name;
  }

  private gql(form: SwotForm, programmeName: string | null): SwotFormGql {
    return {
      id: form.id,
      organizationId: form.organizationId,
      academicYear: form.academicYear,
      programmeId: form.programmeId,
      programmeName,
      formDate: form.formDate,
      strengths: form.strengths,
      weaknesses: form.weaknesses,
      opportunities: form.opportunities,
      threats: form.threats,
      authorName: form.authorName,
      version: form.version,
      updatedAt: form.updatedAt,
    };
  }

  async get(ctx: TenantServiceContext, organizationId: string, academicYear: string, programmeId?: string | null): Promise<SwotFormGql | null> {
    const year = this.year(academicYear);
    await this.checkOrganization(ctx, organizationId, false);
    const name = await this.programmeName(ctx, organizationId, programmeId ?? null);
    const form = await ctx.tenant.em.findOne(SwotForm, { organizationId, academicYear: year, scope: programmeId ?? '' });
    return form ? this.gql(form, name) : null;
  }

  async save(ctx: TenantServiceContext, input: SaveSwotFormInput): Promise<SwotFormGql> {
    await this.checkOrganization(ctx, input.organizationId, true);
    // The shared schema (packages/domain): every problem at once, in the admin's words.
    const checked = checkInput(swotInputSchema, input);
    if (!checked.ok) throw badUserInputs(checked.issues);
    const { academicYear: year, strengths, weaknesses, opportunities, threats } = checked.value;
    const programmeId = input.programmeId?.trim() || null;
    const name = await this.programmeName(ctx, input.organizationId, programmeId);
    const formDate = checked.value.formDate ?? this.clock.today();
    const lists: Record<Quadrant, string[]> = { strengths, weaknesses, opportunities, threats };
    const author = { authorName: ctx.actor.displayName || ctx.actor.username, authorUserId: ctx.actor.userId };
    let saved: SwotForm;
    try {
      saved = await ctx.tenant.em.transactional(
        async (em) => {
          const existing = await em.findOne(SwotForm, { organizationId: input.organizationId, academicYear: year, scope: programmeId ?? '' });
          if (existing) {
            if (input.expectedVersion != null && input.expectedVersion !== existing.version) throw conflict(SWOT_MESSAGES_RU.stale);
            Object.assign(existing, lists, author, { formDate, version: existing.version + 1, updatedAt: this.clock.now() });
            await em.flush();
            return existing;
          }
          const form = em.create(SwotForm, {
            organizationId: input.organizationId,
            academicYear: year,
            programmeId,
            scope: programmeId ?? '',
            formDate,
            ...lists,
            ...author,
            updatedAt: this.clock.now(),
          });
          await em.flush();
          return form;
        },
        { clear: true },
      );
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict(SWOT_MESSAGES_RU.stale);
      throw error;
    }
    return this.gql(saved, name);
  }

  /** «SWOT-анализ программы наставничества» as DOCX (the same access as reading). */
  async docx(ctx: TenantServiceContext, organizationId: string, academicYear: string, programmeId?: string | null): Promise<RenderedFile> {
    const year = this.year(academicYear);
    const organization = await this.checkOrganization(ctx, organizationId, false);
    const form = await this.get(ctx, organizationId, year, programmeId);
    if (!form) throw notFound('SWOT-анализ за этот учебный год ещё не заполнен.');
    const font = 'Times New Roman';
    const text = (value: string, bold = false, size = 26) => new TextRun({ text: value, bold, font, size });
    const para = (value: string, options: { bold?: boolean; center?: boolean } = {}) =>
      new Paragraph({ alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { after: 120 }, children: [text(value, options.bold)] });
    const quadrant = (q: Quadrant) =>
      new TableCell({
        width: { size: 50, type: WidthType.PERCENTAGE },
        children: [
          new Paragraph({ children: [text(SWOT_LABELS_RU[q], true, 24)] }),
          ...(form[q].length
            ? form[q].map((item, i) => new Paragraph({ children: [text(`${i + 1}. ${item}`, false, 24)] }))
            : [new Paragraph({ children: [text('—', false, 24)] })]),
        ],
      });
    const document = new Document({
      creator: 'Наставник',
      title: `SWOT-анализ программы наставничества — ${organization.shortName}`,
      styles: { default: { document: { run: { font, size: 26 } } } },
      sections: [
        {
          children: [
            para('SWOT-анализ программы наставничества', { bold: true, center: true }),
            para(organization.name, { center: true }),
            ...(form.programmeName ? [para(`Программа: ${form.programmeName}`, { center: true })] : []),
            para(`${year} учебный год. Дата: ${dateRu(form.formDate)}.`, { center: true }),
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [
                new TableRow({ children: [quadrant('strengths'), quadrant('weaknesses')] }),
                new TableRow({ children: [quadrant('opportunities'), quadrant('threats')] }),
              ],
            }),
            para(''),
            para(`Составил: ${form.authorName}`),
          ],
        },
      ],
    });
    return {
      fileName: safeFileName(`SWOT-анализ — ${organization.shortName} — ${year.replace('/', '-')}.docx`),
      contentType: DOCX_CONTENT_TYPE,
      data: await Packer.toBuffer(document),
    };
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    swot: SwotService;
  }
}
