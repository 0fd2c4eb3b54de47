import { useQuery } from '@apollo/client/react';
import { ErrorState } from '../../components/ErrorState';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { ru } from '../../i18n/ru';
import { hasRole } from '../../lib/access';
import { forbiddenError } from '../../lib/errors';
import { isProgrammeParticipant } from '../../lib/my';
import { useMe } from '../../me';
import { PairCard } from '../programmes/PairCard';
import { MyQuestionnaires } from '../questionnaires/MyQuestionnaires';
import { MyPairsQuery } from './documents';

/**
 * «Моя пара/группа»: a mentor or mentee sees their own pairs and groups — the other members, the
 * plan and the meetings — and their questionnaires to fill in, nothing else of the school. The
 * pair's mentor records meetings.
 */
export function MyPairsPage() {
  const { grants } = useMe();
  if (!isProgrammeParticipant(grants)) return <ErrorState error={forbiddenError()} asPage />;
  return <MyPairs mentor={hasRole(grants, 'mentor')} />;
}

function MyPairs({ mentor }: { mentor: boolean }) {
  const { data, error, refetch } = useQuery(MyPairsQuery, { fetchPolicy: 'cache-and-network' });
  const t = ru.my;
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <p className="muted measure">{t.intro}</p>
      <QueryState data={data?.myPairs} error={error} onRetry={() => void refetch()}>
        {(pairs) =>
          pairs.length === 0 ? (
            <p data-testid="my-empty">{t.empty}</p>
          ) : (
            <>
              {pairs.map((pair) => (
                <article key={pair.id} className="panel" data-testid="my-pair" aria-labelledby={`my-pair-${pair.id}`}>
                  <h2 id={`my-pair-${pair.id}`}>{`${t.programme} «${pair.programme.name}»`}</h2>
                  <PairCard pair={pair} manage={false} canRecordMeeting={mentor} staffView={false} onChanged={() => refetch()} />
                </article>
              ))}
            </>
          )
        }
      </QueryState>
      <MyQuestionnaires />
    </>
  );
}
