import { useQuery } from '@apollo/client/react';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { ru } from '../../i18n/ru';
import { AgreementsTable } from './AgreementsTable';
import { PartnersGuard } from './PartnersGuard';
import { PartnerAgreementsQuery } from './documents';

/** Agreements partners proposed to the director's school or the officer's district: accept, decline with a reason, terminate. */
export function AgreementsPage() {
  return (
    <PartnersGuard need="decide">
      <Agreements />
    </PartnersGuard>
  );
}

function Agreements() {
  const { data, error, refetch } = useQuery(PartnerAgreementsQuery, { fetchPolicy: 'cache-and-network' });
  return (
    <>
      <PageTitle>{ru.partnerPortal.agreements.title}</PageTitle>
      <QueryState data={data?.partnerAgreements} error={error} onRetry={() => void refetch()}>
        {(agreements) => <AgreementsTable agreements={agreements} side="party" />}
      </QueryState>
    </>
  );
}
