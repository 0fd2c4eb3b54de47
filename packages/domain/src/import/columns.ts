import { parseDeadline, type DeadlineContext } from '../roadmap/deadline.js';
import { normalizeLabel } from './text.js';
import { IMPORT_FIELD_LABELS_RU, IMPORT_FIELDS, type ImportedColumn, type ImportField } from './types.js';

/**
 * Recognising the columns of a roadmap table: by their headings (every synonym of docs/domain.md,
 * case, spacing and punctuation aside), then by keywords, then by what the cells hold (dates and
 * months → deadline, names with initials and positions → responsible, «1.1» → number).
 */

/** Exact headings (normalised with `normalizeLabel`). «Содержание» alone is the activity. */
const SYNONYMS: ReadonlyArray<readonly [ImportField, readonly string[]]> = [
  ['number', ['№', '№ п п', '№п п', 'n', 'n п п', 'no', 'номер', 'п п', '№ пп', 'номер п п']],
  [
    'activity',
    [
      'наименование мероприятий',
      'наименование мероприятия',
      'мероприятия',
      'мероприятие',
      'направления работы планируемые мероприятия',
      'направление работы',
      'направления работы',
      'содержание',
      'наименование',
      'планируемые мероприятия',
      'содержание мероприятия',
      'наименование мероприятий и действий',
      'виды деятельности',
      'вид деятельности',
      'формы работы',
      'форма работы',
      'содержание мероприятий',
      'проект задание',
      'задание',
      'задания',
    ],
  ],
  [
    'content',
    [
      'содержание деятельности и результат',
      'содержание деятельности и примерный план мероприятий',
      'содержание деятельности',
      'содержание работы',
      'примерный план мероприятий',
    ],
  ],
  [
    'deadline',
    [
      'срок реализации',
      'сроки',
      'срок',
      'сроки реализации',
      'срок исполнения',
      'сроки исполнения',
      'сроки проведения',
      'срок проведения',
      'дата проведения',
      'дата',
      'период',
      'период реализации',
      'срок выполнения',
      'месяц',
      'месяцы',
      'время проведения',
      'сроки выполнения',
    ],
  ],
  [
    'responsible',
    [
      'ответственный исполнитель',
      'ответственные',
      'ответственный',
      'ответственные исполнители',
      'исполнитель',
      'исполнители',
      'ответственные лица',
      'ответственное лицо',
    ],
  ],
  [
    'expectedResult',
    [
      'результат вид документа',
      'ожидаемый результат вид документа',
      'ожидаемый результат',
      'ожидаемые результаты',
      'результат',
      'результаты',
      'планируемый результат',
      'планируемые результаты',
      'выход',
      'итог',
    ],
  ],
  ['document', ['вид документа', 'форма отчетности', 'итоговый документ', 'отчетность', 'форма отчета', 'отчетный документ']],
  ['stage', ['наименование этапа', 'этап', 'этапы', 'этапы реализации', 'этап реализации', 'этапы работы']],
  ['indicator', ['показатели эффективности', 'показатель эффективности', 'целевые показатели', 'показатели', 'показатель', 'индикаторы', 'целевой показатель']],
];

const EXACT = new Map<string, ImportField>();
for (const [field, headings] of SYNONYMS) for (const h of headings) EXACT.set(h, field);

/** Keyword rules for headings that are not exact synonyms, most specific first. */
const KEYWORDS: ReadonlyArray<readonly [RegExp, ImportField]> = [
  [/^(?:№|n|no)(?: |$)|(?:^| )п п(?: |$)/, 'number'],
  [/содержание деятельност|примерный план/, 'content'],
  [/показател|индикатор/, 'indicator'],
  [/ответствен|исполнител/, 'responsible'],
  [/срок|дата|период/, 'deadline'],
  [/результат/, 'expectedResult'],
  [/вид документа|отчетност/, 'document'],
  [/(?:^| )этап/, 'stage'],
  [/мероприяти|наименовани|направлени/, 'activity'],
  [/содержани/, 'content'],
];

export interface HeadingMatch {
  field: ImportField;
  confidence: number;
  exact: boolean;
}

/** The field a heading names, or null. */
export function matchHeading(heading: string): HeadingMatch | null {
  const label = normalizeLabel(heading);
  if (!label) return null;
  const exact = EXACT.get(label);
  if (exact) return { field: exact, confidence: 1, exact: true };
  if (label.length > 120) return null;
  for (const [re, field] of KEYWORDS) if (re.test(label)) return { field, confidence: 0.7, exact: false };
  return null;
}

/** How many cells of a row are recognised headings (a heading row has at least two). */
export function headingScore(cells: readonly string[]): number {
  let score = 0;
  for (const cell of cells) if (cell && cell.length <= 150 && matchHeading(cell)) score++;
  return score;
}

// ————— content tests —————

export const NUMBER_LIKE = /^(?:\d{1,2}(?:\.\d{1,3}){0,3}\.?|[IVX]{1,5}\.?)$/;
const DETECTION_PERIOD: DeadlineContext = { periodStart: '2020-09-01', periodEnd: '2021-08-31' };
const INITIALS = /[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+|[А-ЯЁ][а-яё]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.?/;
const POSITIONS =
  /(?:^|[\s,(])(?:директор|зам\.?|заместител|куратор|педагог|психолог|руководител|учител|классн|наставник|администраци|методист|социальн|специалист|председател|начальник|завуч|советник|библиотекар|методическ|отдел|кураторы|наставники)/i;

export function looksLikeDeadline(text: string): boolean {
  if (!text || text.length > 120) return false;
  const d = parseDeadline(text, DETECTION_PERIOD);
  if (d.kind !== 'unrecognized') return true;
  return /\d{1,2}\.\d{1,2}\.\d{2,4}|(?:^|\s)(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)|в течени|постоянно|ежегодно|ежемесячно|по мере/i.test(
    text,
  );
}

export function looksLikeResponsible(text: string): boolean {
  if (!text || text.length > 400) return false;
  return INITIALS.test(text) || (text.length <= 120 && POSITIONS.test(text));
}

function looksLikeIndicator(text: string): boolean {
  return /\d\s?%|не менее|не более|доля|количеств/i.test(text);
}

function looksLikeResultDocument(text: string): boolean {
  return /^(?:приказ|протокол|база|баз[аы]|анкет|отч[её]т|справк|план|положени|программ|swot|информационн|сформирован|утвержд|банк|кейс|аналитическ)/i.test(
    text,
  );
}

export interface ColumnSample {
  index: number;
  heading: string;
  cells: string[];
}

const share = (cells: string[], test: (t: string) => boolean) => {
  const filled = cells.filter(Boolean);
  if (!filled.length) return { hits: 0, filled: 0, ratio: 0 };
  const hits = filled.filter(test).length;
  return { hits, filled: filled.length, ratio: hits / filled.length };
};

const avgLength = (cells: string[]) => {
  const filled = cells.filter(Boolean);
  return filled.length ? filled.reduce((s, c) => s + c.length, 0) / filled.length : 0;
};

/**
 * Maps the columns: manual choices first, then headings, then content for what is left. Each field
 * goes to one column at most; a second column naming the same field stays unmapped (its text is
 * kept with the items).
 */
export function mapColumns(samples: readonly ColumnSample[], manual: Readonly<Record<number, ImportField | null>> | undefined): ImportedColumn[] {
  const columns: ImportedColumn[] = samples.map((s) => ({
    index: s.index,
    heading: s.heading,
    mappedTo: null,
    confidence: 0,
    reason: 'столбец не распознан',
    source: 'none',
  }));
  const taken = new Set<ImportField>();
  const decided = new Set<number>();

  // 1. The curator's mapping.
  if (manual) {
    for (const column of columns) {
      if (!Object.prototype.hasOwnProperty.call(manual, column.index)) continue;
      const field = manual[column.index];
      decided.add(column.index);
      if (field === null || field === undefined || !IMPORT_FIELDS.includes(field)) {
        column.reason = 'оставлен без сопоставления вручную';
        column.source = 'manual';
        continue;
      }
      if (taken.has(field)) {
        column.reason = `поле «${IMPORT_FIELD_LABELS_RU[field]}» уже выбрано для другого столбца`;
        column.source = 'manual';
        continue;
      }
      Object.assign(column, { mappedTo: field, confidence: 1, reason: 'задано вручную', source: 'manual' });
      taken.add(field);
    }
  }

  // 2. Headings: exact synonyms before keyword guesses.
  const matches = columns.map((c) => (decided.has(c.index) ? null : matchHeading(c.heading)));
  // «Содержание» alone is the activity, unless another column already is the activity.
  const activityElsewhere = matches.some((m, i) => m?.field === 'activity' && normalizeLabel(columns[i]?.heading ?? '') !== 'содержание');
  for (const [i, m] of matches.entries()) {
    if (m && m.field === 'activity' && activityElsewhere && normalizeLabel(columns[i]?.heading ?? '') === 'содержание') {
      matches[i] = { field: 'content', confidence: 0.9, exact: false };
    }
  }
  for (const pass of [true, false]) {
    for (const [i, m] of matches.entries()) {
      const column = columns[i] as ImportedColumn;
      if (!m || m.exact !== pass || decided.has(column.index)) continue;
      if (taken.has(m.field)) {
        column.reason = `заголовок «${column.heading}» повторяет поле «${IMPORT_FIELD_LABELS_RU[m.field]}» — столбец не распознан`;
        continue;
      }
      Object.assign(column, {
        mappedTo: m.field,
        confidence: m.confidence,
        reason: m.exact ? `заголовок «${column.heading}»` : `заголовок «${column.heading}» похож на «${IMPORT_FIELD_LABELS_RU[m.field]}»`,
        source: 'heading',
      });
      taken.add(m.field);
      decided.add(column.index);
    }
  }

  // 3. Content, for the columns still open.
  const open = () => samples.filter((s) => !decided.has(s.index) && s.cells.some(Boolean));
  const assign = (sample: ColumnSample, field: ImportField, confidence: number, reason: string) => {
    const column = columns.find((c) => c.index === sample.index) as ImportedColumn;
    Object.assign(column, { mappedTo: field, confidence, reason, source: 'content' });
    taken.add(field);
    decided.add(sample.index);
  };
  const byTest = (field: ImportField, test: (t: string) => boolean, min: number, what: string, extra?: (s: ColumnSample) => boolean) => {
    if (taken.has(field)) return;
    let best: { sample: ColumnSample; ratio: number; hits: number; filled: number } | null = null;
    for (const sample of open()) {
      if (extra && !extra(sample)) continue;
      const r = share(sample.cells, test);
      if (r.filled >= 1 && r.ratio >= min && (!best || r.ratio > best.ratio)) best = { sample, ...r };
    }
    if (best) {
      const confidence = Math.round(Math.min(0.9, 0.4 + best.ratio * 0.5) * 100) / 100;
      assign(best.sample, field, confidence, `по содержимому: ${best.hits} из ${best.filled} ячеек — ${what}`);
    }
  };
  byTest('number', (t) => NUMBER_LIKE.test(t), 0.6, 'номера пунктов');
  byTest('deadline', looksLikeDeadline, 0.5, 'сроки');
  byTest('responsible', looksLikeResponsible, 0.5, 'ответственные (должности, фамилии с инициалами)', (s) => avgLength(s.cells) < 250);
  byTest('indicator', looksLikeIndicator, 0.6, 'показатели (проценты, «не менее»)');

  // The remaining text columns, left to right: activity, then — for columns without a heading —
  // content (before the deadline) or the expected result (after it).
  const deadlineIndex = columns.find((c) => c.mappedTo === 'deadline' || c.mappedTo === 'responsible')?.index ?? Infinity;
  for (const sample of open()) {
    let field: ImportField | null = null;
    if (!taken.has('activity')) field = 'activity';
    // A column with a heading of its own («Примечание») is not a guess for the other text fields.
    else if (normalizeLabel(sample.heading)) continue;
    else if (sample.index < deadlineIndex && !taken.has('content')) field = 'content';
    else if (!taken.has('expectedResult') && share(sample.cells, looksLikeResultDocument).ratio >= 0.2) field = 'expectedResult';
    else if (!taken.has('content')) field = 'content';
    else if (!taken.has('expectedResult')) field = 'expectedResult';
    if (!field) continue;
    const reason =
      field === 'activity'
        ? 'по содержимому: первый столбец с текстом'
        : field === 'content'
          ? 'по содержимому: текстовый столбец рядом с мероприятием'
          : 'по содержимому: текстовый столбец после сроков и ответственных';
    assign(sample, field, 0.4, reason);
  }
  // «Вид документа» alone is the roadmap's expected result; it stays apart only beside a results column.
  const document = columns.find((c) => c.mappedTo === 'document');
  if (document && !columns.some((c) => c.mappedTo === 'expectedResult') && document.source !== 'manual') document.mappedTo = 'expectedResult';
  return columns;
}
