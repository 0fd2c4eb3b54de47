import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { BulkActionBar, bulkRefusals, RowCheckbox, SelectAllCheckbox, useRowSelection } from '../../components/BulkSelection';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { ErrorNotice, Notice, SuccessNotice } from '../../components/Notice';
import { PagedTable } from '../../components/PagedTable';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import type { QuestionnaireStatusQuery as StatusData, QuestionnaireTemplatesQuery as TemplatesData } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { classifyError, notFoundError } from '../../lib/errors';
import { programmePaths } from '../../lib/programmes';
import {
  answerErrorsOf,
  answersInput,
  QUESTIONNAIRE_KINDS,
  questionnaireKindOf,
  questionnairePaths,
  surveyUrl,
  type QuestionnaireKind,
} from '../../lib/questionnaires';
import { formatDateTimeRu } from '../../lib/roadmap/dates';
import type { Tone } from '../../lib/roadmap/enums';
import { useListParams } from '../../lib/useListParams';
import { ProgrammesGuard } from '../programmes/shared';
import { AnswerFields, useAnswerDraft } from './AnswerFields';
import {
  IssueQuestionnaireLinksMutation,
  QuestionnaireProgrammeQuery,
  QuestionnaireStatusQuery,
  QuestionnaireTemplatesQuery,
  RevokeQuestionnaireLinkMutation,
  RevokeQuestionnaireLinksMutation,
  SendQuestionnaireLinksByEmailMutation,
  SubmitQuestionnaireResponseMutation,
} from './documents';
import { SummarySection } from './SummarySection';
import { useConfirm } from '../../components/ConfirmDialog';

const T = ru.questionnaires;
type Template = TemplatesData['questionnaireTemplates'][number];
type StatusRow = StatusData['questionnaireStatus']['items'][number];

const STATUS_TONES: Record<string, Tone> = { answered: 'agreed', pending: 'progress', expired: 'returned', 'not-issued': 'neutral' };

export function QuestionnairesPage() {
  return (
    <ProgrammesGuard>
      <QuestionnairesView />
    </ProgrammesGuard>
  );
}

function QuestionnairesView() {
  const { programmeId = '' } = useParams();
  const [params] = useSearchParams();
  const kind = questionnaireKindOf(params.get('kind'));
  const programme = useQuery(QuestionnaireProgrammeQuery, { variables: { id: programmeId } });
  const templates = useQuery(QuestionnaireTemplatesQuery, { variables: { programmeId }, fetchPolicy: 'cache-and-network' });
  const error = programme.error ?? templates.error ?? (programme.data && !programme.data.programme ? notFoundError() : null);
  const data =
    programme.data?.programme && templates.data ? { programme: programme.data.programme, templates: templates.data.questionnaireTemplates } : undefined;
  return (
    <QueryState data={data} error={error} onRetry={() => void Promise.all([programme.refetch(), templates.refetch()])} asPage>
      {({ programme: p, templates: list }) => {
        const template = list.find((t) => t.kind === kind && t.isCurrent) ?? list.find((t) => t.kind === kind);
        return (
          <>
            <p>
              <Link to={programmePaths.programme(p.id)}>{T.back(p.name)}</Link>
            </p>
            <PageTitle>{`${T.title}: ${p.name}`}</PageTitle>
            <p className="muted measure">{T.intro}</p>
            <nav className="tabs" aria-label={T.kindsNav}>
              {QUESTIONNAIRE_KINDS.map((k) => {
                const t = list.find((x) => x.kind === k && x.isCurrent) ?? list.find((x) => x.kind === k);
                return (
                  <Link key={k} to={questionnairePaths.questionnaires(p.id, k)} aria-current={k === kind ? 'page' : undefined}>
                    {t?.title ?? k}
                  </Link>
                );
              })}
            </nav>
            {template ? <KindSection key={kind} programmeId={p.id} kind={kind} template={template} /> : <p className="muted">{ru.errors.notFoundText}</p>}
          </>
        );
      }}
    </QueryState>
  );
}

interface Issued {
  linkId: string;
  participantName: string;
  phase?: string | null;
  url: string;
  expiresAt: string;
  revoked?: boolean;
}

function KindSection({ programmeId, kind, template }: { programmeId: string; kind: QuestionnaireKind; template: Template }) {
  const { page, setPage, limit, offset } = useListParams();
  const status = useQuery(QuestionnaireStatusQuery, { variables: { programmeId, kind, page: { limit, offset } }, fetchPolicy: 'cache-and-network' });
  const list = status.data ?? status.previousData;
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [issued, setIssued] = useState<Issued[]>([]);
  const [paperFor, setPaperFor] = useState<StatusRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [summaryKey, setSummaryKey] = useState(0);
  const phases = kind === 'impact' ? ['before', 'after'] : [null];

  function toggle(row: StatusRow, on: boolean) {
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(row.participantId, row.displayName);
      else next.delete(row.participantId);
      return next;
    });
  }

  const pageRows = list?.questionnaireStatus.items ?? [];
  const allOnPage = pageRows.length > 0 && pageRows.every((r) => selected.has(r.participantId));

  return (
    <section aria-label={template.title} data-testid={`questionnaire-${kind}`}>
      <div className="panel">
        <h2>{template.title}</h2>
        <p className="muted">
          {template.kindLabel} · {T.version(template.version)} · {T.questionsCount(template.questions.length)}
        </p>
        {template.intro && <p className="measure">{template.intro}</p>}
        <Link className="button button-secondary" to={questionnairePaths.template(programmeId, template.id)}>
          {T.editTemplate}
        </Link>
      </div>

      <h2>{T.statusHeading}</h2>
      {notice && <SuccessNotice>{notice}</SuccessNotice>}
      <PagedTable
        list={list?.questionnaireStatus}
        error={status.error}
        onRetry={() => void status.refetch()}
        page={page}
        onPage={setPage}
        tableProps={{ 'aria-label': T.statusHeading, 'data-testid': 'questionnaire-status' }}
        head={
          <>
            <th scope="col">
              <label className="checkbox">
                <input type="checkbox" checked={allOnPage} onChange={(event) => pageRows.forEach((row) => toggle(row, event.target.checked))} />
                <span className="visually-hidden">{T.selectAll}</span>
              </label>
            </th>
            <th scope="col">{T.participant}</th>
            <th scope="col">{T.role}</th>
            {phases.map((phase) => (
              <th scope="col" key={phase ?? 'state'}>
                {phase ? `${T.state}: ${T.phases[phase]}` : T.state}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{T.paperOpen}</span>
            </th>
          </>
        }
        row={(row) => (
          <tr key={row.participantId} data-participant={row.displayName}>
            <td>
              <label className="checkbox">
                <input type="checkbox" checked={selected.has(row.participantId)} onChange={(event) => toggle(row, event.target.checked)} />
                <span className="visually-hidden">{T.select(row.displayName)}</span>
              </label>
            </td>
            <th scope="row">{row.displayName}</th>
            <td>{T.roles[row.role] ?? row.role}</td>
            {row.entries.map((entry) => (
              <td key={entry.phase ?? 'state'} data-status={entry.status}>
                <StatusBadge label={T.statuses[entry.status] ?? entry.status} tone={STATUS_TONES[entry.status] ?? 'neutral'} />
                {entry.status === 'answered' && entry.submittedAt && <div className="muted">{T.answeredOn(formatDateTimeRu(entry.submittedAt))}</div>}
                {entry.status === 'pending' && entry.expiresAt && <div className="muted">{T.validUntil(formatDateTimeRu(entry.expiresAt))}</div>}
              </td>
            ))}
            <td>
              <button type="button" className="button button-secondary button-small" onClick={() => setPaperFor(row)}>
                {T.paperOpen}
              </button>
            </td>
          </tr>
        )}
      />

      <IssueForm
        programmeId={programmeId}
        kind={kind}
        selected={selected}
        onIssued={(links) => {
          setIssued((current) => [...links, ...current]);
          setSelected(new Map());
          void status.refetch();
          setSummaryKey((k) => k + 1);
        }}
      />
      {issued.length > 0 && (
        <IssuedLinks
          links={issued}
          onRevoked={(linkIds) => {
            setIssued((current) => current.map((l) => (linkIds.includes(l.linkId) ? { ...l, revoked: true } : l)));
            void status.refetch();
            setSummaryKey((k) => k + 1);
          }}
        />
      )}

      {paperFor && (
        <PaperDialog
          template={template}
          kind={kind}
          participant={paperFor}
          onClose={() => setPaperFor(null)}
          onSaved={(name) => {
            setPaperFor(null);
            setNotice(T.saved(name));
            void status.refetch();
            setSummaryKey((k) => k + 1);
          }}
        />
      )}

      <SummarySection key={summaryKey} programmeId={programmeId} kind={kind} />
    </section>
  );
}

function IssueForm({
  programmeId,
  kind,
  selected,
  onIssued,
}: {
  programmeId: string;
  kind: QuestionnaireKind;
  selected: Map<string, string>;
  onIssued: (links: Issued[]) => void;
}) {
  const [phase, setPhase] = useState('before');
  const [validDays, setValidDays] = useState('14');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [issue, { loading }] = useMutation(IssueQuestionnaireLinksMutation);
  const [sendByEmail, { loading: sending }] = useMutation(SendQuestionnaireLinksByEmailMutation);
  const [sentNotice, setSentNotice] = useState<string | null>(null);

  async function submit(event: FormEvent, byEmail = false) {
    event.preventDefault();
    setFormError(null);
    setErrors({});
    setSentNotice(null);
    if (selected.size === 0) return setFormError(T.nothingSelected);
    const days = Number(validDays.trim());
    const input = {
      programmeId,
      kind,
      participantIds: [...selected.keys()],
      ...(kind === 'impact' ? { phase } : {}),
      validDays: Number.isInteger(days) ? days : -1,
    };
    try {
      if (byEmail) {
        // The links go straight to the people's mail: none is shown here.
        const report = (await sendByEmail({ variables: { input } })).data?.sendQuestionnaireLinksByEmail;
        if (report) {
          const skipped = report.skippedPeople.map((person) => person.participantName).join(', ');
          setSentNotice([T.sentByEmail(report.sent), ...(report.skipped > 0 ? [T.skippedByEmail(skipped)] : [])].join(' '));
        }
        return;
      }
      const result = await issue({ variables: { input } });
      const origin = window.location.origin;
      onIssued(
        (result.data?.issueQuestionnaireLinks ?? []).map((l) => ({
          linkId: l.linkId,
          participantName: l.participantName,
          phase: l.phase,
          url: surveyUrl(origin, l.path),
          expiresAt: l.expiresAt,
        })),
      );
    } catch (failure) {
      const appError = classifyError(failure);
      const fieldErrors: Record<string, string> = {};
      if (appError.fieldErrors.validDays) fieldErrors.validDays = appError.fieldErrors.validDays;
      if (appError.fieldErrors.phase) fieldErrors.phase = appError.fieldErrors.phase;
      setErrors(fieldErrors);
      setFormError(appError.message);
    }
  }

  return (
    <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate aria-label={T.issueHeading}>
      <h2>{T.issueHeading}</h2>
      <p className="muted">{T.selected(selected.size)}</p>
      {kind === 'impact' && (
        <SelectField label={T.phase} value={phase} onChange={(event) => setPhase(event.target.value)} error={errors.phase}>
          <option value="before">{T.phases.before}</option>
          <option value="after">{T.phases.after}</option>
        </SelectField>
      )}
      <TextField
        label={T.validDays}
        hint={T.validDaysHint}
        inputMode="numeric"
        value={validDays}
        onChange={(event) => setValidDays(event.target.value)}
        error={errors.validDays}
      />
      <ErrorNotice>{formError}</ErrorNotice>
      <SuccessNotice>{sentNotice}</SuccessNotice>
      <div className="form-actions">
        <button type="submit" className="button" disabled={loading || sending}>
          {loading ? T.issuing : T.issue}
        </button>
        <button type="button" className="button button-secondary" disabled={loading || sending} onClick={(event) => void submit(event, true)}>
          {sending ? T.sendingByEmail : T.sendByEmail}
        </button>
      </div>
    </form>
  );
}

function IssuedLinks({ links, onRevoked }: { links: Issued[]; onRevoked: (linkIds: string[]) => void }) {
  const [revoke] = useMutation(RevokeQuestionnaireLinkMutation);
  const [revokeMany, { loading: revokingMany }] = useMutation(RevokeQuestionnaireLinksMutation);
  const selection = useRowSelection();
  const confirm = useConfirm();
  const [copied, setCopied] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<ReadonlyMap<string, string>>(new Map());
  const [revokedNotice, setRevokedNotice] = useState<string | null>(null);
  const open = links.filter((link) => !link.revoked).map((link) => link.linkId);

  async function copy(link: Issued) {
    setError(null);
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(link.linkId);
    } catch {
      setError(T.copyFailed);
    }
  }

  async function doRevoke(link: Issued) {
    setError(null);
    try {
      await revoke({ variables: { linkId: link.linkId } });
      onRevoked([link.linkId]);
    } catch (failure) {
      setError(classifyError(failure).message);
    }
  }

  /** The selected links at once: all or nothing, the reasons beside the refused ones. */
  async function revokeSelected() {
    setError(null);
    setRefusals(new Map());
    setRevokedNotice(null);
    const linkIds = selection.ids;
    try {
      await revokeMany({ variables: { linkIds } });
      selection.clear();
      setRevokedNotice(ru.workMoves.revokedLinks(linkIds.length));
      onRevoked(linkIds);
    } catch (failure) {
      setError(classifyError(failure).message);
      setRefusals(bulkRefusals(failure));
    }
  }

  return (
    <section className="panel" aria-label={T.issuedHeading} data-testid="issued-links">
      {confirm.dialog}
      <h2>{T.issuedHeading}</h2>
      <Notice tone="warning">{T.issuedOnce}</Notice>
      <ErrorNotice>{error}</ErrorNotice>
      <SuccessNotice>{revokedNotice}</SuccessNotice>
      {open.length > 1 && (
        <label className="checkbox">
          <SelectAllCheckbox selection={selection} ids={open} /> {ru.workMoves.selectAll}
        </label>
      )}
      <BulkActionBar selection={selection}>
        <button type="button" className="button button-small" disabled={revokingMany} onClick={() => void revokeSelected()}>
          {ru.workMoves.revokeSelected}
        </button>
      </BulkActionBar>
      <ul className="card-list">
        {links.map((link) => (
          <li key={link.linkId} data-link={link.linkId} style={{ marginBottom: '0.75rem' }}>
            {!link.revoked && <RowCheckbox selection={selection} id={link.linkId} name={link.participantName} />}
            <TextField
              label={`${link.participantName}${link.phase ? ` (${T.phases[link.phase] ?? link.phase})` : ''}`}
              hint={link.revoked ? T.revoked : T.validUntil(formatDateTimeRu(link.expiresAt))}
              value={link.url}
              readOnly
              disabled={link.revoked}
              onFocus={(event) => event.target.select()}
              data-testid="issued-url"
            />
            {refusals.has(link.linkId) && <p className="field-error">{refusals.get(link.linkId)}</p>}
            {!link.revoked && (
              <div className="form-actions">
                <button type="button" className="button button-secondary" onClick={() => void copy(link)}>
                  {copied === link.linkId ? T.copied : T.copy}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() =>
                    confirm.ask({
                      title: T.revokeConfirm(link.participantName),
                      body: <p>{T.revokeConfirmText}</p>,
                      confirmLabel: T.revoke,
                      onConfirm: () => void doRevoke(link),
                    })
                  }
                >
                  {T.revoke}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PaperDialog({
  template,
  kind,
  participant,
  onClose,
  onSaved,
}: {
  template: Template;
  kind: QuestionnaireKind;
  participant: StatusRow;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const answers = useAnswerDraft();
  const [answeredBy, setAnsweredBy] = useState('staff');
  const [phase, setPhase] = useState('before');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitAnswers, { loading }] = useMutation(SubmitQuestionnaireResponseMutation, { refetchQueries: ['QuestionnaireSummary'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    try {
      await submitAnswers({
        variables: {
          input: {
            templateId: template.id,
            participantId: participant.participantId,
            answeredBy,
            ...(kind === 'impact' ? { phase } : {}),
            answers: answersInput(template.questions, answers.draft),
          },
        },
      });
      onSaved(participant.displayName);
    } catch (failure) {
      const result = answerErrorsOf(failure, template.questions);
      answers.setErrors(result.byQuestion);
      const other = classifyError(failure).fieldErrors;
      setFieldErrors({ ...(other.answeredBy ? { answeredBy: other.answeredBy } : {}), ...(other.phase ? { phase: other.phase } : {}) });
      setFormError(result.formError);
    }
  }

  return (
    <Dialog title={`${T.paperHeading}: ${participant.displayName}`} onClose={onClose} wide>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">
          {template.title} · {T.paperIntro}
        </p>
        <SelectField label={T.answeredBy} value={answeredBy} onChange={(event) => setAnsweredBy(event.target.value)} error={fieldErrors.answeredBy}>
          {Object.entries(T.answeredByOptions).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        {kind === 'impact' && (
          <SelectField label={T.phase} value={phase} onChange={(event) => setPhase(event.target.value)} error={fieldErrors.phase}>
            <option value="before">{T.phases.before}</option>
            <option value="after">{T.phases.after}</option>
          </SelectField>
        )}
        <AnswerFields questions={template.questions} {...answers.fields} />
        <ErrorNotice>{formError}</ErrorNotice>
        <div className="form-actions">
          <button type="submit" className="button" disabled={loading}>
            {loading ? T.saving : T.save}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {ru.form.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
