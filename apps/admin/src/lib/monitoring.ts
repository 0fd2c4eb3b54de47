/**
 * Monitoring (issue 7) in the browser: pure helpers for the dashboards — traffic-light colours,
 * the «как посчитано» hint of a figure, sorting with «нет данных» last, the as-of line, paths.
 */
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
export function sortWithNoDataLast<T>(
  rows: readonly T[],
  valueOf: (row: T) => number | null | undefined,
  nameOf: (row: T) => string,
  descending = false,
): T[] {
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

/** ISO date-time → «ДД.ММ.ГГГГ ЧЧ:ММ» in the browser's time zone (or the one given). */
export function dateTimeRu(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  return `${parts.day}.${parts.month}.${parts.year} ${pad(Number(parts.hour))}:${parts.minute}`;
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
};

export const monitoringExports = {
  statForm: (academicYear: string) => `/exports/stat-form.xlsx?academicYear=${encodeURIComponent(academicYear)}`,
  districtNote: (academicYear: string) => `/exports/district-note.docx?academicYear=${encodeURIComponent(academicYear)}`,
};
