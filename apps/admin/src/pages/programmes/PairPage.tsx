import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { ru } from '../../i18n/ru';
import { notFoundError } from '../../lib/errors';
import { programmePaths } from '../../lib/programmes';
import { PairQuery } from './documents';
import { PairCard } from './PairCard';
import { ProgrammesGuard } from './shared';

export function PairPage() {
  return (
    <ProgrammesGuard>
      <PairView />
    </ProgrammesGuard>
  );
}

/** The curator's card of one pair or group of the programme. */
function PairView() {
  const { programmeId = '', pairId = '' } = useParams();
  const { data, error, refetch } = useQuery(PairQuery, { variables: { id: pairId }, fetchPolicy: 'cache-and-network' });
  return (
    <QueryState
      data={data ? (data.pair ?? null) : undefined}
      error={error ?? (data && !data.pair ? notFoundError() : null)}
      onRetry={() => void refetch()}
      asPage
    >
      {(pair) => (
        <>
          <p>
            <Link to={programmePaths.programme(programmeId || pair.programmeId, 'pairs')}>{ru.pairCard.back}</Link>
          </p>
          <PageTitle title={ru.pairCard.title}>{`${pair.mentor.displayName} — ${pair.mentees.map((m) => m.displayName).join(', ')}`}</PageTitle>
          <p className="muted">{pair.programme.name}</p>
          <PairCard pair={pair} manage canRecordMeeting staffView onChanged={() => refetch()} />
        </>
      )}
    </QueryState>
  );
}
