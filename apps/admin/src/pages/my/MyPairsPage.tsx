import { useQuery } from '@apollo/client/react';
import { ErrorState } from '../../components/ErrorState';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import type { MyPairsQuery as MyPairsData } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { hasRole } from '../../lib/access';
import { forbiddenError } from '../../lib/errors';
import { contactState, contactsToShow, isProgrammeParticipant, telHref, whatIsNext } from '../../lib/my';
import { meetingTypeLabel } from '../../lib/pairs';
import { plannedMeetingLine } from '../../lib/plannedMeeting';
import { isoToRu, todayIso } from '../../lib/roadmap/dates';
import { useMe } from '../../me';
import { PairCard } from '../programmes/PairCard';
import { MyQuestionnaires } from '../questionnaires/MyQuestionnaires';
import { MyPairsQuery } from './documents';

type MyPair = MyPairsData['myPairs'][number];

/**
 * «Моя пара/группа»: a mentor or mentee sees their own pairs and groups — how to reach the other
 * member (as the personal-data table allows), what is next, the plan (they mark tasks done with a
 * note) and the meetings — and their questionnaires to fill in, nothing else of the school. The
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
                <article key={pair.id} className="panel my-pair" data-testid="my-pair" aria-labelledby={`my-pair-${pair.id}`}>
                  <h2 id={`my-pair-${pair.id}`}>{`${t.programme} «${pair.programme.name}»`}</h2>
                  <Contacts pair={pair} asMentor={mentor} />
                  <WhatIsNext pair={pair} />
                  <PairCard pair={pair} manage={false} canRecordMeeting={mentor} canMarkTasks staffView={false} onChanged={() => refetch()} />
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

/** How to reach the other member(s): their contacts, or why they are not shown and whom to ask. */
function Contacts({ pair, asMentor }: { pair: MyPair; asMentor: boolean }) {
  const t = ru.my;
  const curator = pair.programme.curatorName ?? null;
  const people = contactsToShow(pair, asMentor);
  return (
    <section aria-labelledby={`my-contacts-${pair.id}`} data-testid="my-contacts">
      <h3 id={`my-contacts-${pair.id}`}>{t.contactsTitle}</h3>
      <ul className="my-contacts">
        {people.map((person) => {
          const state = contactState(person);
          return (
            <li key={person.id} data-testid="my-contact">
              <strong>{person.displayName}</strong> <span className="muted">— {asMentor ? t.yourMentee : t.yourMentor}</span>
              {state.kind === 'contacts' && (
                <dl className="facts">
                  {state.phone && (
                    <div>
                      <dt>{t.phone}</dt>
                      <dd>
                        <a href={telHref(state.phone)}>{state.phone}</a>
                      </dd>
                    </div>
                  )}
                  {state.email && (
                    <div>
                      <dt>{t.email}</dt>
                      <dd>
                        <a href={`mailto:${state.email}`}>{state.email}</a>
                      </dd>
                    </div>
                  )}
                </dl>
              )}
              {state.kind === 'hidden' && <p className="muted">{t.contactsHidden(curator)}</p>}
              {state.kind === 'none' && <p className="muted">{t.contactsNone(curator)}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * «Следующая встреча»: the meeting the mentor or the curator planned (when, which, where), else the
 * kind the methodology expects next; the last meeting held and the plan's nearest open task.
 */
function WhatIsNext({ pair }: { pair: MyPair }) {
  const t = ru.my;
  const { me } = useMe();
  if (pair.status !== 'active') return null;
  const next = whatIsNext(pair, todayIso());
  return (
    <section aria-labelledby={`my-next-${pair.id}`} data-testid="my-next">
      <h3 id={`my-next-${pair.id}`}>{t.nextTitle}</h3>
      {pair.plannedMeeting && (
        <p data-testid="my-next-meeting">
          <strong>{ru.plannedMeeting.line(plannedMeetingLine(pair.plannedMeeting, me.timeZone))}</strong>
        </p>
      )}
      <p>
        {next.lastMeeting ? t.lastMeeting(meetingTypeLabel(next.lastMeeting.type), isoToRu(next.lastMeeting.date)) : t.noMeetingsYet}{' '}
        {next.nextMeetingTypes.length > 0 && t.nextMeeting(next.nextMeetingTypes.map((code) => `«${meetingTypeLabel(code)}»`).join(' или '))}
      </p>
      <p className="muted">{t.nextHowItWorks}</p>
      <p data-testid="my-next-task">
        {next.nextTask ? (
          <>
            {`${t.nextTask}: «${next.nextTask.title}»`}
            {next.nextTask.deadline && `, ${t.nextTaskDeadline(isoToRu(next.nextTask.deadline))}`}
            {next.nextTask.overdue && (
              <>
                {' '}
                <StatusBadge label={t.nextTaskOverdue} tone="returned" />
              </>
            )}
          </>
        ) : (
          t.noOpenTasks
        )}
      </p>
    </section>
  );
}
