import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import {
  formatDateTimeRu,
  formatPercentRu,
  pluralRu,
  STAT_FORM_COLUMNS_RU,
  statFormRows,
  type Kpi,
  type ParticipantCategory,
  type ParticipantRole,
} from '@nastavnik/domain';
import { DOCX_CONTENT_TYPE } from '../documents/docx.js';
import type { RenderedFile } from '../documents/rendered-file.js';
import { safeFileName } from '../documents/layout.js';
import { writeXlsx, XLSX_CONTENT_TYPE } from '../documents/xlsx.js';
import type { DistrictFigures } from './figures-source.js';
import type { StatFormCountRow } from './queries.js';

/** «22.11.2026 09:41 (МСК)»: in the product's time zone, named — as the screen shows it (Me.timeZone). */
export function dateTimeRu(instant: Date, timeZone: string): string {
  return formatDateTimeRu(instant, timeZone);
}

/** Sums rows of the same role × form × category (a region over its districts). */
export function mergeStatForm(rows: readonly StatFormCountRow[]): StatFormCountRow[] {
  const sums = new Map<string, StatFormCountRow>();
  for (const row of rows) {
    const key = `${row.role}|${row.form}|${row.category}`;
    const current = sums.get(key);
    if (current) current.count += row.count;
    else sums.set(key, { ...row });
  }
  return [...sums.values()];
}

/** The federal statistical form: participants by role × form × category with totals (the domain's `statFormRows`). */
export function renderStatFormXlsx(input: {
  ownerName: string;
  academicYear: string;
  counts: readonly StatFormCountRow[];
  asOfRu: string;
  sourceRu: string;
  now: Date;
}): RenderedFile {
  const rows = statFormRows(
    input.counts.map((c) => ({ role: c.role as ParticipantRole, form: c.form, category: c.category as ParticipantCategory, count: c.count })),
  );
  const title = 'Сведения о численности участников программ наставничества';
  const data = writeXlsx({
    name: 'Статистическая форма',
    title,
    createdAt: input.now,
    heading: [title, `${input.ownerName}, ${input.academicYear} учебный год`, `Данные на ${input.asOfRu}; ${input.sourceRu}`],
    columns: [
      { label: STAT_FORM_COLUMNS_RU.role, width: 18 },
      { label: STAT_FORM_COLUMNS_RU.form, width: 42 },
      { label: STAT_FORM_COLUMNS_RU.category, width: 36 },
      { label: STAT_FORM_COLUMNS_RU.count, width: 16 },
    ],
    rows: rows.map((row) => [row.roleRu, row.formRu, row.categoryRu, row.count]),
    footer: ['Участник нескольких форм наставничества учитывается в каждой из них.'],
  });
  return {
    fileName: safeFileName(`Статистическая форма — ${input.ownerName} — ${input.academicYear.replace('/', '-')}.xlsx`),
    contentType: XLSX_CONTENT_TYPE,
    data,
  };
}

/** «Охват обучающихся наставничеством составил 12,5 % (цель 10 % достигнута).» */
export function conclusionRu(subject: string, kpi: Kpi, verb = 'составил'): string {
  if (kpi.value === null) return `${subject}: нет данных (${kpi.inputs.map((i) => `${i.label.toLowerCase()} — ${i.value ?? 'нет данных'}`).join('; ')}).`;
  const goal = kpi.target ? ` (цель ${formatPercentRu(kpi.target.value)} ${kpi.target.met ? 'достигнута' : 'не достигнута'})` : '';
  return `${subject} ${verb} ${kpi.display}${goal}.`;
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: 'Times New Roman', size: 22 })] })] });

const para = (text: string, options: { bold?: boolean; center?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {}) =>
  new Paragraph({
    heading: options.heading,
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { after: 120 },
    children: [new TextRun({ text, bold: options.bold, font: 'Times New Roman', size: 26 })],
  });

/**
 * The district's information-analytical note (информационно-аналитическая справка) from the live
 * figures: the figures with their formulas, a table with a row per school, the roadmaps' execution,
 * and conclusions.
 */
export async function renderDistrictNoteDocx(input: {
  districtName: string;
  authorityName: string;
  academicYear: string;
  asOfRu: string;
  figures: DistrictFigures;
}): Promise<RenderedFile> {
  const { figures: f } = input;
  const c = f.counts;
  const k = f.figures;
  const ex = c.execution;
  const header = ['№', 'Организация', 'Участники', 'Охват обучающихся', 'Охват педагогов', 'Согласия', 'Планы', 'Дорожная карта в срок', 'Просрочено'];
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...f.schools.map(
        (s, i) =>
          new TableRow({
            children: [
              cell(String(i + 1)),
              cell(s.shortName),
              cell(String(s.counts.participants)),
              cell(s.figures.pupilCoverage.display),
              cell(s.figures.teacherCoverage.display),
              cell(s.figures.consentsCollected.display),
              cell(s.figures.plansDone.display),
              cell(s.figures.roadmapExecution.display),
              cell(String(s.counts.execution.overdue)),
            ],
          }),
      ),
      new TableRow({
        children: [
          cell(''),
          cell('Итого по муниципалитету', true),
          cell(String(c.participants), true),
          cell(k.pupilCoverage.display, true),
          cell(k.teacherCoverage.display, true),
          cell(k.consentsCollected.display, true),
          cell(k.plansDone.display, true),
          cell(k.roadmapExecution.display, true),
          cell(String(ex.overdue), true),
        ],
      }),
    ],
  });
  const lagging = f.schools.filter((s) => s.figures.pupilCoverage.target?.met === false).map((s) => s.shortName);
  const overdueSchools = f.schools.filter((s) => s.counts.execution.overdue > 0).map((s) => `${s.shortName} (${s.counts.execution.overdue})`);
  const noHeadcount = f.schools.filter((s) => !s.hasHeadcount).map((s) => s.shortName);
  const document = new Document({
    creator: 'Наставник',
    title: `Информационно-аналитическая справка — ${input.districtName}`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [
      {
        children: [
          para('ИНФОРМАЦИОННО-АНАЛИТИЧЕСКАЯ СПРАВКА', { bold: true, center: true }),
          para(`о реализации целевой модели наставничества в образовательных организациях: ${input.districtName}, ${input.academicYear} учебный год`, {
            center: true,
          }),
          para(`${input.authorityName}. Данные платформы на ${input.asOfRu}.`, { center: true }),
          para('1. Общие сведения', { bold: true, heading: HeadingLevel.HEADING_1 }),
          para(
            `В муниципалитете ${c.schools} ${pluralRu(c.schools, ['образовательная организация', 'образовательные организации', 'образовательных организаций'])}; ` +
              `численность за учебный год указали ${c.schoolsWithHeadcount}. ` +
              `Обучающихся — ${c.pupils}, педагогов — ${c.teachers}. В программах наставничества ${pluralRu(c.participants, ['участвует', 'участвуют', 'участвуют'])} ${c.participants} ${pluralRu(c.participants, ['человек', 'человека', 'человек'])}: ` +
              `наставников — ${c.mentors} (из них от организаций-партнёров — ${c.partnerMentors}), наставляемых — ${c.mentees}.`,
          ),
          para('2. Показатели', { bold: true, heading: HeadingLevel.HEADING_1 }),
          para(conclusionRu('Охват обучающихся наставничеством', k.pupilCoverage)),
          para(conclusionRu('Охват педагогов наставничеством', k.teacherCoverage)),
          para(conclusionRu('Вовлечённость обучающихся и педагогов в наставничество', k.federalTarget70, 'составила')),
          para(conclusionRu('Доля участников с согласием на обработку персональных данных', k.consentsCollected, 'составила')),
          para(conclusionRu('Выполнение индивидуальных планов', k.plansDone, 'составило')),
          para(conclusionRu('Доля наставников от организаций-партнёров', k.partnerMentorShare, 'составила')),
          para(conclusionRu('Посещаемость итоговых мероприятий (итоговые встречи пар)', k.finalEventAttendance, 'составила')),
          para(conclusionRu('Удовлетворённость участников (средняя оценка по анкетам)', k.satisfaction, 'составила')),
          para(conclusionRu('Изменение результатов участников (анкеты «до» и «после»)', k.impact, 'составило')),
          para('3. Показатели образовательных организаций', { bold: true, heading: HeadingLevel.HEADING_1 }),
          table,
          para('4. Выполнение дорожных карт', { bold: true, heading: HeadingLevel.HEADING_1 }),
          para(
            `В согласованных дорожных картах, действующих в учебном году, ${ex.total} ${pluralRu(ex.total, ['мероприятие', 'мероприятия', 'мероприятий'])}: выполнено в срок — ${ex.onTime}, ` +
              `с опозданием — ${ex.late}, просрочено — ${ex.overdue}, срок не наступил — ${ex.notYetDue}. ` +
              conclusionRu('Выполнение дорожных карт в срок', k.roadmapExecution, 'составило'),
          ),
          para('5. Выводы', { bold: true, heading: HeadingLevel.HEADING_1 }),
          para(
            lagging.length
              ? `Охват обучающихся ниже целевого (10 %) в организациях: ${lagging.join(', ')}.`
              : 'Целевой охват обучающихся (не менее 10 %) достигнут во всех организациях, указавших численность.',
          ),
          para(overdueSchools.length ? `Просроченные мероприятия дорожных карт: ${overdueSchools.join(', ')}.` : 'Просроченных мероприятий дорожных карт нет.'),
          ...(noHeadcount.length ? [para(`Не указали численность обучающихся и педагогов (охват не вычисляется): ${noHeadcount.join(', ')}.`)] : []),
        ],
      },
    ],
  });
  return {
    fileName: safeFileName(`Информационно-аналитическая справка — ${input.districtName} — ${input.academicYear.replace('/', '-')}.docx`),
    contentType: DOCX_CONTENT_TYPE,
    data: await Packer.toBuffer(document),
  };
}
