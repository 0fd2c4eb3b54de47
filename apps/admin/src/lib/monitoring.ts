/**
 * Monitoring (issue 7) in the browser: pure helpers for the dashboards — traffic-light colours,
 * the «как посчитано» hint of a figure, sorting with «нет данных» last, the as-of line, paths.
 */
import {
  checkInput,
  formatDateTimeRu,
  issuesByField,
  newsInputSchema,
  SWOT_LIMITS,
  SWOT_LISTS,
  swotInputSchema,
  type NewsInputValues,
  type SwotInputValues,
  type SwotList,
} from '@nastavnik/domain';
import { ru } from '../i18n/ru';
import { formatNumber } from './format';

export type Light = 'green' | 'yellow' | 'red' | 'grey';

/** The API's `light` (green | yellow | red | grey | null) as a dot colour; no target or unknown → null. */
export function lightOf(light: string | null | undefined): Light | null {
  return light === 'green' || light === 'yellow' || light === 'red' || light === 'grey' ? light : null;
}

/** The dot's CSS colour (kept here so the chart and the dots agree, and tested). */
export const LIGHT_COLOURS: Readonly<Record<Light, string>> = {
  green: '#1e8a4c',
  yellow: '#d9a400',
  red: '#c8372d',
  grey: '#9aa3ad',
};

/** «зелёный», … ; the API's Russian word wins when it gives one. */
export function lightLabel(light: string | null | undefined, lightRu?: string | null): string | null {
  const known = lightOf(light);
  if (!known) return null;
  return lightRu?.trim() || ru.monitoring.lights[known];
}

/** What a figure carries for its hint (a subset of the API's `Kpi`). */
export interface KpiLike {
  labelRu: string;
  display: string;
  value?: number | null;
  formulaRu: string;
  inputs: ReadonlyArray<{ label: string; value?: number | null }>;
  target?: { textRu: string } | null;
  light?: string | null;
  lightRu?: string | null;
  warningRu?: string | null;
}

/** A share 0…1 as Russian percent with one decimal: 0.5 → «50,0 %». */
export function percentOfShare(share: number): string {
  return `${(Math.round(share * 1000) / 10).toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** 12.5 → «12,5»; null → «нет данных». */
export function formatInput(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return ru.monitoring.noData;
  return Number.isInteger(value) ? formatNumber(value) : new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 }).format(value);
}

/** The hover text of a figure: label and value, the formula, each input, the target, the light. */
export function kpiHint(kpi: KpiLike): string {
  const lines = [`${kpi.labelRu}: ${kpi.display}`, `${ru.monitoring.formula}: ${kpi.formulaRu}`];
  for (const input of kpi.inputs) lines.push(`• ${input.label}: ${formatInput(input.value)}`);
  if (kpi.target) lines.push(`${ru.monitoring.target}: ${kpi.target.textRu}`);
  const light = lightLabel(kpi.light, kpi.lightRu);
  if (light) lines.push(`${ru.monitoring.light}: ${light}`);
  if (kpi.warningRu) lines.push(kpi.warningRu);
  return lines.join('\n');
}

/**
 * Rows sorted by a number (a figure's value), ascending or descending; rows without a value
 * («нет данных») always last, ties by name. Does not change the input.
 */
export function sortWithNoDataLast<T>(rows: readonly T[], valueOf: (row: T) => number | null | undefined, nameOf: (row: T) => string, descending = false): T[] {
  return [...rows].sort((a, b) => {
    const x = valueOf(a);
    const y = valueOf(b);
    const xMissing = x === null || x === undefined || Number.isNaN(x);
    const yMissing = y === null || y === undefined || Number.isNaN(y);
    if (xMissing !== yMissing) return xMissing ? 1 : -1;
    if (!xMissing && !yMissing && x !== y) return descending ? y - x : x - y;
    return nameOf(a).localeCompare(nameOf(b), 'ru');
  });
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * ISO date-time → «ДД.ММ.ГГГГ ЧЧ:ММ (МСК)» in the product's time zone (`me.timeZone`), named: the
 * exported files (formatted by the API in the same zone) say the same.
 */
export function dateTimeRu(iso: string, timeZone: string): string {
  return formatDateTimeRu(iso, timeZone);
}

/** Bars of a chart: width as a share of the scale (0–100 %, at least the value itself), no data → null. */
export function barWidths(values: ReadonlyArray<number | null | undefined>): Array<number | null> {
  const max = Math.max(100, ...values.filter((v): v is number => typeof v === 'number' && !Number.isNaN(v)));
  return values.map((v) => (typeof v === 'number' && !Number.isNaN(v) ? Math.max(0, v) / max : null));
}

/** Academic years offered: the current one and the four before it. */
export function academicYearChoices(current: string): string[] {
  const start = Number(current.slice(0, 4));
  return Array.from({ length: 5 }, (_, i) => `${start - i}/${start - i + 1}`);
}

function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Monitoring addresses; `district` is carried for people who choose it (as the roadmap screens do). */
export const monitoringPaths = {
  home: (year?: string | null) => `/monitoring${query({ year })}`,
  region: (regionId?: string | null, year?: string | null) => `/monitoring/region${query({ region: regionId, year })}`,
  district: (districtId?: string | null, year?: string | null) => `/monitoring/district${query({ district: districtId, year })}`,
  school: (organizationId: string, districtId?: string | null, year?: string | null) =>
    `/monitoring/schools/${encodeURIComponent(organizationId)}${query({ district: districtId, year })}`,
  /** The school's dashboard with the list behind a number open (`?drill=KIND`). */
  drill: (organizationId: string, drill: DrillTarget, districtId?: string | null, year?: string | null) =>
    `/monitoring/schools/${encodeURIComponent(organizationId)}${query({ district: districtId, year, drill: drill.kind, category: drill.category })}#drill-down`,
  swot: (organizationId: string, districtId?: string | null, year?: string | null) =>
    `/monitoring/schools/${encodeURIComponent(organizationId)}/swot${query({ district: districtId, year })}`,
  news: (organizationId: string, districtId?: string | null) =>
    `/monitoring/schools/${encodeURIComponent(organizationId)}/news${query({ district: districtId })}`,
};

export const monitoringExports = {
  statForm: (academicYear: string) => `/exports/stat-form.xlsx?academicYear=${encodeURIComponent(academicYear)}`,
  districtNote: (academicYear: string) => `/exports/district-note.docx?academicYear=${encodeURIComponent(academicYear)}`,
  swot: (organizationId: string, academicYear: string, programmeId?: string | null) =>
    `/exports/swot.docx${query({ organizationId, academicYear, programmeId })}`,
};

// ——— Execution over time ———

export interface ExecutionMonthLike {
  month: string;
  monthRu: string;
  planned: number;
  doneOnTime: number;
  doneLate: number;
  overdue: number;
}

/** The four series of the execution chart, in the order drawn and listed. */
export const EXECUTION_SERIES = ['planned', 'doneOnTime', 'doneLate', 'overdue'] as const;
export type ExecutionSeriesKey = (typeof EXECUTION_SERIES)[number];

export const EXECUTION_COLOURS: Readonly<Record<ExecutionSeriesKey, string>> = {
  planned: '#8fb3d9',
  doneOnTime: LIGHT_COLOURS.green,
  doneLate: LIGHT_COLOURS.yellow,
  overdue: LIGHT_COLOURS.red,
};

/**
 * The top of the chart's scale: the largest count, rounded up to 1, 2 or 5 × 10ⁿ (at least 1),
 * with whole-number grid steps (every 1 up to 5, else a fifth of the top).
 */
export function executionScale(months: ReadonlyArray<ExecutionMonthLike>): { max: number; ticks: number[] } {
  const largest = Math.max(0, ...months.flatMap((m) => EXECUTION_SERIES.map((key) => m[key])));
  if (largest <= 0) return { max: 1, ticks: [0, 1] };
  const power = 10 ** Math.floor(Math.log10(largest));
  const max = [1, 2, 5, 10].map((f) => f * power).find((v) => v >= largest)!;
  const step = max <= 5 ? 1 : max / 5;
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  return { max, ticks };
}

/** True when no month has anything planned, done or overdue (the chart says «нет данных» instead). */
export function executionIsEmpty(months: ReadonlyArray<ExecutionMonthLike>): boolean {
  return months.every((m) => EXECUTION_SERIES.every((key) => m[key] === 0));
}

/** The month's label on the axis: «сентябрь 2025» → «сен»; the full name stays in the table. */
export function shortMonth(monthRu: string): string {
  const word = monthRu.trim().split(/\s+/)[0] ?? '';
  return word.slice(0, 3);
}

/** The per-month line read out by screen readers and shown on hover. */
export function executionMonthText(m: ExecutionMonthLike): string {
  const labels = ru.monitoring.execution.series;
  return `${m.monthRu}: ${EXECUTION_SERIES.map((key) => `${labels[key]} — ${m[key]}`).join(', ')}`;
}

// ——— Drill-down ———

/** What a figure's number is made of, as the API can list it: the kind and an optional category. */
export interface DrillTarget {
  kind: DrillKind;
  category?: string | null;
}

export type DrillKind =
  | 'FINAL_MEETING_MISSING'
  | 'ITEMS_ALL'
  | 'ITEMS_LATE'
  | 'ITEMS_NOT_YET_DUE'
  | 'ITEMS_ON_TIME'
  | 'ITEMS_OVERDUE'
  | 'PARTICIPANTS'
  | 'PARTICIPANTS_WITHOUT_CONSENT'
  | 'PARTICIPANTS_WITH_CONSENT'
  | 'PARTNER_MENTORS'
  | 'PLANS'
  | 'PLANS_BELOW_TARGET';

const DRILL_KINDS: readonly DrillKind[] = [
  'FINAL_MEETING_MISSING',
  'ITEMS_ALL',
  'ITEMS_LATE',
  'ITEMS_NOT_YET_DUE',
  'ITEMS_ON_TIME',
  'ITEMS_OVERDUE',
  'PARTICIPANTS',
  'PARTICIPANTS_WITHOUT_CONSENT',
  'PARTICIPANTS_WITH_CONSENT',
  'PARTNER_MENTORS',
  'PLANS',
  'PLANS_BELOW_TARGET',
];

/** The lists behind each figure of a school (the first is the cell's link); none for figures without one. */
export const DRILL_BY_FIGURE: Readonly<Record<string, readonly DrillTarget[]>> = {
  pupilCoverage: [{ kind: 'PARTICIPANTS', category: 'pupil' }],
  teacherCoverage: [{ kind: 'PARTICIPANTS', category: 'teacher' }],
  federalTarget70: [{ kind: 'PARTICIPANTS' }],
  consentsCollected: [{ kind: 'PARTICIPANTS_WITHOUT_CONSENT' }, { kind: 'PARTICIPANTS_WITH_CONSENT' }],
  plansDone: [{ kind: 'PLANS' }, { kind: 'PLANS_BELOW_TARGET' }],
  plansAtTarget: [{ kind: 'PLANS_BELOW_TARGET' }, { kind: 'PLANS' }],
  roadmapExecution: [{ kind: 'ITEMS_OVERDUE' }, { kind: 'ITEMS_ON_TIME' }, { kind: 'ITEMS_LATE' }, { kind: 'ITEMS_ALL' }],
  partnerMentorShare: [{ kind: 'PARTNER_MENTORS' }],
  finalEventAttendance: [{ kind: 'FINAL_MEETING_MISSING' }],
};

/** Persons are listed for these kinds (the region sees none; the district sees them anonymised). */
export function isPersonKind(kind: DrillKind): boolean {
  return !kind.startsWith('ITEMS_');
}

/** `?drill=…&category=…` back into a target; anything unknown → null. */
export function drillFromParams(kind: string | null, category: string | null): DrillTarget | null {
  if (!kind || !(DRILL_KINDS as readonly string[]).includes(kind)) return null;
  return { kind: kind as DrillKind, category: category && /^[a-z-]+$/.test(category) ? category : null };
}

/** The drill-down targets a viewer may open: the region (or anyone outside the district) only items. */
export function drillTargetsFor(figure: string, personsVisible: boolean): DrillTarget[] {
  return (DRILL_BY_FIGURE[figure] ?? []).filter((target) => personsVisible || !isPersonKind(target.kind));
}

// ——— KPI link of a roadmap item ———

export type KpiLinkStatus = 'met' | 'notMet' | 'noData';

export function kpiLinkStatusOf(status: string): KpiLinkStatus {
  return status === 'met' || status === 'notMet' ? status : 'noData';
}

/** met → green, not met → red, no data → grey (the dashboards' colours). */
export function kpiLinkLight(status: string): Light {
  const known = kpiLinkStatusOf(status);
  return known === 'met' ? 'green' : known === 'notMet' ? 'red' : 'grey';
}

export interface KpiLinkLike {
  describedRu: string;
  kpiLabelRu: string;
  currentDisplay: string;
  statusRu: string;
  academicYear: string;
  source: string;
  setByName?: string | null;
  figures: ReadonlyArray<KpiLike>;
}

/**
 * The value beside the status, «Не выполнено (7,5 %)»; none when it would only repeat the status
 * («Нет данных», not «Нет данных (нет данных)»).
 */
export function kpiLinkValue(link: Pick<KpiLinkLike, 'currentDisplay' | 'statusRu'> & { status?: string }): string | null {
  const value = link.currentDisplay.trim();
  if (!value || (link.status !== undefined && kpiLinkStatusOf(link.status) === 'noData')) return null;
  return value.toLocaleLowerCase('ru') === link.statusRu.trim().toLocaleLowerCase('ru') ? null : value;
}

/** The hover text of a linked indicator: the condition, the status and value, each figure's formula and inputs. */
export function kpiLinkHint(link: KpiLinkLike): string {
  const lines = [
    link.describedRu,
    `${ru.monitoring.link.status}: ${link.statusRu} (${[kpiLinkValue(link), link.academicYear].filter(Boolean).join(', ')})`,
    link.source === 'suggested' ? ru.monitoring.link.suggested : ru.monitoring.link.manual(link.setByName ?? null),
  ];
  for (const figure of link.figures) lines.push('', kpiHint(figure));
  return lines.join('\n');
}

// ——— SWOT ———

export { SWOT_LISTS, SWOT_LIMITS, type SwotList };
export type SwotDraft = Record<SwotList, string[]>;

/** Lines trimmed, empty ones dropped (the shared schema does the same; sending them clean keeps indexes right). */
export function cleanSwotLines(lines: readonly string[]): string[] {
  return lines.map((line) => line.trim()).filter((line) => line.length > 0);
}

/** Where the SWOT form shows its problems: beside a line, above a list, beside the date; anything else above the buttons. */
export interface SwotErrors {
  lines: Partial<Record<SwotList, Record<number, string>>>;
  lists: Partial<Record<SwotList, string>>;
  formDate?: string;
  /** A problem of no field of the form (the year is chosen above it). */
  other?: string;
}

/** The problems by the API's fields (`weaknesses[0]`, `threats`, `formDate`, …) → where the form shows them. */
export function swotErrorsOf(fields: Readonly<Record<string, string>>): SwotErrors {
  const errors: SwotErrors = { lines: {}, lists: {} };
  for (const [field, message] of Object.entries(fields)) {
    const target = swotErrorTarget(field);
    if ('list' in target) {
      if (target.index === null) errors.lists[target.list] ??= message;
      else (errors.lines[target.list] ??= {})[target.index] ??= message;
    } else if (field === 'formDate') errors.formDate ??= message;
    else errors.other ??= message;
  }
  return errors;
}

export const hasSwotErrors = (errors: SwotErrors) =>
  Object.keys(errors.lines).length > 0 || Object.keys(errors.lists).length > 0 || errors.formDate !== undefined || errors.other !== undefined;

/**
 * The SWOT form through the domain's shared schema (the API checks the same input with it): every
 * problem at once, in the API's words, a line named among the cleaned lines (`values`, what the form
 * shows after the check). Only a date typed in a wrong format is the form's own message.
 */
export function checkSwot(draft: SwotDraft, formDate = '', academicYear = ''): { values: SwotDraft; errors: SwotErrors; input: SwotInputValues | null } {
  const values = Object.fromEntries(SWOT_LISTS.map((list) => [list, cleanSwotLines(draft[list])])) as SwotDraft;
  const isoDate = formDate.trim() ? ruDateToIso(formDate) : null;
  const badDate = formDate.trim() !== '' && !isoDate;
  const result = checkInput(swotInputSchema, { academicYear, formDate: isoDate, ...values });
  const errors = swotErrorsOf(issuesByField(result.issues));
  if (badDate) errors.formDate = ru.swot.badDate;
  return { values, errors, input: badDate ? null : result.value };
}

/** An API field like `weaknesses[2]` → the list and the line; `academicYear` → the field itself. */
export function swotErrorTarget(field: string): { list: SwotList; index: number | null } | { field: string } {
  const match = /^(strengths|weaknesses|opportunities|threats)(?:\[(\d+)\])?$/.exec(field);
  if (!match) return { field };
  return { list: match[1] as SwotList, index: match[2] === undefined ? null : Number(match[2]) };
}

// ——— Public page and news ———

/** The school's public mentorship page (served without login). */
export function publicSchoolPath(districtCode: string, organizationCode: string): string {
  return `/public/schools/${encodeURIComponent(districtCode)}/${encodeURIComponent(organizationCode)}.html`;
}

/** The HTML a school pastes into its own site to show the mentorship page (the API allows framing). */
export function publicPageEmbedCode(origin: string, path: string, title: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${escape(origin + path)}" title="${escape(title)}" width="100%" height="900" style="border:0" loading="lazy"></iframe>`;
}

/** ГГГГ-ММ-ДД → ДД.ММ.ГГГГ (anything else as given). */
export function isoDateRu(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/** ДД.ММ.ГГГГ typed by a person → ГГГГ-ММ-ДД; a real calendar date only, else null. */
export function ruDateToIso(text: string): string | null {
  const match = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

export interface NewsDraft {
  title: string;
  body: string;
  /** ДД.ММ.ГГГГ as typed; empty → today (the API's default). */
  date: string;
  published: boolean;
}

/**
 * The news form through the domain's shared schema (the API checks the same input with it): every
 * problem at once, in the API's words. Only a date typed in a wrong format is the form's own message.
 */
export function checkNews(draft: NewsDraft): {
  errors: Partial<Record<'title' | 'body' | 'date', string>>;
  values: NewsInputValues | null;
} {
  const publishedOn = draft.date.trim() ? ruDateToIso(draft.date) : '';
  const result = checkInput(newsInputSchema, { title: draft.title, body: draft.body, publishedOn: publishedOn ?? '', published: draft.published });
  const errors: Partial<Record<'title' | 'body' | 'date', string>> = {};
  for (const issue of result.issues) errors[issue.field === 'publishedOn' ? 'date' : (issue.field as 'title' | 'body')] = issue.message;
  if (publishedOn === null) errors.date = ru.news.badDate;
  return { errors, values: publishedOn === null ? null : result.value };
}
