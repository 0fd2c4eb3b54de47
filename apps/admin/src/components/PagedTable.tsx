import { useRef, type ReactNode, type TableHTMLAttributes } from 'react';
import { Pagination } from './Pagination';
import { QueryState } from './QueryState';
import { PagedTableExport, type PageLoader } from './TableExport';
import { TableWrap } from './TableWrap';

/** One page of a list as the API returns it (`RegionPage`, `OrganizationPage`, …). */
export interface PageResult<T> {
  items: readonly T[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * A paginated table: the error or the spinner while loading, the rows, and «Показано 1–20 из N»
 * with Назад / Вперёд. The page number lives in the URL (`useListParams`). «Скачать XLSX» saves
 * the whole list when `exportPages` can load it (`usePageLoader`), otherwise the rows on screen.
 */
export function PagedTable<T>({
  list,
  error,
  onRetry,
  page,
  onPage,
  filtered = false,
  head,
  row,
  tableProps,
  exportPages,
  exportTitle,
}: {
  /** The page from the query's data (current or previous while the next one loads). */
  list: PageResult<T> | undefined;
  error: unknown;
  onRetry: () => void;
  page: number;
  onPage: (page: number) => void;
  /** A search or filter is applied: an empty page says «Ничего не найдено». */
  filtered?: boolean;
  /** The header cells. */
  head: ReactNode;
  row: (item: T) => ReactNode;
  tableProps?: TableHTMLAttributes<HTMLTableElement> & { 'data-testid'?: string };
  /** Loads any page of the same list, for «Скачать XLSX» of all of it. */
  exportPages?: PageLoader<T>;
  /** The file's title (default: the page's heading). */
  exportTitle?: string;
}) {
  const tableRef = useRef<HTMLTableElement>(null);
  return (
    <QueryState data={list} error={error} onRetry={onRetry}>
      {(current) => (
        <>
          {current.items.length > 0 && (
            <TableWrap>
              <table className="table" ref={tableRef} {...tableProps}>
                <thead>
                  <tr>{head}</tr>
                </thead>
                <tbody>{current.items.map(row)}</tbody>
              </table>
            </TableWrap>
          )}
          <Pagination
            page={page}
            onPage={onPage}
            filtered={filtered}
            state={{ offset: current.offset, limit: current.limit, count: current.items.length, total: current.total }}
          />
          {current.items.length > 0 && (
            <PagedTableExport
              visibleTable={tableRef}
              load={exportPages}
              head={head}
              row={row}
              total={current.total}
              shown={current.items.length}
              title={exportTitle}
            />
          )}
        </>
      )}
    </QueryState>
  );
}
