import { AGE_BAND_LABELS_RU } from '@nastavnik/domain';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { classifyError, notFoundError } from '../../lib/errors';
import { programmePaths } from '../../lib/programmes';
import { isoToRu } from '../../lib/roadmap/dates';
import { ParticipantQuery, WithdrawConsentMutation } from './documents';
import { categoryLabel, ProgrammesGuard, relationLabel } from './shared';

export function ParticipantPage() {
  return (
    <ProgrammesGuard>
      <ParticipantCard />
    </ProgrammesGuard>
  );
}

function ParticipantCard() {
  const { programmeId = '', participantId = '' } = useParams();
  const { data, error, refetch } = useQuery(ParticipantQuery, { variables: { id: participantId } });
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [withdraw, { loading }] = useMutation(WithdrawConsentMutation, { refetchQueries: ['Participants'] });
  const p = ru.participant;

  async function run() {
    setFailure(null);
    try {
      await withdraw({ variables: { participantId } });
      setConfirming(false);
      setDone(true);
    } catch (caught) {
      setFailure(classifyError(caught).message);
    }
  }

  return (
    <QueryState data={data ? (data.participant ?? null) : undefined} error={error ?? (data && !data.participant ? notFoundError() : null)} onRetry={() => void refetch()} asPage>
      {(person) => (
        <>
          <p>
            <Link to={programmePaths.programme(programmeId, person.role === 'MENTOR' ? 'mentors' : 'mentees')}>{p.backToProgramme}</Link>
          </p>
          <PageTitle title={p.cardTitle}>{person.displayName}</PageTitle>
          {done && (
            <p className="notice notice-success" role="status">
              {p.withdrawn}
            </p>
          )}
          {person.anonymized && (
            <p data-testid="anonymized-note">
              <StatusBadge label={ru.programmes.anonymized} tone="muted" /> {p.anonymizedNote(isoToRu(person.anonymizedOn))}
            </p>
          )}
          <dl className="facts" data-testid="participant-card">
            <div>
              <dt>{p.role}</dt>
              <dd>{p.roles[person.role]}</dd>
            </div>
            <div>
              <dt>{p.category}</dt>
              <dd>{categoryLabel(person.category)}</dd>
            </div>
            {!person.anonymized && (
              <>
                <div>
                  <dt>{p.birthDate}</dt>
                  <dd>{person.birthDate ? isoToRu(person.birthDate) : '—'}</dd>
                </div>
                <div>
                  <dt>{p.classOrPosition}</dt>
                  <dd>{person.classOrPosition ?? '—'}</dd>
                </div>
                <div>
                  <dt>{p.tags}</dt>
                  <dd>{person.tags.join(', ') || '—'}</dd>
                </div>
                <div>
                  <dt>{p.text}</dt>
                  <dd>{person.freeText || '—'}</dd>
                </div>
              </>
            )}
            <div>
              <dt>{p.ageBand}</dt>
              <dd>{person.ageBand ? ((AGE_BAND_LABELS_RU as Record<string, string>)[person.ageBand] ?? person.ageBand) : '—'}</dd>
            </div>
          </dl>
          <h2>{p.consents}</h2>
          <ul data-testid="consents">
            {person.consents.map((consent) => (
              <li key={consent.id}>
                {consent.givenBy === 'self'
                  ? p.givenBySelf
                  : consent.representativeName
                    ? p.givenByRepresentative(consent.representativeName, relationLabel(consent.representativeRelation ?? ''))
                    : p.givenByRepresentativeErased}
                {', '}
                {p.signed(isoToRu(consent.signedOn))}
                {consent.withdrawnOn && (
                  <>
                    {', '}
                    <StatusBadge label={p.withdrawnOn(isoToRu(consent.withdrawnOn))} tone="returned" />
                  </>
                )}
              </li>
            ))}
          </ul>
          {!person.anonymized && (
            <div className="toolbar">
              <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
                {p.withdraw}
              </button>
            </div>
          )}
          {confirming && (
            <Dialog title={p.withdrawTitle} onClose={() => setConfirming(false)}>
              <p>{p.withdrawText}</p>
              <ErrorNotice>{failure}</ErrorNotice>
              <div className="form-actions">
                <button type="button" className="button button-danger" disabled={loading} onClick={() => void run()}>
                  {loading ? p.withdrawing : p.withdraw}
                </button>
                <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                  {p.cancel}
                </button>
              </div>
            </Dialog>
          )}
        </>
      )}
    </QueryState>
  );
}
