import { ERRORS_RU } from './messages.ru.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/**
 * The farthest offset a list accepts: no screen pages that deep (100 000 rows is a thousand pages),
 * and an offset near 2^31 only makes PostgreSQL scan and discard rows.
 */
export const MAX_PAGE_OFFSET = 100_000;

export type PageField = 'limit' | 'offset';

/**
 * What is wrong with a requested page, or null: `limit` 1..MAX_PAGE_SIZE, `offset`
 * 0..MAX_PAGE_OFFSET, both whole numbers. Refused rather than clamped: a client asking for -1 or
 * 2^31 has a bug or is probing, and a silent clamp hides both.
 */
export function pageProblem(input?: { limit?: number | null; offset?: number | null }, prefix = 'page'): { field: string; message: string } | null {
  const bounds: Record<PageField, [number, number]> = { limit: [1, MAX_PAGE_SIZE], offset: [0, MAX_PAGE_OFFSET] };
  for (const key of ['limit', 'offset'] as const) {
    const value = input?.[key];
    if (value === undefined || value === null) continue;
    const [min, max] = bounds[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      const field = `${prefix}.${key}`;
      return { field, message: ERRORS_RU.outOfRange(field, min, max) };
    }
  }
  return null;
}

/** The page window with defaults filled in; callers check `pageProblem` first (out-of-range values are clamped here). */
export function normalizePage(input?: { limit?: number | null; offset?: number | null }): {
  limit: number;
  offset: number;
} {
  const limit = Math.min(Math.max(Math.trunc(input?.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const offset = Math.min(Math.max(Math.trunc(input?.offset ?? 0), 0), MAX_PAGE_OFFSET);
  return { limit, offset };
}
