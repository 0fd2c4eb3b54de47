import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Dialog } from '../../components/Dialog';
import { DownloadButton } from '../../components/DownloadButton';
import { TextField } from '../../components/Field';
import { BulkActionBar, bulkRefusals, RowCheckbox, SelectAllCheckbox, useRowSelection } from '../../components/BulkSelection';
import { DateField } from '../../components/DateField';
import { ErrorNotice, SuccessNotice } from '../../components/Notice';
import { PagedTable } from '../../components/PagedTable';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { hasRole } from '../../lib/access';
import { classifyError, notFoundError } from '../../lib/errors';
import { confirmPeriod, confirmPeriodErrorsOf, whyNoPairs, type MatchingNextStep } from '../../lib/matching';
import { useMe } from '../../me';
import { pairPaths } from '../../lib/pairs';
import { addMonthsIso, programmePaths, programmeTabOf, type ProgrammeTab } from '../../lib/programmes';
import { isoToRu, parseDateRu, todayIso } from '../../lib/roadmap/dates';
import { useListParams } from '../../lib/useListParams';
import { questionnairePaths } from '../../lib/questionnaires';
import { AddParticipantTagsMutation, ConfirmPairsMutation, PairsQuery, ParticipantsQuery, ProgrammeQuery, SuggestMatchesQuery } from './documents';
import { categoryLabel, formLabel, kindLabel, periodRu, ProgrammesGuard } from './shared';
import { PartnerMentorBadge } from '../partners/PartnerMentorBadge';
import { toast } from '../../components/Toasts';
import { TableWrap } from '../../components/TableWrap';

export function ProgrammePage() {
  return (
    <ProgrammesGuard>
      <ProgrammeView />
    </ProgrammesGuard>
  );
}

function ProgrammeView() {
  const { programmeId = '' } = useParams();
  const [params] = useSearchParams();
  const tab = programmeTabOf(params.get('tab'));
  const { data, error, refetch } = useQuery(ProgrammeQuery, { variables: { id: programmeId } });
  const [orderOpen, setOrderOpen] = useState(false);
  return (
    <QueryState
      data={data ? (data.programme ?? null) : undefined}
      error={error ?? (data && !data.programme ? notFoundError() : null)}
      onRetry={() => void refetch()}
      asPage
    >
      {(programme) => (
        <>
          <p>
            <Link to={programmePaths.list()}>{`← ${ru.programmes.title}`}</Link>
          </p>
          <PageTitle>{programme.name}</PageTitle>
          <dl className="facts" data-testid="programme-meta">
            <div>
              <dt>{ru.programmes.forms}</dt>
              <dd>{programme.forms.map(formLabel).join(', ')}</dd>
            </div>
            <div>
              <dt>{ru.programmes.kind}</dt>
              <dd>{programme.kinds.map(kindLabel).join(', ') || '—'}</dd>
            </div>
            <div>
              <dt>{ru.programmes.period}</dt>
              <dd>{periodRu(programme.periodStart, programme.periodEnd)}</dd>
            </div>
            <div>
              <dt>{ru.programmes.curatorName}</dt>
              <dd>{programme.curatorName ?? '—'}</dd>
            </div>
            <div>
              <dt>{ru.programmes.order}</dt>
              <dd>
                {programme.orderNumber && programme.orderDate
                  ? ru.programmes.orderLine(programme.orderNumber, isoToRu(programme.orderDate))
                  : ru.programmes.noOrder}
              </dd>
            </div>
          </dl>
          <div className="toolbar">
            <Link className="button" to={programmePaths.newParticipant(programme.id, tab === 'mentors' ? 'MENTOR' : 'MENTEE')}>
              {ru.programmes.addParticipant}
            </Link>
            <Link className="button button-secondary" to={programmePaths.importBase(programme.id, tab === 'mentors' ? 'mentor' : 'mentee')}>
              {ru.importBase.open}
            </Link>
            <button type="button" className="button button-secondary" onClick={() => setOrderOpen(true)}>
              {ru.programmes.orderButton}
            </button>
            <Link className="button button-secondary" to={questionnairePaths.questionnaires(programme.id)}>
              {ru.questionnaires.open}
            </Link>
            <Link className="button button-secondary" to={questionnairePaths.practices(programme.id)}>
              {ru.practices.open}
            </Link>
          </div>
          {orderOpen && (
            <OrderDialog
              programmeId={programme.id}
              number={programme.orderNumber ?? ''}
              date={programme.orderDate ?? ''}
              onClose={() => {
                setOrderOpen(false);
                void refetch();
              }}
            />
          )}
          <nav className="tabs" aria-label={ru.programmes.tabs}>
            {(
              [
                ['mentees', ru.programmes.tabMentees],
                ['mentors', ru.programmes.tabMentors],
                ['matching', ru.programmes.tabMatching],
                ['pairs', ru.programmes.tabPairs],
              ] as Array<[ProgrammeTab, string]>
            ).map(([key, label]) => (
              <Link key={key} to={programmePaths.programme(programme.id, key)} aria-current={tab === key ? 'page' : undefined}>
                {label}
              </Link>
            ))}
          </nav>
          {tab === 'mentees' && <ParticipantsTab key="mentees" programmeId={programme.id} role="MENTEE" />}
          {tab === 'mentors' && <ParticipantsTab key="mentors" programmeId={programme.id} role="MENTOR" />}
          {tab === 'matching' && <MatchingTab programmeId={programme.id} periodEnd={programme.periodEnd} />}
          {tab === 'pairs' && <PairsTab programmeId={programme.id} />}
        </>
      )}
    </QueryState>
  );
}

function ParticipantsTab({ programmeId, role }: { programmeId: string; role: 'MENTOR' | 'MENTEE' }) {
  const { page, setPage, limit, offset } = useListParams();
  const { grants } = useMe();
  // The school's managers act on many rows at once; the API checks the organisation of each.
  const manages = hasRole(grants, 'school-curator', 'school-director');
  const selection = useRowSelection();
  const [tagsText, setTagsText] = useState('');
  const [bulkError, setBulkError] = useState<unknown>(null);
  const [bulkNotice, setBulkNotice] = useState<string | null>(null);
  const [addTags, { loading: adding }] = useMutation(AddParticipantTagsMutation, { refetchQueries: ['Participants'] });
  const {
    data: current,
    previousData,
    error,
    refetch,
  } = useQuery(ParticipantsQuery, {
    variables: { programmeId, role, page: { limit, offset } },
    fetchPolicy: 'cache-and-network',
  });
  const data = current ?? previousData;
  const refusals = bulkRefusals(bulkError);
  const selectable = (data?.participants.items ?? []).filter((person) => !person.anonymized).map((person) => person.id);

  async function addToSelected(event: FormEvent) {
    event.preventDefault();
    setBulkError(null);
    setBulkNotice(null);
    const participantIds = selection.ids;
    try {
      await addTags({ variables: { participantIds, tags: tagsText.split(/[,;]/) } });
      selection.clear();
      setTagsText('');
      setBulkNotice(ru.workMoves.tagsAdded(participantIds.length));
    } catch (failure) {
      setBulkError(failure);
    }
  }

  return (
    <>
      <SuccessNotice>{bulkNotice}</SuccessNotice>
      {bulkError != null && <ErrorNotice>{classifyError(bulkError).message}</ErrorNotice>}
      {manages && (
        <BulkActionBar selection={selection}>
          <form className="bulk-bar-form" onSubmit={(event) => void addToSelected(event)}>
            <TextField
              label={ru.workMoves.tagsToAdd}
              hint={ru.workMoves.tagsToAddHint}
              value={tagsText}
              onChange={(event) => setTagsText(event.target.value)}
              error={classifyError(bulkError).fieldErrors.tags}
            />
            <button type="submit" className="button button-small" disabled={adding}>
              {adding ? ru.workMoves.addingTags : ru.workMoves.addTags}
            </button>
          </form>
        </BulkActionBar>
      )}
      <PagedTable
        list={data?.participants}
        error={error}
        onRetry={() => void refetch()}
        page={page}
        onPage={setPage}
        tableProps={{
          'aria-label': role === 'MENTOR' ? ru.programmes.tabMentors : ru.programmes.tabMentees,
          'data-testid': `participants-${role.toLowerCase()}`,
        }}
        head={
          <>
            {manages && (
              <th scope="col" className="col-check">
                <SelectAllCheckbox selection={selection} ids={selectable} />
              </th>
            )}
            <th scope="col">{ru.programmes.fullName}</th>
            <th scope="col">{ru.programmes.category}</th>
            <th scope="col">{ru.programmes.classOrPosition}</th>
            <th scope="col">{ru.programmes.tags}</th>
            <th scope="col">{ru.programmes.consent}</th>
          </>
        }
        row={(person) => (
          <tr key={person.id}>
            {manages && <td className="col-check">{!person.anonymized && <RowCheckbox selection={selection} id={person.id} name={person.displayName} />}</td>}
            <th scope="row">
              <Link to={programmePaths.participant(programmeId, person.id)}>{person.displayName}</Link>
              {refusals.has(person.id) && <span className="cell-note field-error">{refusals.get(person.id)}</span>}
            </th>
            <td>
              {categoryLabel(person.category)} <PartnerMentorBadge partnerId={person.partnerId} />
            </td>
            <td>{person.classOrPosition ?? '—'}</td>
            <td>{person.tags.join(', ') || '—'}</td>
            <td>
              {person.anonymized ? (
                <StatusBadge label={ru.programmes.anonymized} tone="neutral" />
              ) : person.consents.some((c) => !c.withdrawnOn) ? (
                <StatusBadge label={ru.programmes.consentValid} tone="agreed" />
              ) : (
                <StatusBadge label={ru.programmes.consentWithdrawn} tone="returned" />
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}

function MatchingTab({ programmeId, periodEnd }: { programmeId: string; periodEnd: string }) {
  const navigate = useNavigate();
  const { data, error, refetch, loading } = useQuery(SuggestMatchesQuery, {
    variables: { programmeId },
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: true,
  });
  // A re-run keeps the last answer on screen: say that a new one is being computed.
  const [rerunning, setRerunning] = useState(false);
  const running = loading || rerunning;
  async function rerun() {
    setRerunning(true);
    try {
      await refetch();
    } catch {
      // The error is shown by QueryState below.
    } finally {
      setRerunning(false);
    }
  }
  const found = data?.suggestMatches.suggestions.length;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const today = todayIso();
  const defaultEnd = addMonthsIso(today, 6) < periodEnd ? addMonthsIso(today, 6) : periodEnd;
  const [startDate, setStartDate] = useState(isoToRu(today));
  const [endDate, setEndDate] = useState(isoToRu(defaultEnd));
  const [formError, setFormError] = useState<string | null>(null);
  const [periodErrors, setPeriodErrors] = useState<{ startDate?: string; endDate?: string }>({});
  const [confirm, { loading: confirming }] = useMutation(ConfirmPairsMutation, { refetchQueries: ['Pairs'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const suggestions = data?.suggestMatches.suggestions.filter((s) => selected.has(s.mentorId)) ?? [];
    // Every problem at once: the selection above the button, the dates beside their fields.
    const checked = confirmPeriod(startDate, endDate, { start: ru.matching.startDate, end: ru.matching.endDate });
    setPeriodErrors(checked.errors);
    if (suggestions.length === 0) setFormError(ru.matching.nothingSelected);
    else if (!checked.period) setFormError(ru.form.fixErrors);
    if (suggestions.length === 0 || !checked.period) return;
    const { start, end } = checked.period;
    try {
      const result = await confirm({
        variables: {
          programmeId,
          pairs: suggestions.map((s) => ({ mentorId: s.mentorId, menteeIds: [...s.menteeIds], score: s.score, startDate: start, endDate: end })),
        },
      });
      toast.success(ru.matching.confirmed(result.data?.confirmPairs.length ?? 0));
      navigate(programmePaths.programme(programmeId, 'pairs'));
    } catch (failure) {
      const appError = classifyError(failure);
      const dates = confirmPeriodErrorsOf(appError.fieldErrors);
      setPeriodErrors(dates);
      setFormError(
        Object.keys(dates).length > 0 && Object.keys(appError.fieldErrors).length === Object.keys(dates).length ? ru.form.fixErrors : appError.message,
      );
    }
  }

  return (
    <section aria-label={ru.programmes.tabMatching}>
      <p className="muted measure">{ru.matching.intro}</p>
      <div className="toolbar">
        <button
          type="button"
          className="button button-secondary"
          disabled={running}
          aria-busy={running}
          onClick={() => void rerun()}
          data-testid="run-matching"
        >
          {running ? ru.matching.running : ru.matching.run}
        </button>
      </div>
      <p className="matching-status" role="status" aria-live="polite" data-testid="matching-status">
        {running ? ru.matching.runningStatus : found === undefined ? '' : found > 0 ? ru.matching.doneStatus(found) : ru.matching.emptyStatus}
      </p>
      <QueryState data={data?.suggestMatches} error={error} onRetry={() => void rerun()}>
        {(result) => (
          <form onSubmit={(event) => void submit(event)} noValidate>
            {result.suggestions.length === 0 && <NoPairs programmeId={programmeId} result={result} />}
            <ul className="card-list" data-testid="suggestions">
              {result.suggestions.map((s) => (
                <li key={s.mentorId} className="panel suggestion">
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={selected.has(s.mentorId)}
                      onChange={(event) =>
                        setSelected((current) => {
                          const next = new Set(current);
                          if (event.target.checked) next.add(s.mentorId);
                          else next.delete(s.mentorId);
                          return next;
                        })
                      }
                    />{' '}
                    {ru.matching.select}: <strong>{s.mentor.displayName}</strong> — {s.mentees.map((m) => m.displayName).join(', ')}
                  </label>{' '}
                  <StatusBadge label={ru.matching.score(s.score)} tone="progress" />
                  <ul className="explanation">
                    {s.explanation.map((line, index) => (
                      <li key={index}>
                        {line.text} <span className="muted">({ru.matching.points(line.points)})</span>
                      </li>
                    ))}
                    {s.notes.map((note, index) => (
                      <li key={`n${index}`} className="muted">
                        {note}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
            {result.unmatched.length > 0 && (
              <>
                <h2>{ru.matching.unmatched}</h2>
                <ul>
                  {result.unmatched.map((u) => (
                    <li key={u.menteeId}>
                      {u.mentee?.displayName ?? u.menteeId}: {u.text}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {result.suggestions.length > 0 && (
              <div className="form panel measure">
                <DateField label={ru.matching.startDate} value={startDate} onChange={setStartDate} error={periodErrors.startDate} />
                <DateField label={ru.matching.endDate} value={endDate} onChange={setEndDate} error={periodErrors.endDate} />
                <ErrorNotice>{formError}</ErrorNotice>
                <div className="form-actions">
                  <button type="submit" className="button" disabled={confirming}>
                    {confirming ? ru.matching.confirming : ru.matching.confirm}
                  </button>
                </div>
              </div>
            )}
          </form>
        )}
      </QueryState>
    </section>
  );
}

/** An empty matching: why (no mentees, no free mentors, withdrawn consents, no fit) and what to do next. */
function NoPairs({
  programmeId,
  result,
}: {
  programmeId: string;
  result: { base: Parameters<typeof whyNoPairs>[0]; excludedMentors: ReadonlyArray<{ mentorId: string; text: string }> };
}) {
  const t = ru.matching;
  const links: Record<MatchingNextStep, { to: string; label: string }> = {
    'add-mentee': { to: programmePaths.newParticipant(programmeId, 'MENTEE'), label: t.addMentees },
    'import-mentees': { to: programmePaths.importBase(programmeId, 'mentee'), label: t.importMentees },
    'add-mentor': { to: programmePaths.newParticipant(programmeId, 'MENTOR'), label: t.addMentors },
    'import-mentors': { to: programmePaths.importBase(programmeId, 'mentor'), label: t.importMentors },
  };
  return (
    <section className="panel measure" aria-labelledby="no-pairs-title" data-testid="matching-empty">
      <h2 id="no-pairs-title">{t.emptyTitle}</h2>
      <ul>
        {whyNoPairs(result.base).map((reason) => (
          <li key={reason.text}>
            {reason.text}
            {reason.steps.length > 0 && (
              <div className="toolbar">
                {reason.steps.map((step) => (
                  <Link key={step} className="button button-secondary button-small" to={links[step].to}>
                    {links[step].label}
                  </Link>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
      {result.excludedMentors.length > 0 && (
        <>
          <h3>{t.excludedMentors}</h3>
          <ul>
            {result.excludedMentors.map((mentor) => (
              <li key={mentor.mentorId}>{mentor.text}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function PairsTab({ programmeId }: { programmeId: string }) {
  const { data, error, refetch } = useQuery(PairsQuery, { variables: { programmeId }, fetchPolicy: 'cache-and-network' });
  return (
    <QueryState data={data?.pairs} error={error} onRetry={() => void refetch()}>
      {(pairs) =>
        pairs.length === 0 ? (
          <p className="muted">{ru.pairs.empty}</p>
        ) : (
          <TableWrap>
            <table className="table" aria-label={ru.programmes.tabPairs} data-testid="pairs-table">
              <thead>
                <tr>
                  <th scope="col">{ru.pairs.mentor}</th>
                  <th scope="col">{ru.pairs.mentees}</th>
                  <th scope="col">{ru.pairs.form}</th>
                  <th scope="col">{ru.pairs.period}</th>
                  <th scope="col">{ru.pairs.score}</th>
                  <th scope="col">{ru.pairCard.planTitle}</th>
                  <th scope="col">{ru.pairs.status}</th>
                </tr>
              </thead>
              <tbody>
                {pairs.map((pair) => (
                  <tr key={pair.id}>
                    <th scope="row">
                      <Link to={pairPaths.pair(programmeId, pair.id)}>{pair.mentor.displayName}</Link>
                    </th>
                    <td>{pair.mentees.map((m) => m.displayName).join(', ')}</td>
                    <td>{formLabel(pair.form)}</td>
                    <td>{periodRu(pair.startDate, pair.endDate)}</td>
                    <td>{pair.score ?? '—'}</td>
                    <td>{pair.progress.total > 0 ? `${pair.progress.percent ?? 0} %` : '—'}</td>
                    <td>
                      <StatusBadge label={ru.pairs.statuses[pair.status] ?? pair.status} tone={pair.status === 'active' ? 'agreed' : 'neutral'} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )
      }
    </QueryState>
  );
}

function OrderDialog({ programmeId, number, date, onClose }: { programmeId: string; number: string; date: string; onClose: () => void }) {
  const [orderNumber, setOrderNumber] = useState(number);
  const [orderDate, setOrderDate] = useState(date ? isoToRu(date) : isoToRu(todayIso()));
  const iso = parseDateRu(orderDate);
  return (
    <Dialog title={ru.programmes.orderDialog} onClose={onClose}>
      <div className="form">
        <p className="muted">{ru.programmes.orderHint}</p>
        <TextField label={ru.programmes.orderNumber} value={orderNumber} onChange={(e) => setOrderNumber(e.target.value)} autoComplete="off" />
        <DateField
          label={ru.programmes.orderDate}
          value={orderDate}
          onChange={setOrderDate}
          error={orderDate.trim() && !iso ? ru.programmes.badDate : undefined}
        />
        <div className="form-actions">
          <DownloadButton
            label={ru.programmes.orderDownload}
            url={programmePaths.pairsOrder(programmeId, orderNumber, iso ?? '')}
            fallbackName="prikaz-o-zakreplenii-par.docx"
          />
          <button type="button" className="button button-secondary" onClick={onClose}>
            {ru.form.close}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
