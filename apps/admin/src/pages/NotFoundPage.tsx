import { ErrorState } from '../components/ErrorState';
import { notFoundError } from '../lib/errors';

export function NotFoundPage() {
  return <ErrorState error={notFoundError()} />;
}
