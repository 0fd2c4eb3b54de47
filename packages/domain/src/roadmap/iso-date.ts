/**
 * Calendar dates as ISO `YYYY-MM-DD` strings. The roadmap model never uses Date objects: a
 * deadline is a calendar day, not an instant, so time zones must not be able to shift it.
 * ISO strings of the same length compare correctly with `<` and `>`.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** month is 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Builds an ISO date, or null when the day does not exist (31.02, month 13…). */
export function isoDate(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

/** Year and month of a valid ISO date. */
export function yearMonthOf(date: IsoDate): { year: number; month: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

export function firstOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month, 1) as IsoDate;
}

export function lastOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month, daysInMonth(year, month)) as IsoDate;
}

/** The day after a valid ISO date. */
export function nextDay(date: IsoDate): IsoDate {
  const { year, month } = yearMonthOf(date);
  const day = Number(date.slice(8, 10));
  if (day < daysInMonth(year, month)) return isoDate(year, month, day + 1) as IsoDate;
  return month === 12 ? firstOfMonth(year + 1, 1) : firstOfMonth(year, month + 1);
}

/** The academic year (September–August) a date falls in, by its starting calendar year. */
export function academicStartYear(date: IsoDate): number {
  const { year, month } = yearMonthOf(date);
  return month >= 9 ? year : year - 1;
}

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
