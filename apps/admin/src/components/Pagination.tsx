import { ru } from '../i18n/ru';
import { hasNextPage, hasPreviousPage, pageSummary, type PageState } from '../lib/pagination';

/** «Показано 1–20 из N» with Назад / Вперёд. */
export function Pagination({ state, filtered = false, onPage, page }: { state: PageState; filtered?: boolean; page: number; onPage: (page: number) => void }) {
  const showButtons = hasPreviousPage(state) || hasNextPage(state);
  return (
    <div className="pagination">
      <p className="pagination-summary" aria-live="polite">
        {pageSummary(state, filtered)}
      </p>
      {showButtons && (
        <nav aria-label={ru.table.pagination} className="pagination-buttons">
          <button type="button" className="button button-secondary" disabled={!hasPreviousPage(state)} onClick={() => onPage(page - 1)}>
            ← {ru.table.previous}
          </button>
          <button type="button" className="button button-secondary" disabled={!hasNextPage(state)} onClick={() => onPage(page + 1)}>
            {ru.table.next} →
          </button>
        </nav>
      )}
    </div>
  );
}
