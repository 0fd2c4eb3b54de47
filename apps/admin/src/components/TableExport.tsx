import type { TypedDocumentNode } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { ru } from '../i18n/ru';
import { EXPORT_ROW_LIMIT, pageTitle, readTable, saveTableAsXlsx } from '../lib/table-export';
import type { PageResult } from './PagedTable';

/** Loads one page of a list for the export (the same query the table shows, other offsets). */
export type PageLoader<T> = (page: { limit: number; offset: number }) => Promise<PageResult<T> | undefined>;

/**
 * A page loader over the table's own query: `variables(page)` builds the variables for one page,
 * `select` picks the list out of the data. Network-only, so the export sees current data.
 */
export function usePageLoader<TData, TVariables extends Record<string, unknown>, T>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: (page: { limit: number; offset: number }) => TVariables,
  select: (data: TData) => PageResult<T> | undefined,
  context?: Record<string, unknown>,
): PageLoader<T> {
  const client = useApolloClient();
  const latest = useRef({ variables, select, context });
  latest.current = { variables, select, context };
  return useCallback(
    async (page) => {
      const { variables: build, select: pick, context: ctx } = latest.current;
      const result = await client.query({ query, variables: build(page), context: ctx, fetchPolicy: 'network-only' } as never);
      const data = (result as { data?: TData }).data;
      return data ? pick(data) : undefined;
    },
    [client, query],
  );
}

/** Walks the pages of a list, 100 rows a request, up to EXPORT_ROW_LIMIT rows. */
export async function loadAllRows<T>(load: PageLoader<T>): Promise<{ items: T[]; total: number }> {
  const items: T[] = [];
  let total = 0;
  for (let offset = 0; offset < EXPORT_ROW_LIMIT; offset += 100) {
    const page = await load({ limit: 100, offset });
    if (!page) break;
    total = page.total;
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) break;
  }
  return { items: items.slice(0, EXPORT_ROW_LIMIT), total };
}

/** The button and its messages; `onExport` does the work and may throw. */
function ExportControl({ onExport, note }: { onExport: () => Promise<void> | void; note?: string | null }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setBusy(true);
    setError(null);
    try {
      await onExport();
    } catch (failure) {
      console.error(failure);
      setError(ru.table.exportFailed);
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="table-export">
      <button type="button" className="button button-secondary button-small" disabled={busy} aria-busy={busy} onClick={() => void run()}>
        {busy ? ru.table.exportingXlsx : ru.table.exportXlsx}
      </button>
      {note && <span className="hint">{note}</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/** «Скачать XLSX» for a table that is all on screen (dashboards, summaries). */
export function TableExportButton({ tableRef, title, heading }: { tableRef: RefObject<HTMLTableElement | null>; title?: string; heading?: string[] }) {
  return (
    <ExportControl
      onExport={() => {
        if (!tableRef.current) throw new Error('no table to export');
        saveTableAsXlsx(readTable(tableRef.current), title ?? pageTitle(ru.table.exportFallbackTitle), heading);
      }}
    />
  );
}

/**
 * The export of a paginated list: every page is loaded and rendered once more, hidden, with the
 * table's own `row`, so the file holds exactly what the pages show.
 */
export function PagedTableExport<T>({
  visibleTable,
  load,
  head,
  row,
  foot,
  total,
  shown,
  title,
}: {
  visibleTable: RefObject<HTMLTableElement | null>;
  load?: PageLoader<T>;
  head: ReactNode;
  row: (item: T) => ReactNode;
  /** Totals under the rows (kept in the file). */
  foot?: ReactNode;
  total: number;
  shown: number;
  title?: string;
}) {
  const hiddenTable = useRef<HTMLTableElement>(null);
  const [pending, setPending] = useState<{ items: T[]; resolve: () => void; reject: (error: unknown) => void } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const fileTitle = () => title ?? pageTitle(ru.table.exportFallbackTitle);

  useEffect(() => {
    if (!pending) return;
    try {
      if (!hiddenTable.current) throw new Error('hidden table not rendered');
      saveTableAsXlsx(readTable(hiddenTable.current), fileTitle());
      pending.resolve();
    } catch (error) {
      pending.reject(error);
    } finally {
      setPending(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending]);

  async function run() {
    setNote(null);
    if (!load || total <= shown) {
      if (!visibleTable.current) throw new Error('no table to export');
      saveTableAsXlsx(readTable(visibleTable.current), fileTitle());
      return;
    }
    const { items, total: all } = await loadAllRows(load);
    if (all > items.length) setNote(ru.table.exportTooLarge(EXPORT_ROW_LIMIT));
    await new Promise<void>((resolve, reject) => setPending({ items, resolve, reject }));
  }

  return (
    <>
      <ExportControl onExport={run} note={note} />
      {pending && (
        <table hidden ref={hiddenTable} aria-hidden="true">
          <thead>
            <tr>{head}</tr>
          </thead>
          <tbody>{pending.items.map(row)}</tbody>
          {foot && <tfoot>{foot}</tfoot>}
        </table>
      )}
    </>
  );
}
