/**
 * The bridge between the forms' date text (ДД.ММ.ГГГГ as people type it, or ISO ГГГГ-ММ-ДД from
 * the API) and the CalendarDate that React Aria's date picker works with.
 */
import { CalendarDate } from '@internationalized/date';
import { parseDateRu } from './roadmap/dates';

/** «05.12.2026», «5.12.2026» or «2026-12-05» → CalendarDate; null for empty or not a real date. */
export function textToCalendarDate(text: string | null | undefined): CalendarDate | null {
  const iso = text ? parseDateRu(text) : null;
  if (!iso) return null;
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new CalendarDate(year, month, day);
}

/** CalendarDate → «05.12.2026» (what the forms keep and validate); null → ''. */
export function calendarDateToText(date: { year: number; month: number; day: number } | null | undefined): string {
  if (!date) return '';
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.day)}.${pad(date.month)}.${pad(date.year, 4)}`;
}

/** CalendarDate → «2026-12-05» (what the API takes). */
export function calendarDateToIso(date: { year: number; month: number; day: number }): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/**
 * What a half-typed date shows, as the form's text: the segments' digits with the placeholders of
 * the empty ones («05.12.ГГГГ»), so the form's check says «укажите дату в формате ДД.ММ.ГГГГ»
 * instead of taking the field for empty. All segments empty → ''.
 */
export function partialDateText(segments: ReadonlyArray<{ text: string; isPlaceholder: boolean }>): string {
  if (segments.every((segment) => segment.isPlaceholder)) return '';
  return segments.map((segment) => segment.text).join('.');
}
