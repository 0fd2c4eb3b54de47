import { AGE_BAND_LABELS_RU, CONSENT_SCOPES, CONSENT_SCOPE_LABELS_RU, REPRESENTATIVE_RELATIONS } from '@nastavnik/domain';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, SuccessNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { classifyError, notFoundError } from '../../lib/errors';
import { consentGiverFor, consentInputOf, participantDataWithUsername, programmePaths, splitList, type ConsentDraft } from '../../lib/programmes';
import { isoToRu, todayIso } from '../../lib/roadmap/dates';
import { useForm } from '../../lib/useForm';
import { SelectField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import type { ParticipantQuery as ParticipantQueryResult } from '../../gql/graphql';
import { AddConsentMutation, ParticipantQuery, UpdateParticipantMutation, WithdrawConsentMutation } from './documents';
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
    <QueryState
      data={data ? (data.participant ?? null) : undefined}
      error={error ?? (data && !data.participant ? notFoundError() : null)}
      onRetry={() => void refetch()}
      asPage
    >
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
                {consent.scopes.length > 0 && `, ${p.scopes(consent.scopes.map(scopeLabel).join('; ').toLocaleLowerCase('ru'))}`}
                {consent.withdrawnOn && (
                  <>
                    {', '}
                    <StatusBadge label={p.withdrawnOn(isoToRu(consent.withdrawnOn))} tone="returned" />
                  </>
                )}
              </li>
            ))}
          </ul>
          {!person.anonymized && <AddConsentForm person={person} onDone={() => void refetch()} />}
          {!person.anonymized && <AccountForm person={person} />}
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

type Person = NonNullable<ParticipantQueryResult['participant']>;

const scopeLabel = (code: string) => (CONSENT_SCOPE_LABELS_RU as Record<string, string>)[code] ?? code;

/** Another consent: a second representative, a renewed one, or the consent to publication. */
function AddConsentForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const p = ru.participant;
  const minor = consentGiverFor(isoToRu(person.birthDate ?? ''), todayIso()).kind === 'representative';
  const initial: ConsentDraft = {
    givenBy: minor ? 'representative' : 'self',
    representativeName: '',
    representativeRelation: '',
    representativeDocument: '',
    representativeEmail: '',
    signedOn: isoToRu(todayIso()),
    textVersion: p.defaultTextVersion,
    scopes: 'processing',
  };
  const form = useForm<ConsentDraft>(initial);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [add, { loading }] = useMutation(AddConsentMutation);
  const scopes = splitList(form.draft.scopes);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    const values = form.check(consentInputOf(form.draft));
    if (!values) return;
    try {
      await add({ variables: { participantId: person.id, input: values } });
      setNotice(p.consentAdded);
      setOpen(false);
      form.setDraft(initial);
      onDone();
    } catch (error) {
      form.fail(error);
    }
  }

  return (
    <section aria-label={p.addConsentTitle}>
      <SuccessNotice>{notice}</SuccessNotice>
      {!open ? (
        <div className="toolbar">
          <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
            {p.addConsent}
          </button>
        </div>
      ) : (
        <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate data-testid="add-consent">
          <h3>{p.addConsentTitle}</h3>
          <p className="field-hint">{p.addConsentHint}</p>
          <SelectField label={p.givenBy} {...form.field('givenBy')} required>
            <option value="self">{p.givenByOptions.self}</option>
            <option value="representative">{p.givenByOptions.representative}</option>
          </SelectField>
          {form.draft.givenBy === 'representative' && (
            <>
              <TextField label={p.representativeName} {...form.field('representativeName')} required autoComplete="off" />
              <SelectField label={p.representativeRelation} {...form.field('representativeRelation')} required>
                <option value="">{ru.programmes.choose}</option>
                {REPRESENTATIVE_RELATIONS.map((code) => (
                  <option key={code} value={code}>
                    {relationLabel(code)}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={p.representativeDocument}
                hint={p.representativeDocumentHint}
                {...form.field('representativeDocument')}
                required
                autoComplete="off"
              />
              <TextField
                label={p.representativeEmail}
                hint={p.representativeEmailHint}
                type="email"
                {...form.field('representativeEmail')}
                autoComplete="off"
              />
            </>
          )}
          <fieldset className="fieldset">
            <legend>{p.consentScopes}</legend>
            {CONSENT_SCOPES.map((code) => (
              <label key={code} className="choice">
                <input
                  type="checkbox"
                  checked={scopes.includes(code)}
                  onChange={(event) => form.set('scopes', (event.target.checked ? [...scopes, code] : scopes.filter((s) => s !== code)).join(', '))}
                />{' '}
                {scopeLabel(code)}
              </label>
            ))}
            {form.errors.scopes && <p className="field-error">{form.errors.scopes}</p>}
          </fieldset>
          <DateField label={p.signedOn} {...form.valueField('signedOn')} required />
          <TextField label={p.textVersion} {...form.field('textVersion')} required autoComplete="off" />
          <ErrorNotice>{form.formError}</ErrorNotice>
          <div className="form-actions">
            <button type="submit" className="button" disabled={loading}>
              {loading ? p.submitting : p.saveConsent}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              {p.cancel}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The login of the mentor's or mentee's account: with it they see their own pair. */
function AccountForm({ person }: { person: Person }) {
  const p = ru.participant;
  const form = useForm({ username: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const [update, { loading }] = useMutation(UpdateParticipantMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    form.begin();
    if (!form.draft.username.trim()) {
      form.setErrors({ username: ru.programmes.requiredField });
      return;
    }
    try {
      await update({ variables: { id: person.id, input: participantDataWithUsername(person, form.draft.username) } });
      setNotice(p.accountLinked(form.draft.username.trim()));
    } catch (error) {
      form.fail(error);
    }
  }

  return (
    <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate aria-label={p.account} data-testid="account-form">
      <h3>{p.account}</h3>
      <TextField label={p.username} hint={p.accountHint} {...form.field('username')} autoComplete="off" />
      <ErrorNotice>{form.formError}</ErrorNotice>
      <SuccessNotice>{notice}</SuccessNotice>
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={loading}>
          {p.linkAccount}
        </button>
      </div>
    </form>
  );
}
