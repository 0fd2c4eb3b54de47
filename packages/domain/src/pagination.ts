export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Clamps a requested page to the allowed window; never trusts the client's size. */
export function normalizePage(input?: { limit?: number | null; offset?: number | null }): {
  limit: number;
  offset: number;
} {
  const limit = Math.min(Math.max(Math.trunc(input?.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const offset = Math.max(Math.trunc(input?.offset ?? 0), 0);
  return { limit, offset };
}
