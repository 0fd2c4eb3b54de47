import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ru } from '../i18n/ru';

/**
 * Row selection for bulk actions on a list: the selected ids (kept across pages until cleared),
 * «Выбрать все» for the rows on screen, and the refusals of the last bulk action by row.
 */
export function useRowSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((id: string, on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const setAll = useCallback((ids: readonly string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Set()), []);
  return { selected, toggle, setAll, clear, count: selected.size, ids: [...selected] };
}

export type RowSelection = ReturnType<typeof useRowSelection>;

/** The header cell's «Выбрать все» (of the selectable rows on screen); mixed when some are chosen. */
export function SelectAllCheckbox({ selection, ids }: { selection: RowSelection; ids: readonly string[] }) {
  const ref = useRef<HTMLInputElement>(null);
  const chosen = ids.filter((id) => selection.selected.has(id)).length;
  const all = ids.length > 0 && chosen === ids.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = chosen > 0 && !all;
  }, [chosen, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="row-check"
      aria-label={ru.workMoves.selectAll}
      title={ru.workMoves.selectAll}
      disabled={ids.length === 0}
      checked={all}
      onChange={(event) => selection.setAll(ids, event.target.checked)}
    />
  );
}

/** One row's tick, named after the row for screen readers. */
export function RowCheckbox({ selection, id, name }: { selection: RowSelection; id: string; name: string }) {
  return (
    <input
      type="checkbox"
      className="row-check"
      aria-label={ru.workMoves.selectRow(name)}
      checked={selection.selected.has(id)}
      onChange={(event) => selection.toggle(id, event.target.checked)}
    />
  );
}

/** «Выбрано: 3» with the actions for the selected rows; nothing when none is selected. */
export function BulkActionBar({ selection, children }: { selection: RowSelection; children: ReactNode }) {
  if (selection.count === 0) return null;
  return (
    <div className="bulk-bar" role="region" aria-label={ru.workMoves.bulkBar} data-testid="bulk-bar">
      <span className="bulk-bar-count" aria-live="polite">
        {ru.workMoves.selected(selection.count)}
      </span>
      <div className="bulk-bar-actions">
        {children}
        <button type="button" className="button button-secondary button-small" onClick={selection.clear}>
          {ru.workMoves.clearSelection}
        </button>
      </div>
    </div>
  );
}

/** A refused bulk action's reasons by row id (the API's `extensions.rows`); empty for other errors. */
export function bulkRefusals(error: unknown): ReadonlyMap<string, string> {
  const result = new Map<string, string>();
  if (!CombinedGraphQLErrors.is(error)) return result;
  for (const entry of error.errors) {
    const rows = entry.extensions?.rows;
    if (!Array.isArray(rows)) continue;
    for (const row of rows as Array<{ id?: unknown; reason?: unknown }>) {
      if (typeof row?.id === 'string' && typeof row.reason === 'string') result.set(row.id, row.reason);
    }
  }
  return result;
}
