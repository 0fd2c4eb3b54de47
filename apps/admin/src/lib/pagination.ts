/** Limit/offset pages kept in the URL as `?page=N` (1-based), shown as «Показано 1–20 из N». */
import { DEFAULT_PAGE_SIZE } from '@nastavnik/domain';
import { ru } from '../i18n/ru';

export const PAGE_SIZE = DEFAULT_PAGE_SIZE;

export function pageFromParam(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

export function offsetOfPage(page: number, limit = PAGE_SIZE): number {
  return (Math.max(1, Math.trunc(page)) - 1) * limit;
}

export interface PageState {
  offset: number;
  limit: number;
  /** Items on this page. */
  count: number;
  total: number;
}

export function pageSummary({ offset, count, total }: PageState, filtered = false): string {
  if (total === 0 || count === 0) return filtered ? ru.table.nothingFound : ru.table.empty;
  return ru.table.shown(offset + 1, offset + count, total);
}

export function pageCount({ limit, total }: Pick<PageState, 'limit' | 'total'>): number {
  return Math.max(1, Math.ceil(total / Math.max(1, limit)));
}

export function hasPreviousPage({ offset }: Pick<PageState, 'offset'>): boolean {
  return offset > 0;
}

export function hasNextPage({ offset, count, total }: Pick<PageState, 'offset' | 'count' | 'total'>): boolean {
  return offset + count < total;
}
