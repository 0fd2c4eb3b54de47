import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { ru } from '../../i18n/ru';
import { percentOfShare } from '../../lib/monitoring';

const PartnerOrganizationShareQuery = graphql(`
  query PartnerOrganizationShare {
    partnerOrganizationShare {
      districtId
      partnersApproved
      partnersInForce
      schools
      schoolsWithPartner
      schoolShare
    }
  }
`);

/**
 * Partner organisations of the district (the domain's «at least 2 % of organisations provide
 * mentors»): partners with an agreement in force, and the schools they reach. Today's state, not
 * the chosen year's: agreements are in force or not now.
 */
export function PartnerShare({ context }: { context: Record<string, unknown> }) {
  const { data } = useQuery(PartnerOrganizationShareQuery, { context, fetchPolicy: 'cache-and-network' });
  const share = data?.partnerOrganizationShare;
  if (!share) return null;
  const t = ru.monitoring.partnerShare;
  return (
    <section aria-labelledby="partner-share-heading" className="panel" data-testid="partner-share">
      <h3 id="partner-share-heading">{t.title}</h3>
      <p>{t.partners(share.partnersInForce, share.partnersApproved)}</p>
      <p>{t.schools(share.schoolsWithPartner, share.schools, percentOfShare(share.schoolShare))}</p>
    </section>
  );
}
