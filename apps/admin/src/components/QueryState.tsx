import type { ReactNode } from 'react';
import { ErrorState } from './ErrorState';
import { Loading } from './Loading';

/**
 * What a block of a page shows while its query is under way: the error (with «Повторить»), the
 * spinner until the first answer, then the content. `asPage` makes the error the page's heading.
 */
export function QueryState<T>({
  data,
  error,
  onRetry,
  asPage = false,
  children,
}: {
  data: T | null | undefined;
  error: unknown;
  onRetry?: () => void;
  asPage?: boolean;
  children: (data: T) => ReactNode;
}) {
  if (error) return <ErrorState error={error} onRetry={onRetry} asPage={asPage} />;
  if (data === undefined || data === null) return <Loading />;
  return <>{children(data)}</>;
}
