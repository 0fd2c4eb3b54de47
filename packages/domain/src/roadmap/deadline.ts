import { academicStartYear, firstOfMonth, isIsoDate, isoDate, lastOfMonth, maxDate, minDate, nextDay, yearMonthOf, type IsoDate } from './iso-date.js';

/**
 * Deadlines of roadmap items («Срок реализации», «Сроки») are free text typed by people or pasted
 * from Word. `parseDeadline` turns such a text into a schedule the platform can sort and check,
 * always keeps the text as written (`original`) and never throws: what it cannot read becomes
 * `unrecognized` and is still shown as text.
 */

export interface DateSpan {
  start: IsoDate;
  end: IsoDate;
}

/** The roadmap's period; bare months, «ежегодно», «постоянно» … are read against it. */
export interface DeadlineContext {
  periodStart: IsoDate;
  periodEnd: IsoDate;
}

/** `termly` is a school term (четверть), not a calendar quarter. */
export type RecurrenceFrequency = 'yearly' | 'quarterly' | 'termly' | 'monthly';

/**
 * Every shape carries `due`: the final due date, good for sorting and for the roadmap as a whole
 * (null when there is none). For «is it overdue today» use `nextDueDate` / `isOverdue`, which look
 * at the occurrence in progress.
 */
export type Deadline =
  /** «до 20.09.2021г», «20.09.2021», «30» августа 2021 г.; `before` when written «до …». */
  | { kind: 'date'; original: string; due: IsoDate; before: boolean }
  /** «30.08.2021-30.09.2021г.», «с 01.09.2021 по 30.09.2021». */
  | { kind: 'range'; original: string; start: IsoDate; end: IsoDate; due: IsoDate }
  /**
   * Whole months: «Ноябрь-декабрь 2020 г.», «Январь 2022, январь 2023», a bare «сентябрь» in a
   * one-year period. `then` is the open tail of «Май 2021 г., далее - регулярное наполнение»:
   * the months are due as usual, the continuous work after them runs to the period's end and is
   * never overdue.
   */
  | {
      kind: 'months';
      original: string;
      occurrences: DateSpan[];
      start: IsoDate;
      end: IsoDate;
      due: IsoDate;
      then?: { kind: 'continuous'; start: IsoDate; end: IsoDate };
    }
  /** The same months (or year, quarter, term, month) again and again: «Сентябрь 2021, 2022, 2023», «Ежегодно». */
  | {
      kind: 'recurring';
      original: string;
      frequency: RecurrenceFrequency;
      occurrences: DateSpan[];
      start: IsoDate;
      end: IsoDate;
      due: IsoDate;
    }
  /** «Постоянно», «В течение года», «весь период»: spans the period. */
  | { kind: 'continuous'; original: string; start: IsoDate; end: IsoDate; due: IsoDate }
  /** «по отдельному графику», «по плану …»: no due date of its own. */
  | { kind: 'bySchedule'; original: string; due: null }
  /** «конец учебного года»: the window END_OF_ACADEMIC_YEAR of each academic year of the period. */
  | {
      kind: 'endOfAcademicYear';
      original: string;
      occurrences: DateSpan[];
      start: IsoDate;
      end: IsoDate;
      due: IsoDate;
    }
  | { kind: 'unrecognized'; original: string; reason: string; due: null };

export type DeadlineKind = Deadline['kind'];

export const DEADLINE_KIND_LABELS_RU: Readonly<Record<DeadlineKind, string>> = {
  date: 'к дате',
  range: 'период',
  months: 'месяцы',
  recurring: 'регулярно',
  continuous: 'постоянно',
  bySchedule: 'по графику',
  endOfAcademicYear: 'конец учебного года',
  unrecognized: 'не распознан',
};

export const DEADLINE_REASONS_RU = {
  unrecognized: 'срок не распознан — сохранён как текст',
  empty: 'срок не указан',
  invalidDate: 'дата указана с ошибкой — срок сохранён как текст',
  noPeriod: 'не задан период дорожной карты — срок сохранён как текст',
  outsidePeriod: 'срок вне периода дорожной карты — сохранён как текст',
} as const;

/**
 * «Конец учебного года»: lessons end in May and the year is summed up at the June teachers'
 * council, so May–June of the academic year (which formally runs to 31 August).
 */
export const END_OF_ACADEMIC_YEAR = { fromMonth: 5, toMonth: 6 } as const;

/** School terms (четверти), approximately: the exact dates differ by region and year. */
const SCHOOL_TERMS: ReadonlyArray<readonly [number, number]> = [
  [9, 10],
  [11, 12],
  [1, 3],
  [4, 5],
];

// ————— normalisation —————

const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  laquo: '«',
  raquo: '»',
  ndash: '–',
  mdash: '—',
  minus: '−',
  hellip: '…',
  shy: '',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Lower-case text with HTML, quotes, «г.»/«года» after years and odd dashes/spaces removed. */
export function normalizeDeadlineText(text: string): string {
  const stripTags = (s: string) => s.replace(/<\/?[a-z][^>]*>/gi, ' ');
  return stripTags(decodeEntities(stripTags(text)))
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u200b\ufeff]+/g, ' ')
    .replace(/[\u2010-\u2015\u2212-]/g, '-')
    .replace(/[«»"“”„']/g, ' ')
    .replace(/(\d{4})\s*(?:гг|г|года|году|год)(?![а-я])\.?/g, '$1')
    .replace(/\s*-\s*/g, '-')
    .replace(/ {2,}/g, ' ')
    .replace(/^[\s.,;:]+|[\s.,;:!?]+$/g, '');
}

// ————— months —————

/** One pattern per month: every case form («сентябрь», «сентября», «сентябре») and abbreviations. */
const MONTH_PATTERNS: readonly RegExp[] = [
  /^(?:январ[а-я]*|янв)$/,
  /^(?:феврал[а-я]*|февр?)$/,
  /^(?:март[а-я]*|мар)$/,
  /^(?:апрел[а-я]*|апр)$/,
  /^ма[йяюе]$/,
  /^июн[а-я]*$/,
  /^июл[а-я]*$/,
  /^(?:август[а-я]*|авг)$/,
  /^(?:сентябр[а-я]*|сент?)$/,
  /^(?:октябр[а-я]*|окт)$/,
  /^(?:ноябр[а-я]*|нояб?)$/,
  /^(?:декабр[а-я]*|дек)$/,
];
const GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const NOMINATIVE = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

/** 1–12 for a month name in any case form or a usual abbreviation, else null. */
export function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/ё/g, 'е').replace(/\.$/, '');
  const index = MONTH_PATTERNS.findIndex((re) => re.test(w));
  return index >= 0 ? index + 1 : null;
}

/** Words that carry no schedule information around months and years. */
const FILLER = new Set(['в', 'во', 'на', 'течение', 'течении', 'протяжении', 'месяц', 'месяце', 'месяцы', 'месяцах', 'по', 'итогам', 'года', 'год', 'гг', 'г']);

interface Point {
  month?: number;
  year?: number;
}
type Group = Point[];

/** Splits «ноябрь-декабрь 2020, январь 2021» into groups of dash-joined points; null when other words occur. */
function tokenizeMonthExpression(text: string): Group[] | null {
  const groups: Group[] = [];
  let group: Group = [];
  let point: Point | null = null;
  const closeGroup = () => {
    if (point) group.push(point);
    if (group.length) groups.push(group);
    group = [];
    point = null;
  };
  const re = /\s*(?:([а-я]+)\.?|(\d+)|([-,;.()])|(\S))/y;
  const s = text.trim();
  while (re.lastIndex < s.length) {
    const m = re.exec(s);
    if (!m || m[4] !== undefined) return null;
    const [, word, digits, punct] = m;
    if (word !== undefined) {
      if (word === 'и') {
        closeGroup();
        continue;
      }
      const month = monthNumber(word);
      if (month === null) {
        if (FILLER.has(word)) continue;
        return null;
      }
      // «сентябрь октябрь» without a comma still reads as two months.
      if (point) closeGroup();
      point = { month };
    } else if (digits !== undefined) {
      const year = Number(digits);
      if (digits.length !== 4 || year < 1900 || year > 2100) return null;
      if (point?.year !== undefined) closeGroup();
      point = { ...(point ?? {}), year };
    } else if (punct === '-') {
      if (!point) return null;
      group.push(point);
      point = null;
    } else {
      closeGroup();
    }
  }
  closeGroup();
  return groups.length ? groups : null;
}

/** A month or month range, with the years written for it (several years: it recurs). */
interface MonthSpec {
  from: number;
  to: number;
  fromYear?: number;
  toYear?: number;
  extraYears: number[];
}

type Expression = { kind: 'months'; specs: MonthSpec[] } | { kind: 'years'; years: number[] };

function readExpression(text: string): Expression | null {
  const groups = tokenizeMonthExpression(text);
  if (!groups) return null;
  const specs: MonthSpec[] = [];
  const wholeYears: number[] = [];
  for (const group of groups) {
    if (group.length > 2) return null;
    const [a, b] = group as [Point, Point | undefined];
    if (group.every((p) => p.month === undefined)) {
      // Years only: «2022», «2021-2023»; after a month they repeat it («Сентябрь 2021, 2022»).
      const first = a.year as number;
      const last = b?.year ?? first;
      if (last < first || last - first > 20) return null;
      const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      const previous = specs[specs.length - 1];
      if (previous) previous.extraYears.push(...years);
      else wholeYears.push(...years);
      continue;
    }
    const { month, year } = a;
    if (month !== undefined && year !== undefined && b && b.month === undefined && b.year !== undefined) {
      // «Сентябрь 2021-2023»: the month in each of those years.
      if (b.year < year || b.year - year > 20) return null;
      const extraYears = Array.from({ length: b.year - year }, (_, i) => year + i + 1);
      specs.push({ from: month, to: month, toYear: year, extraYears });
      continue;
    }
    if (a.month === undefined || (b && b.month === undefined)) return null;
    specs.push({ from: a.month, to: b?.month ?? a.month, fromYear: a.year, toYear: b ? b.year : a.year, extraYears: [] });
  }
  if (specs.length && wholeYears.length) return null;
  return specs.length ? { kind: 'months', specs } : { kind: 'years', years: wholeYears };
}

/** The span of a month range whose last month is in `toYear` (or first month in `fromYear`). */
function spanOf(spec: MonthSpec, anchor: { toYear: number } | { fromYear: number }): DateSpan {
  let fromYear: number;
  let toYear: number;
  if ('toYear' in anchor) {
    toYear = anchor.toYear;
    fromYear = spec.from <= spec.to ? toYear : toYear - 1;
  } else {
    fromYear = anchor.fromYear;
    toYear = spec.to >= spec.from ? fromYear : fromYear + 1;
  }
  return { start: firstOfMonth(fromYear, spec.from), end: lastOfMonth(toYear, spec.to) };
}

/** Spans of a spec with written years; a list of years gives one span per year. */
function datedSpans(spec: MonthSpec): DateSpan[] {
  const spans: DateSpan[] = [];
  let base: DateSpan;
  let baseYear: number;
  let extra = spec.extraYears;
  if (spec.fromYear !== undefined && spec.toYear !== undefined) {
    base = { start: firstOfMonth(spec.fromYear, spec.from), end: lastOfMonth(spec.toYear, spec.to) };
    baseYear = spec.toYear;
  } else if (spec.toYear !== undefined || spec.fromYear === undefined) {
    // «сент. 2021» tokenizes the year as a separate group: the first listed year anchors it.
    const toYear = spec.toYear ?? (extra[0] as number);
    if (spec.toYear === undefined) extra = extra.slice(1);
    base = spanOf(spec, { toYear });
    baseYear = toYear;
  } else {
    base = spanOf(spec, { fromYear: spec.fromYear });
    baseYear = spec.fromYear;
  }
  spans.push(base);
  for (const year of extra) spans.push(shiftYears(base, year - baseYear));
  return spans;
}

function shiftYears(span: DateSpan, years: number): DateSpan {
  const s = yearMonthOf(span.start);
  const e = yearMonthOf(span.end);
  return { start: firstOfMonth(s.year + years, s.month), end: lastOfMonth(e.year + years, e.month) };
}

const hasYears = (spec: MonthSpec) => spec.fromYear !== undefined || spec.toYear !== undefined || spec.extraYears.length > 0;

/** A month range placed in the academic year starting in September of `startYear`. */
function inAcademicYear(spec: MonthSpec, startYear: number): DateSpan {
  const fromYear = spec.from >= 9 ? startYear : startYear + 1;
  let toYear = spec.to >= 9 ? startYear : startYear + 1;
  if (toYear * 12 + spec.to < fromYear * 12 + spec.from) toYear += 1;
  return { start: firstOfMonth(fromYear, spec.from), end: lastOfMonth(toYear, spec.to) };
}

const overlaps = (span: DateSpan, period: DeadlineContext) => span.end >= period.periodStart && span.start <= period.periodEnd;
const clip = (span: DateSpan, period: DeadlineContext): DateSpan => ({
  start: maxDate(span.start, period.periodStart),
  end: minDate(span.end, period.periodEnd),
});

function academicYears(period: DeadlineContext): number[] {
  const first = academicStartYear(period.periodStart);
  const last = academicStartYear(period.periodEnd);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function sortSpans(spans: DateSpan[]): DateSpan[] {
  const seen = new Set<string>();
  return spans
    .filter((s) => !seen.has(`${s.start}/${s.end}`) && seen.add(`${s.start}/${s.end}`))
    .sort((a, b) => (a.start === b.start ? a.end.localeCompare(b.end) : a.start.localeCompare(b.start)));
}

// ————— the parser —————

/** A deadline without `original` (added once, by parseDeadline); distributes over the union. */
type Body = Deadline extends infer D ? (D extends Deadline ? Omit<D, 'original'> : never) : never;

const unrecognized = (reason: string = DEADLINE_REASONS_RU.unrecognized): Body => ({ kind: 'unrecognized', reason, due: null });

/** A schedule of occurrences; none left (all outside the period) means it cannot be placed. */
function scheduled(kind: 'months' | 'recurring' | 'endOfAcademicYear', spans: DateSpan[], frequency: RecurrenceFrequency = 'yearly'): Body {
  const occurrences = sortSpans(spans);
  const first = occurrences[0];
  if (!first) return unrecognized(DEADLINE_REASONS_RU.outsidePeriod);
  const end = occurrences.reduce((max, s) => maxDate(max, s.end), first.end);
  const body = { occurrences, start: first.start, end, due: end };
  return kind === 'recurring' ? { kind, frequency, ...body } : { kind, ...body };
}

const NUMERIC_DATE = /(?<![\d.])(\d{1,2}) ?[./] ?(\d{1,2}) ?[./] ?(\d{4}|\d{2})(?![\d])/g;
const TEXT_DATE = new RegExp(`(?<!\\d)(\\d{1,2}) ?(${GENITIVE.join('|')}) ?(\\d{4})(?!\\d)`, 'g');

/** Replaces the dates in the text by §0, §1 …; null when one of them does not exist. */
function extractDates(text: string): { rest: string; dates: IsoDate[] } | null {
  const dates: (IsoDate | null)[] = [];
  const rest = text
    .replace(NUMERIC_DATE, (_, d: string, m: string, y: string) => {
      dates.push(isoDate(y.length === 2 ? 2000 + Number(y) : Number(y), Number(m), Number(d)));
      return ` §${dates.length - 1} `;
    })
    .replace(TEXT_DATE, (_, d: string, month: string, y: string) => {
      dates.push(isoDate(Number(y), GENITIVE.indexOf(month) + 1, Number(d)));
      return ` §${dates.length - 1} `;
    })
    .replace(/ {2,}/g, ' ')
    .trim();
  return dates.every((d): d is IsoDate => d !== null) ? { rest, dates } : null;
}

const BY_SCHEDULE = /(?:^|[\s,])(?:по|согласно)\s+(?:[а-я]+\s+)?(?:графику|плану)(?![а-я])|^по (?:мере )?необходимости|^по запросу/;
const END_OF_YEAR = /(?:^|\s)(?:конец|конце|окончани[иеюя]|завершени[иеюя])\s+учебного\s+года/;
const CONTINUOUS = [
  /^постоянн/,
  /^(?:в течени[еи]|на протяжении)\s+(?:всего\s+)?(?:(?:учебного|календарного)\s+)?(?:года$|(?:периода|срока)(?![а-я]))/,
  /^(?:за\s+)?весь\s+период/,
  /^(?:ежедневно|еженедельно|систематически)$/,
];
const FREQUENCIES: ReadonlyArray<readonly [RegExp, RecurrenceFrequency]> = [
  [/^(?:(?:1|один) )?раз в год$/, 'yearly'],
  [/^(?:ежеквартально|поквартально|(?:(?:1|один) )?раз в квартал)$/, 'quarterly'],
  [/^(?:ежемесячно|(?:(?:1|один) )?раз в месяц)$/, 'monthly'],
  [/^(?:(?:(?:1|один) )?раз в четверть|ежечетвертно|по четвертям|каждую четверть|по итогам (?:каждой )?четверти)$/, 'termly'],
];

function validPeriod(context: DeadlineContext | undefined): DeadlineContext | null {
  if (!context || !isIsoDate(context.periodStart) || !isIsoDate(context.periodEnd)) return null;
  return context.periodStart <= context.periodEnd ? context : null;
}

/** Occurrences of a frequency over the period, clipped to it. */
function frequencySpans(frequency: RecurrenceFrequency, period: DeadlineContext): DateSpan[] {
  const spans: DateSpan[] = [];
  if (frequency === 'yearly') {
    for (const y of academicYears(period)) spans.push({ start: firstOfMonth(y, 9), end: lastOfMonth(y + 1, 8) });
  } else if (frequency === 'termly') {
    for (const y of academicYears(period)) {
      for (const [from, to] of SCHOOL_TERMS) spans.push(inAcademicYear({ from, to, extraYears: [] }, y));
    }
  } else {
    // Calendar months or quarters, counted as month indexes (year * 12 + month - 1).
    const step = frequency === 'quarterly' ? 3 : 1;
    const first = yearMonthOf(period.periodStart);
    const last = yearMonthOf(period.periodEnd);
    const at = (index: number) => ({ year: Math.floor(index / 12), month: (index % 12) + 1 });
    for (let i = first.year * 12 + first.month - 1 - ((first.month - 1) % step); i <= last.year * 12 + last.month - 1; i += step) {
      const from = at(i);
      const to = at(i + step - 1);
      spans.push({ start: firstOfMonth(from.year, from.month), end: lastOfMonth(to.year, to.month) });
    }
  }
  return spans.filter((s) => overlaps(s, period)).map((s) => clip(s, period));
}

/** Month/year expressions: «Ноябрь-декабрь 2020», «Сентябрь 2021, 2022, 2023», bare «сентябрь». */
function parseMonths(text: string, period: DeadlineContext | null, forceRecurring = false): Body | null {
  const expression = readExpression(text);
  if (!expression) return null;
  if (expression.kind === 'years') {
    const spans = expression.years.map((y) => ({ start: firstOfMonth(y, 1), end: lastOfMonth(y, 12) }));
    return spans.length > 1 || forceRecurring ? scheduled('recurring', spans) : scheduled('months', spans);
  }
  const { specs } = expression;
  if (specs.every((s) => !hasYears(s))) {
    // A bare month: its year comes from the period, once per academic year of it.
    if (!period) return unrecognized(DEADLINE_REASONS_RU.noPeriod);
    const byYear = academicYears(period).map((y) => specs.map((spec) => inAcademicYear(spec, y)).filter((s) => overlaps(s, period)));
    const used = byYear.filter((spans) => spans.length > 0);
    const spans = used.flat();
    return used.length > 1 || forceRecurring ? scheduled('recurring', spans) : scheduled('months', spans);
  }
  // «ноябрь, декабрь 2020»: a month without a year takes it from its dated neighbour (next first).
  const spans: DateSpan[] = [];
  let recurring = false;
  for (const [i, spec] of specs.entries()) {
    if (hasYears(spec)) {
      const own = datedSpans(spec);
      recurring ||= own.length > 1;
      spans.push(...own);
      continue;
    }
    const next = specs.slice(i + 1).find(hasYears);
    const previous = specs.slice(0, i).reverse().find(hasYears);
    const neighbour = next ?? previous;
    const neighbourSpans = neighbour ? datedSpans(neighbour) : [];
    const only = neighbourSpans.length === 1 ? neighbourSpans[0] : undefined;
    if (!only) return null;
    if (next) {
      const { year, month } = yearMonthOf(only.start);
      spans.push(spanOf(spec, { toYear: spec.to <= month ? year : year - 1 }));
    } else {
      const { year, month } = yearMonthOf(only.end);
      spans.push(spanOf(spec, { fromYear: spec.from >= month ? year : year + 1 }));
    }
  }
  return scheduled(recurring || forceRecurring ? 'recurring' : 'months', spans);
}

function parseNormalized(s: string, period: DeadlineContext | null): Body {
  if (s === '') return unrecognized(DEADLINE_REASONS_RU.empty);

  const extracted = extractDates(s);
  if (!extracted) return unrecognized(DEADLINE_REASONS_RU.invalidDate);
  const { rest, dates } = extracted;
  if (dates.length > 0) {
    const single = /^(?:(до|не позднее|в срок до|к|по)\s*)?§0$/.exec(rest);
    if (single && dates.length === 1) return { kind: 'date', due: dates[0] as IsoDate, before: single[1] !== undefined };
    if (dates.length === 2 && /^(?:с\s*)?§0\s*(?:-|по|до)\s*§1$/.test(rest)) {
      const [start, end] = dates as [IsoDate, IsoDate];
      return start <= end ? { kind: 'range', start, end, due: end } : unrecognized(DEADLINE_REASONS_RU.invalidDate);
    }
    return unrecognized();
  }

  if (BY_SCHEDULE.test(s)) return { kind: 'bySchedule', due: null };

  if (END_OF_YEAR.test(s)) {
    if (!period) return unrecognized(DEADLINE_REASONS_RU.noPeriod);
    const endWindow = { from: END_OF_ACADEMIC_YEAR.fromMonth, to: END_OF_ACADEMIC_YEAR.toMonth, extraYears: [] };
    const spans = academicYears(period).map((y) => inAcademicYear(endWindow, y));
    return scheduled(
      'endOfAcademicYear',
      spans.filter((span) => overlaps(span, period)),
    );
  }

  // «Май 2021 г., далее - регулярное наполнение и обновление»: the months, then an open tail.
  const then = /^(.+?)[\s,;-]*(?:и\s+)?далее(?![а-я])/.exec(s);
  if (then) {
    const head = parseMonths(then[1] as string, period);
    if (!head || head.kind !== 'months') return head ?? unrecognized();
    if (!period) return unrecognized(DEADLINE_REASONS_RU.noPeriod);
    // The tail starts after the months, but not before the period does.
    const start = maxDate(nextDay(head.end), period.periodStart);
    return start <= period.periodEnd ? { ...head, then: { kind: 'continuous', start, end: period.periodEnd } } : head;
  }

  if (CONTINUOUS.some((re) => re.test(s))) {
    if (!period) return unrecognized(DEADLINE_REASONS_RU.noPeriod);
    return { kind: 'continuous', start: period.periodStart, end: period.periodEnd, due: period.periodEnd };
  }

  // «Ежегодно», «ежегодно в сентябре», «в сентябре ежегодно».
  const yearly = /(?:^|[\s,(])ежегодно(?![а-я])/;
  if (yearly.test(s)) {
    if (!period) return unrecognized(DEADLINE_REASONS_RU.noPeriod);
    const remainder = s.replace(yearly, ' ').replace(/^[\s,.:;()-]+|[\s,.:;()-]+$/g, '');
    if (remainder === '') return scheduled('recurring', frequencySpans('yearly', period));
    return parseMonths(remainder, period, true) ?? unrecognized();
  }
  for (const [re, frequency] of FREQUENCIES) {
    if (!re.test(s)) continue;
    if (!period) return unrecognized(DEADLINE_REASONS_RU.noPeriod);
    return scheduled('recurring', frequencySpans(frequency, period), frequency);
  }

  return parseMonths(s, period) ?? unrecognized();
}

/** Reads a deadline text; never throws, always keeps `original` as given. */
export function parseDeadline(text: string, context: DeadlineContext): Deadline {
  const original = typeof text === 'string' ? text : '';
  try {
    return { original, ...parseNormalized(normalizeDeadlineText(original), validPeriod(context)) } as Deadline;
  } catch {
    // Defensive: a parser bug must not break an import; the text is kept as is.
    return { original, ...unrecognized() };
  }
}

// ————— schedule checks —————

/**
 * The date an item is due by as of `today`: for repeating and multi-month deadlines the end of the
 * latest occurrence that has started (or the first one, if none has), for the others `due`.
 */
export function nextDueDate(deadline: Deadline, today: IsoDate): IsoDate | null {
  if (deadline.kind === 'months' || deadline.kind === 'recurring' || deadline.kind === 'endOfAcademicYear') {
    let current = deadline.occurrences[0];
    for (const occurrence of deadline.occurrences) if (occurrence.start <= today) current = occurrence;
    return current?.end ?? deadline.due;
  }
  return deadline.due;
}

/** Overdue: not done and `today` is past the due date in force (a «continuous» item only after the period). */
export function isOverdue(deadline: Deadline, today: IsoDate, done: boolean): boolean {
  if (done) return false;
  const due = nextDueDate(deadline, today);
  return due !== null && today > due;
}

// ————— display —————

const FREQUENCY_LABELS_RU: Readonly<Record<RecurrenceFrequency, string>> = {
  yearly: 'ежегодно',
  quarterly: 'ежеквартально',
  termly: 'каждую четверть',
  monthly: 'ежемесячно',
};

const ru = (date: IsoDate) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** A span as people write it: «сентябрь 2021», «февраль – май 2022», else «01.09.2021 – 30.09.2021». */
export function formatSpanRu(span: DateSpan): string {
  const s = yearMonthOf(span.start);
  const e = yearMonthOf(span.end);
  const wholeMonths = span.start === firstOfMonth(s.year, s.month) && span.end === lastOfMonth(e.year, e.month);
  if (!wholeMonths) return span.start === span.end ? ru(span.start) : `${ru(span.start)} – ${ru(span.end)}`;
  const from = NOMINATIVE[s.month - 1] as string;
  const to = NOMINATIVE[e.month - 1] as string;
  if (s.year === e.year && s.month === e.month) return `${from} ${s.year}`;
  if (s.year === e.year) return `${from} – ${to} ${s.year}`;
  return `${from} ${s.year} – ${to} ${e.year}`;
}

/** The dated spans of a deadline (a date is a one-day span); none for «по графику» or an unread text. */
function deadlineSpans(deadline: Deadline): DateSpan[] {
  switch (deadline.kind) {
    case 'date':
      return [{ start: deadline.due, end: deadline.due }];
    case 'range':
    case 'continuous':
      return [{ start: deadline.start, end: deadline.end }];
    case 'months':
    case 'recurring':
    case 'endOfAcademicYear':
      return deadline.occurrences;
    case 'bySchedule':
    case 'unrecognized':
      return [];
  }
}

/**
 * Where a deadline's dates lie against the roadmap's period: `outside` when none of them falls in
 * it (the item then counts in no year's monitoring of this roadmap), `partly` when some do, null
 * when the deadline has no dates of its own.
 */
export function deadlinePlacement(deadline: Deadline, period: DeadlineContext): 'inside' | 'partly' | 'outside' | null {
  const spans = deadlineSpans(deadline);
  if (spans.length === 0) return null;
  const within = (span: DateSpan) => span.start >= period.periodStart && span.end <= period.periodEnd;
  const apart = (span: DateSpan) => span.end < period.periodStart || span.start > period.periodEnd;
  if (spans.every(within)) return 'inside';
  return spans.every(apart) ? 'outside' : 'partly';
}

/** «01.09.2025–31.08.2026» */
export const formatPeriodRu = (period: DeadlineContext): string => `${ru(period.periodStart)}–${ru(period.periodEnd)}`;

/** How the platform understood a deadline, in Russian, shown next to the original text. */
export function describeDeadlineRu(deadline: Deadline): string {
  switch (deadline.kind) {
    case 'date':
      return deadline.before ? `до ${ru(deadline.due)}` : ru(deadline.due);
    case 'range':
      return `${ru(deadline.start)} – ${ru(deadline.end)}`;
    case 'months': {
      const spans = deadline.occurrences.map(formatSpanRu).join('; ');
      return deadline.then ? `${spans}, далее постоянно до ${ru(deadline.then.end)}` : spans;
    }
    case 'recurring': {
      const label = FREQUENCY_LABELS_RU[deadline.frequency];
      return `${label}: ${deadline.occurrences.map(formatSpanRu).join('; ')}`;
    }
    case 'continuous':
      return `постоянно, ${ru(deadline.start)} – ${ru(deadline.end)}`;
    case 'endOfAcademicYear':
      return `конец учебного года: ${deadline.occurrences.map(formatSpanRu).join('; ')}`;
    case 'bySchedule':
      return 'по отдельному графику';
    case 'unrecognized':
      return deadline.reason;
  }
}
