import { ANONYMIZED_NAME_RU, BUILT_IN_FORMS, formatDateRu, isIsoDate, MENTORSHIP_KIND_LABELS_RU, type MentorshipKind } from '@nastavnik/domain';
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { badUserInput, forbidden } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { Organization } from '../directory/organization.entity.js';
import { DOCX_CONTENT_TYPE, DOCX_FONT } from '../documents/docx.js';
import type { RenderedFile } from '../documents/rendered-file.js';
import { logAccess } from '../participants/access-log.js';
import { PROGRAMME_MESSAGES_RU as M } from '../programmes/messages.js';
import type { ProgrammeService } from '../programmes/programme.service.js';
import { Participant } from '../participants/participant.entity.js';
import { personalDataLens, staffViewer } from '../participants/personal-data.js';
import { MentoringPair } from './pair.entity.js';

const nameOf = (p: Participant | undefined) =>
  !p ? '—' : p.anonymized ? ANONYMIZED_NAME_RU : [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
const detailOf = (p: Participant | undefined) => (p && !p.anonymized && p.classOrPosition ? `, ${p.classOrPosition}` : '');

const run = (text: string, extra: { bold?: boolean } = {}) => new TextRun({ text, font: DOCX_FONT, size: 26, ...extra });
const para = (text: string, extra: { bold?: boolean; center?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    children: [run(text, { bold: extra.bold })],
    alignment: extra.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { after: 120 },
    ...(extra.indent ? { indent: { firstLine: 709 } } : {}),
  });
const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, font: DOCX_FONT, size: 22, bold })] })] });

/**
 * The director's order «О закреплении наставнических пар/групп» (DOCX, A4 portrait, Times New Roman):
 * the organisation, number and date (recorded on the programme when given, else blank lines), the
 * programme, and a table of the programme's confirmed pairs/groups — mentor, mentees, form, kind, period.
 */
export async function renderPairsOrderDocx(
  ctx: TenantServiceContext,
  programmes: ProgrammeService,
  programmeId: string,
  order: { number?: string | null; date?: string | null },
  today: string,
): Promise<RenderedFile> {
  let programme = await programmes.get(ctx, programmeId);
  // The order names the children: only those who may see every named person's identity (the school's staff) get it.
  if (staffViewer(ctx.actor, ctx.tenant, programme.organizationId) !== 'school-staff') throw forbidden();
  const lens = personalDataLens(ctx.actor, ctx.tenant, () => today);
  if (order.number || order.date) {
    if (!order.number?.trim()) throw badUserInput('number', M.orderNumberRequired);
    if (!isIsoDate(order.date ?? '')) throw badUserInput('date', M.invalidDate('Дата приказа'));
    programme = await programmes.recordPairsOrder(ctx, programme.id, order.number, order.date!);
  }
  const organization = await ctx.em.findOne(Organization, { id: programme.organizationId });
  const pairs = await ctx.tenant.em.find(MentoringPair, { programmeId: programme.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const ids = [...new Set(pairs.flatMap((p) => [p.mentorId, ...p.menteeIds]))];
  const people = new Map((ids.length ? await ctx.tenant.em.find(Participant, { id: { $in: ids } }) : []).map((p) => [p.id, p]));
  for (const person of people.values()) if (!(await lens.partsOf(person)).has('identity')) throw forbidden();
  await logAccess(ctx.tenant, ctx.actor, [...people.values()], 'pairs-order');

  const number = programme.orderNumber ?? '______';
  const date = programme.orderDate ? formatDateRu(programme.orderDate) : '«___» __________ 20__ г.';
  const header = new TableRow({
    tableHeader: true,
    children: ['№', 'Наставник', 'Наставляемые', 'Форма', 'Вид', 'Срок'].map((h) => cell(h, true)),
  });
  const rows = pairs.map(
    (pair, i) =>
      new TableRow({
        children: [
          cell(String(i + 1)),
          cell(`${nameOf(people.get(pair.mentorId))}${detailOf(people.get(pair.mentorId))}`),
          cell(pair.menteeIds.map((id) => `${nameOf(people.get(id))}${detailOf(people.get(id))}`).join('; ')),
          cell(BUILT_IN_FORMS.find((f) => f.code === pair.form)?.labelRu ?? pair.form),
          cell(MENTORSHIP_KIND_LABELS_RU[pair.kind as MentorshipKind] ?? pair.kind),
          cell(`${formatDateRu(pair.startDate)} – ${formatDateRu(pair.endDate)}`),
        ],
      }),
  );
  const doc = new Document({
    creator: 'Наставник',
    title: 'О закреплении наставнических пар/групп',
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, right: 851, bottom: 1134, left: 1701 } } },
        children: [
          para(organization?.name ?? '', { bold: true, center: true }),
          para('ПРИКАЗ', { bold: true, center: true }),
          para(`${date}                                                            № ${number}`, { center: true }),
          para('О закреплении наставнических пар/групп', { bold: true, center: true }),
          para(
            `В соответствии с программой наставничества «${programme.name}» (${formatDateRu(programme.periodStart)} – ${formatDateRu(programme.periodEnd)}), по итогам формирования наставнических пар/групп`,
            { indent: true },
          ),
          para('ПРИКАЗЫВАЮ:', { bold: true }),
          para('1. Закрепить наставнические пары/группы в следующем составе:', { indent: true }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
            rows: [header, ...rows],
          }),
          para(''),
          para('2. Наставникам разработать индивидуальные планы развития наставляемых и организовать встречи в установленном порядке.', { indent: true }),
          para(`3. Контроль за исполнением приказа возложить на куратора программы${programme.curatorName ? ` ${programme.curatorName}` : ''}.`, {
            indent: true,
          }),
          para(''),
          para('Директор                                    ____________________'),
        ],
      },
    ],
  });
  const data = await Packer.toBuffer(doc);
  return { data: Buffer.from(data), contentType: DOCX_CONTENT_TYPE, fileName: `Приказ о закреплении наставнических пар — ${programme.name}.docx` };
}
