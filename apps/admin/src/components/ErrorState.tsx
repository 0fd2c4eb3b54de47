import { Link } from 'react-router';
import { useAuth } from '../auth/context';
import { ru } from '../i18n/ru';
import { classifyError, type AppError } from '../lib/errors';
import { PageTitle } from './PageTitle';

/**
 * What a page shows when its data could not be loaded: «Нет доступа», «Не найдено», a session that
 * ended (the error link is already sending the user to log in), or the API's message.
 */
export function ErrorState({ error, onRetry, asPage = true }: { error: unknown; onRetry?: () => void; asPage?: boolean }) {
  const auth = useAuth();
  const appError: AppError = classifyError(error);
  const Heading = ({ text }: { text: string }) => (asPage ? <PageTitle>{text}</PageTitle> : <h2>{text}</h2>);

  switch (appError.kind) {
    case 'forbidden':
      return (
        <section className="error-state" aria-live="polite">
          <Heading text={ru.errors.forbiddenTitle} />
          <p>{appError.message}</p>
          <p>
            <Link to="/">{ru.errors.toHome}</Link>
          </p>
        </section>
      );
    case 'notFound':
      return (
        <section className="error-state" aria-live="polite">
          <Heading text={ru.errors.notFoundTitle} />
          <p>{appError.message}</p>
          <p>
            <Link to="/">{ru.errors.toHome}</Link>
          </p>
        </section>
      );
    case 'unauthenticated':
      return (
        <section className="error-state" role="status">
          <p>{auth.reloginBlocked ? ru.errors.reloginLoop : ru.errors.sessionExpired}</p>
          {auth.reloginBlocked && (
            <button type="button" className="button" onClick={() => void auth.logout()}>
              {ru.topBar.logout}
            </button>
          )}
        </section>
      );
    default:
      return (
        <section className="error-state" role="alert">
          <Heading text={ru.errors.genericTitle} />
          <p>{appError.message}</p>
          {onRetry && (
            <button type="button" className="button" onClick={onRetry}>
              {ru.errors.retry}
            </button>
          )}
        </section>
      );
  }
}
