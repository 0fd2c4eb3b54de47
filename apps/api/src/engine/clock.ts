import type { IsoDate } from '@nastavnik/domain';

/**
 * «Today» as a calendar date (deadlines are days, not instants) and «now». Services take it from
 * here, so tests can move time (overdue items, deadlines within 7 days) without touching the system clock.
 */
export interface Clock {
  today(): IsoDate;
  now(): Date;
}

// One formatter per time zone: constructing an Intl.DateTimeFormat costs far more than formatting
// with it, and `clock.today()` runs for every item of a roadmap page (a third of its CPU, issue 14).
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `instant` in `timeZone`, as YYYY-MM-DD. */
export function isoDateIn(instant: Date, timeZone: string): IsoDate {
  let format = DATE_FORMATS.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD; an unknown zone throws here, before it is kept.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DATE_FORMATS.set(timeZone, format);
  }
  return format.format(instant);
}

export function systemClock(timeZone: string): Clock {
  return {
    today: () => isoDateIn(new Date(), timeZone),
    now: () => new Date(),
  };
}

/** `date` plus `days` calendar days. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

declare module './graphql/context.js' {
  interface Services {
    /** «Today» for deadlines and overdue checks (tests move it). */
    clock: Clock;
  }
}
