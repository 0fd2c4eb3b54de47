import { BULK_LIMIT, WORK_MOVES_MESSAGES_RU } from '@nastavnik/domain';
import { AppError, badUserInput } from './errors.js';

/** One row a bulk action refused, and why (Russian, for the row in the list). */
export interface RowRefusal {
  id: string;
  reason: string;
}

/** The ids of a bulk action: trimmed, deduplicated, at least one and at most BULK_LIMIT. */
export function bulkIds(ids: readonly string[] | null | undefined, field = 'ids'): string[] {
  const unique = [...new Set((ids ?? []).map((id) => id.trim().toLowerCase()).filter(Boolean))];
  if (unique.length === 0) throw badUserInput(field, WORK_MOVES_MESSAGES_RU.chooseRows);
  if (unique.length > BULK_LIMIT) throw badUserInput(field, WORK_MOVES_MESSAGES_RU.tooManyRows(BULK_LIMIT));
  return unique;
}

/**
 * Bulk actions are all or nothing: when any row is refused, nothing is done and the error names
 * each refused row with its reason (`extensions.rows`), so the list can mark them.
 */
export function bulkRefusal(field: string, refusals: readonly RowRefusal[], total: number): AppError {
  return new AppError('BAD_USER_INPUT', WORK_MOVES_MESSAGES_RU.bulkRefused(refusals.length, total), { field, rows: refusals });
}
