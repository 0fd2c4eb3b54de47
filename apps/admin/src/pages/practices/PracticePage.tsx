import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { ErrorNotice, Notice, SuccessNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import type { BestPracticeQuery as PracticeData } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { classifyError, notFoundError } from '../../lib/errors';
import { checkPractice, isConsentRefusal, practiceActions, questionnairePaths } from '../../lib/questionnaires';
import { programmePaths } from '../../lib/programmes';
import { formatDateTimeRu } from '../../lib/roadmap/dates';
import { ProgrammesGuard } from '../programmes/shared';
import { BestPracticeQuery, ChangeBestPracticeStatusMutation, DeleteBestPracticeMutation, UpdateBestPracticeMutation } from './documents';
import { PRACTICE_TONES, PracticeFields, SchoolPageLink } from './PracticesPage';
import { toast } from '../../components/Toasts';

const P = ru.practices;
type Practice = NonNullable<PracticeData['bestPractice']>;

export function PracticePage() {
  return (
    <ProgrammesGuard>
      <PracticeView />
    </ProgrammesGuard>
  );
}

function PracticeView() {
  const { programmeId = '', practiceId = '' } = useParams();
  const { data, error, refetch } = useQuery(BestPracticeQuery, { variables: { id: practiceId }, fetchPolicy: 'cache-and-network' });
  return (
    <QueryState
      data={data ? (data.bestPractice ?? null) : undefined}
      error={error ?? (data && !data.bestPractice ? notFoundError() : null)}
      onRetry={() => void refetch()}
      asPage
    >
      {(practice) => <PracticeCard programmeId={programmeId} practice={practice} refetch={() => refetch()} />}
    </QueryState>
  );
}

function PracticeCard({ programmeId, practice, refetch }: { programmeId: string; practice: Practice; refetch: () => Promise<unknown> }) {
  const navigate = useNavigate();
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);
  const [editing, setEditing] = useState(false);
  const [unpublishing, setUnpublishing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [change, { loading: changing }] = useMutation(ChangeBestPracticeStatusMutation, { refetchQueries: ['BestPractices'] });
  const [remove, { loading: removing }] = useMutation(DeleteBestPracticeMutation, { refetchQueries: ['BestPractices'] });

  async function act(action: string, reason?: string) {
    setActionError(null);
    setNotice(null);
    setRefused(false);
    try {
      await change({ variables: { id: practice.id, action, reason: reason ?? null } });
      setNotice(P.done[action] ?? null);
      setUnpublishing(false);
      await refetch();
    } catch (failure) {
      if (isConsentRefusal(failure)) {
        // The gaps come from the case itself, named and explained by the API.
        setRefused(true);
        await refetch();
      }
      setActionError(classifyError(failure).message);
    }
  }

  async function doDelete() {
    setActionError(null);
    try {
      await remove({ variables: { id: practice.id } });
      toast.success(P.deleted);
      navigate(questionnairePaths.practices(programmeId));
    } catch (failure) {
      setDeleting(false);
      setActionError(classifyError(failure).message);
    }
  }

  const gaps = practice.consentGaps;
  return (
    <>
      <p>
        <Link to={questionnairePaths.practices(programmeId)}>{P.back}</Link>
      </p>
      <PageTitle>{practice.title}</PageTitle>
      <p>
        <StatusBadge label={practice.statusLabel} tone={PRACTICE_TONES[practice.status] ?? 'neutral'} />{' '}
        <span className="muted">
          {practice.formLabel} · {practice.kindLabel}
        </span>
      </p>
      {notice && <SuccessNotice>{notice}</SuccessNotice>}
      {refused && gaps.length > 0 ? (
        <div className="notice notice-error" role="alert" data-testid="consent-gaps">
          <p>
            <strong>{P.gapsHeading}</strong>
          </p>
          <ul>
            {gaps.map((gap) => (
              <GapLine key={gap.participantId} programmeId={programmeId} gap={gap} />
            ))}
          </ul>
          <p>{P.gapsHint}</p>
        </div>
      ) : (
        <ErrorNotice>{actionError}</ErrorNotice>
      )}
      {!refused && practice.status !== 'published' && gaps.length > 0 && (
        <Notice tone="warning">
          <p>{P.gapsPending}</p>
          <ul data-testid="consent-gaps-pending">
            {gaps.map((gap) => (
              <GapLine key={gap.participantId} programmeId={programmeId} gap={gap} />
            ))}
          </ul>
        </Notice>
      )}
      <div className="toolbar">
        {practiceActions(practice.status).map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'publish' || action === 'ready' ? 'button' : 'button button-secondary'}
            disabled={changing}
            onClick={() => (action === 'unpublish' ? setUnpublishing(true) : void act(action))}
          >
            {P.actions[action]}
          </button>
        ))}
        {practice.status !== 'published' && !editing && (
          <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
            {P.edit}
          </button>
        )}
        {practice.status !== 'published' && (
          <button type="button" className="button button-secondary" onClick={() => setDeleting(true)}>
            {P.delete}
          </button>
        )}
        {practice.status === 'published' && <SchoolPageLink organizationId={practice.organizationId} />}
      </div>
      {editing ? (
        <EditForm
          practice={practice}
          onDone={(saved) => {
            setEditing(false);
            if (saved) {
              setNotice(P.saved);
              void refetch();
            }
          }}
        />
      ) : (
        <dl className="facts" data-testid="practice-facts">
          <div className="facts-wide">
            <dt>{P.summary}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{practice.summary}</dd>
          </div>
          <div className="facts-wide">
            <dt>{P.results}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{practice.results}</dd>
          </div>
          <div className="facts-wide">
            <dt>{P.publicParticipants}</dt>
            <dd>{practice.publicParticipants.join('; ')}</dd>
          </div>
          <div>
            <dt>{P.createdBy}</dt>
            <dd>{practice.createdByName}</dd>
          </div>
          {practice.publishedAt && (
            <div>
              <dt>{P.publishedAt}</dt>
              <dd>
                {formatDateTimeRu(practice.publishedAt)}
                {practice.publishedByName ? `, ${practice.publishedByName}` : ''}
              </dd>
            </div>
          )}
          {practice.unpublishedReason && (
            <div className="facts-wide">
              <dt>{P.unpublishedReason}</dt>
              <dd>{practice.unpublishedReason}</dd>
            </div>
          )}
        </dl>
      )}
      {unpublishing && (
        <UnpublishDialog busy={changing} error={actionError} onCancel={() => setUnpublishing(false)} onConfirm={(reason) => void act('unpublish', reason)} />
      )}
      {deleting && (
        <Dialog title={P.delete} onClose={() => setDeleting(false)}>
          <p>{P.deleteConfirm}</p>
          <div className="form-actions">
            <button type="button" className="button" disabled={removing} onClick={() => void doDelete()}>
              {P.delete}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setDeleting(false)}>
              {ru.form.cancel}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}

/** «наставляемого Иванова Мария: нет согласия…», the name linking to the card where the consent is recorded. */
function GapLine({ programmeId, gap }: { programmeId: string; gap: Practice['consentGaps'][number] }) {
  const anonymized = gap.name.startsWith('участника с обезличенными');
  return (
    <li>
      {anonymized ? gap.name : <Link to={programmePaths.participant(programmeId, gap.participantId)}>{gap.name}</Link>}: {gap.message}
    </li>
  );
}

function UnpublishDialog({
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <Dialog title={P.unpublishTitle} onClose={onCancel}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm(reason);
        }}
        noValidate
      >
        <TextField label={P.reason} hint={P.reasonHint} value={reason} onChange={(event) => setReason(event.target.value)} />
        <ErrorNotice>{error}</ErrorNotice>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {P.actions.unpublish}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {ru.form.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function EditForm({ practice, onDone }: { practice: Practice; onDone: (saved: boolean) => void }) {
  const [draft, setDraft] = useState({ title: practice.title, summary: practice.summary, results: practice.results, showNames: practice.showNames });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [update, { loading }] = useMutation(UpdateBestPracticeMutation, { refetchQueries: ['BestPractices'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    // The shared schema (the API's own check): every problem at once, beside its field.
    const checked = checkPractice(draft);
    setErrors(checked.errors as Record<string, string>);
    if (!checked.values) {
      setFormError(ru.form.fixErrors);
      return;
    }
    try {
      await update({ variables: { id: practice.id, input: checked.values } });
      onDone(true);
    } catch (failure) {
      const appError = classifyError(failure);
      const next: Record<string, string> = {};
      for (const f of ['title', 'summary', 'results', 'showNames']) if (appError.fieldErrors[f]) next[f] = appError.fieldErrors[f];
      setErrors(next);
      setFormError(Object.keys(next).length > 0 ? ru.form.fixErrors : appError.message);
    }
  }

  return (
    <form className="form measure panel" onSubmit={(event) => void submit(event)} noValidate>
      <PracticeFields
        draft={draft}
        errors={errors}
        set={(name, value) => {
          setDraft((current) => ({ ...current, [name]: value }));
          setErrors((current) => ({ ...current, [name]: '' }));
        }}
      />
      <ErrorNotice>{formError}</ErrorNotice>
      <div className="form-actions">
        <button type="submit" className="button" disabled={loading}>
          {loading ? P.saving : P.save}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(false)}>
          {ru.form.cancel}
        </button>
      </div>
    </form>
  );
}
