import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { offsetOfPage, PAGE_SIZE, pageFromParam } from './pagination';

/**
 * A list's page and search text live in the URL (`?page=2&q=…`, or with a prefix when a page
 * holds several lists), so Back and shared links keep them.
 */
export function useListParams(prefix = '') {
  const [params, setParams] = useSearchParams();
  const pageKey = `${prefix}page`;
  const queryKey = `${prefix}q`;
  const page = pageFromParam(params.get(pageKey));
  const query = params.get(queryKey) ?? '';

  const setPage = useCallback(
    (next: number) =>
      setParams((current) => {
        const updated = new URLSearchParams(current);
        if (next <= 1) updated.delete(pageKey);
        else updated.set(pageKey, String(next));
        return updated;
      }),
    [setParams, pageKey],
  );

  const setQuery = useCallback(
    (next: string) =>
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next) updated.set(queryKey, next);
          else updated.delete(queryKey);
          updated.delete(pageKey);
          return updated;
        },
        { replace: true },
      ),
    [setParams, pageKey, queryKey],
  );

  return { page, query, setPage, setQuery, limit: PAGE_SIZE, offset: offsetOfPage(page) };
}
