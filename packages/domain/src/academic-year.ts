/** Academic years run September to August and are written «2025/2026». */
const ACADEMIC_YEAR = /^(\d{4})\/(\d{4})$/;

export function isValidAcademicYear(value: string): boolean {
  const match = ACADEMIC_YEAR.exec(value);
  return match !== null && Number(match[2]) === Number(match[1]) + 1;
}

export function academicYearOf(date: Date): string {
  const year = date.getUTCFullYear();
  const start = date.getUTCMonth() >= 8 ? year : year - 1;
  return `${start}/${start + 1}`;
}

/** The academic year (September–August) an ISO date (ГГГГ-ММ-ДД) falls in, as a roadmap's period. */
export function academicYearPeriod(isoDate: string): { periodStart: string; periodEnd: string } {
  const year = Number(isoDate.slice(0, 4));
  const start = Number(isoDate.slice(5, 7)) >= 9 ? year : year - 1;
  return { periodStart: `${start}-09-01`, periodEnd: `${start + 1}-08-31` };
}

/**
 * A roadmap's period in words: «2025/2026 учебный год», «2021–2024 учебные годы», «2022–2025 гг.»,
 * «2025 год» (`dash` between years: a document's «2021-2024»). Several academic years say so: the import reads «гг.» and «годы» as calendar years, so a
 * document written with this label reads back to the same period.
 */
export function periodLabelRu(periodStart: string, periodEnd: string, dash = '–'): string {
  const from = Number(periodStart.slice(0, 4));
  const to = Number(periodEnd.slice(0, 4));
  const academic = periodStart.slice(5) === '09-01' && periodEnd.slice(5) === '08-31';
  if (academic && to === from + 1) return `${from}/${to} учебный год`;
  if (academic && to > from + 1) return `${from}${dash}${to} учебные годы`;
  return from === to ? `${from} год` : `${from}${dash}${to} гг.`;
}
