import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { ru } from '../../i18n/ru';
import { forbiddenError } from '../../lib/errors';
import { isParticipantOnly, participantMayOpen } from '../../lib/my';
import { useMe } from '../../me';

/**
 * A mentor or mentee who is nothing else opens only their home page, their pair and a questionnaire
 * sent to them; any other page of the admin (typed in, bookmarked) answers with the same «Нет доступа»
 * page rather than its own empty list, error or redirect.
 */
export function ParticipantGate({ children }: { children: ReactNode }) {
  const { grants } = useMe();
  const { pathname } = useLocation();
  if (isParticipantOnly(grants) && !participantMayOpen(pathname)) {
    return (
      <div data-testid="participant-no-access">
        <ErrorState error={forbiddenError(ru.my.notForParticipants)} />
      </div>
    );
  }
  return <>{children}</>;
}
