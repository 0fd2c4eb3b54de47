import type { ReactNode } from 'react';
import { ErrorState } from '../../components/ErrorState';
import { forbiddenError } from '../../lib/errors';
import { canDecideAgreements, canReviewApplications, isPartnerAdmin } from '../../lib/partners';
import { useMe } from '../../me';

/** The partners' screens by role (the API checks again): review, agreements to decide, the partner's own. */
export function PartnersGuard({ need, children }: { need: 'review' | 'decide' | 'partner'; children: ReactNode }) {
  const { me } = useMe();
  const allowed = need === 'review' ? canReviewApplications(me.grants) : need === 'decide' ? canDecideAgreements(me.grants) : isPartnerAdmin(me.grants);
  if (!allowed) return <ErrorState error={forbiddenError()} />;
  return <>{children}</>;
}
