import { COMPLETION_REASONS, COMPLETION_REASON_LABELS_RU, PAIR_INPUT_LIMITS } from '@nastavnik/domain';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorNotice, Notice, SuccessNotice } from '../../components/Notice';
import { StatusBadge } from '../../components/StatusBadge';
import type { PairQuery } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { classifyError } from '../../lib/errors';
import {
  completionValues,
  extensionValues,
  markValues,
  meetingTypeLabel,
  meetingTypeOptions,
  meetingValues,
  methodologyStep,
  planUnfinished,
  planAfter,
  suggestedMeetingType,
  taskDraftValues,
  type PlanChange,
} from '../../lib/pairs';
import { isoToRu, todayIso } from '../../lib/roadmap/dates';
import { useForm } from '../../lib/useForm';
import { CompletePairMutation, ExtendPairMutation, MarkPlanTaskMutation, RecordMeetingMutation, SetPairPlanMutation } from './documents';
import { categoryLabel, formLabel, kindLabel, periodRu } from './shared';
import { useConfirm } from '../../components/ConfirmDialog';
import { TableWrap } from '../../components/TableWrap';
import { PlannedMeetingPanel } from './PlannedMeetingPanel';

export type PairData = NonNullable<PairQuery['pair']>;

const reasonLabel = (code: string | null | undefined) => (code ? ((COMPLETION_REASON_LABELS_RU as Record<string, string>)[code] ?? code) : '');

/**
 * One pair or group: its people, form, kind, period and status; the individual plan; the meetings in
 * the methodology's order; completion or extension. `manage` — the school's curator or director
 * (edits the plan, completes, extends); `canRecordMeeting` — staff and the pair's mentor;
 * `canMarkTasks` — the pair's own mentor and mentees (mark a task done with a note, or reopen it).
 */
export function PairCard({
  pair,
  manage,
  canRecordMeeting,
  canMarkTasks = false,
  staffView,
  onChanged,
}: {
  pair: PairData;
  manage: boolean;
  canRecordMeeting: boolean;
  canMarkTasks?: boolean;
  /** Staff see the matching's score and the order; the pair's own members do not. */
  staffView: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const t = ru.pairCard;
  const active = pair.status === 'active';
  return (
    <>
      <dl className="facts" data-testid="pair-meta">
        <div>
          <dt>{t.mentor}</dt>
          <dd data-testid="pair-mentor">
            {pair.mentor.displayName}
            {pair.mentor.classOrPosition ? <span className="muted">{`, ${pair.mentor.classOrPosition}`}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t.mentees}</dt>
          <dd data-testid="pair-mentees">
            {pair.mentees
              .map((m) => `${m.displayName}${m.classOrPosition ? ` (${m.classOrPosition})` : m.category ? ` (${categoryLabel(m.category)})` : ''}`)
              .join(', ')}
          </dd>
        </div>
        <div>
          <dt>{t.form}</dt>
          <dd>{formLabel(pair.form)}</dd>
        </div>
        <div>
          <dt>{t.kind}</dt>
          <dd>{kindLabel(pair.kind)}</dd>
        </div>
        <div>
          <dt>{t.period}</dt>
          <dd>{periodRu(pair.startDate, pair.endDate)}</dd>
        </div>
        <div>
          <dt>{t.status}</dt>
          <dd>
            <StatusBadge label={ru.pairs.statuses[pair.status] ?? pair.status} tone={active ? 'agreed' : 'neutral'} />
            {!active && pair.completedOn && (
              <span data-testid="pair-completion">
                {' '}
                {t.completed(reasonLabel(pair.completionReason), isoToRu(pair.completedOn))}
                {pair.completionComment ? ` — ${pair.completionComment}` : ''}
              </span>
            )}
          </dd>
        </div>
        {staffView && pair.score !== null && pair.score !== undefined && (
          <div>
            <dt>{t.score}</dt>
            <dd>{pair.score}</dd>
          </div>
        )}
        {staffView && (
          <div>
            <dt>{t.order}</dt>
            <dd data-testid="pair-order">
              {pair.programme.orderNumber && pair.programme.orderDate
                ? ru.programmes.orderLine(pair.programme.orderNumber, isoToRu(pair.programme.orderDate))
                : ru.programmes.noOrder}
            </dd>
          </div>
        )}
      </dl>
      {pair.partnerAgreementInForce === false && <p className="notice notice-warning">{t.partnerAgreementEnded}</p>}
      {pair.extensions.length > 0 && (
        <>
          <h3>{t.extensions}</h3>
          <ul>
            {pair.extensions.map((e, index) => (
              <li key={index}>{t.extensionLine(isoToRu(e.from), isoToRu(e.until), isoToRu(e.on), e.comment)}</li>
            ))}
          </ul>
        </>
      )}
      {!active && <p className="muted">{t.notActive}</p>}
      <PlanSection pair={pair} editable={manage && active} markable={canMarkTasks && !manage && active} onChanged={onChanged} />
      <PlannedMeetingPanel pair={pair} canPlan={canRecordMeeting && active} onChanged={onChanged} />
      <MeetingsSection pair={pair} canRecord={canRecordMeeting && active} onChanged={onChanged} />
      {manage && active && <FinishSection pair={pair} onChanged={onChanged} />}
    </>
  );
}

function PlanSection({
  pair,
  editable,
  markable,
  onChanged,
}: {
  pair: PairData;
  editable: boolean;
  /** A member of the pair: marks tasks done with a note (the curator edits the plan instead). */
  markable: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const t = ru.pairCard;
  const [save, { loading }] = useMutation(SetPairPlanMutation);
  const [mark, { loading: markingTask }] = useMutation(MarkPlanTaskMutation);
  const [marking, setMarking] = useState<string | null>(null);
  const [markNotice, setMarkNotice] = useState<string | null>(null);
  const markForm = useForm({ note: '' });

  async function markTask(task: PairData['tasks'][number], done: boolean, event?: FormEvent) {
    event?.preventDefault();
    setFailure(null);
    setMarkNotice(null);
    let input: { taskId: string; done: boolean; note: string | null } = { taskId: task.id, done: false, note: null };
    if (done) {
      const values = markForm.check(markValues(pair.tasks, task.id, markForm.draft.note));
      if (!values) return;
      input = values;
    } else markForm.begin();
    try {
      await mark({ variables: { input: { pairId: pair.id, ...input } } });
      await onChanged();
      setMarking(null);
      markForm.setDraft({ note: '' });
      setMarkNotice(done ? t.markedDone(task.title) : t.reopened(task.title));
    } catch (error) {
      if (done) markForm.fail(error);
      else setFailure(classifyError(error).message);
    }
  }

  const [failure, setFailure] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const addForm = useForm({ title: '', deadline: '' });
  const editForm = useForm({ title: '', deadline: '' });
  const confirm = useConfirm();

  async function apply(change: PlanChange, form?: typeof addForm): Promise<boolean> {
    setFailure(null);
    try {
      await save({ variables: { pairId: pair.id, tasks: planAfter(pair.tasks, change) } });
      await onChanged();
      return true;
    } catch (error) {
      if (form) form.fail(error);
      else setFailure(classifyError(error).message);
      return false;
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    const values = addForm.check(taskDraftValues(pair.tasks, null, addForm.draft.title, addForm.draft.deadline));
    if (!values) return;
    if (await apply({ kind: 'add', ...values }, addForm)) addForm.setDraft({ title: '', deadline: '' });
  }

  async function saveEdit(event: FormEvent, id: string) {
    event.preventDefault();
    const values = editForm.check(taskDraftValues(pair.tasks, id, editForm.draft.title, editForm.draft.deadline));
    if (!values) return;
    if (await apply({ kind: 'edit', id, ...values }, editForm)) setEditing(null);
  }

  const progress = pair.progress;
  return (
    <section aria-labelledby="plan-title" data-testid="plan">
      {confirm.dialog}
      <h2 id="plan-title">{t.planTitle}</h2>
      <p data-testid="plan-progress">
        <strong>{t.progress(progress.done, progress.total, progress.percent ?? null)}</strong>
        {progress.overdue > 0 && (
          <>
            {' '}
            <StatusBadge label={t.overdue(progress.overdue)} tone="returned" />
          </>
        )}
      </p>
      {progress.total > 0 && (
        <progress max={100} value={progress.percent ?? 0} aria-label={t.planTitle}>
          {progress.percent ?? 0} %
        </progress>
      )}
      <ErrorNotice>{failure}</ErrorNotice>
      <SuccessNotice>{markNotice}</SuccessNotice>
      {pair.tasks.length > 0 && (
        <TableWrap>
          <table className="table" aria-label={t.planTitle} data-testid="plan-tasks">
            <thead>
              <tr>
                <th scope="col">{t.done}</th>
                <th scope="col">{t.task}</th>
                <th scope="col">{t.deadlineShort}</th>
                {(editable || markable) && (
                  <th scope="col">
                    <span className="visually-hidden">{editable ? t.editTask : t.actions}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {pair.tasks.map((task) =>
                editing === task.id ? (
                  <tr key={task.id}>
                    <td colSpan={editable ? 4 : 3}>
                      <form className="form" onSubmit={(event) => void saveEdit(event, task.id)} noValidate>
                        <TextField label={t.task} {...editForm.field('title')} maxChars={PAIR_INPUT_LIMITS.taskTitle} autoComplete="off" />
                        <DateField label={t.deadline} {...editForm.valueField('deadline')} />
                        <ErrorNotice>{editForm.formError}</ErrorNotice>
                        <div className="form-actions">
                          <button type="submit" className="button button-small" disabled={loading}>
                            {loading ? t.saving : t.save}
                          </button>
                          <button type="button" className="button button-secondary button-small" onClick={() => setEditing(null)}>
                            {t.cancel}
                          </button>
                        </div>
                      </form>
                    </td>
                  </tr>
                ) : (
                  <tr key={task.id}>
                    <td>
                      {editable ? (
                        <input
                          type="checkbox"
                          checked={task.done}
                          disabled={loading}
                          aria-label={`${t.done}: ${task.title}`}
                          onChange={(event) => void apply({ kind: 'toggle', id: task.id, done: event.target.checked })}
                        />
                      ) : task.done ? (
                        '✓'
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {task.title}
                      {task.done && task.doneOn && (
                        <span className="muted" data-testid="task-done-by">
                          {` (${[t.doneOn(isoToRu(task.doneOn)), task.doneByName ? t.doneBy(task.doneByName) : ''].filter(Boolean).join(', ')})`}
                        </span>
                      )}
                      {task.done && task.doneNote && (
                        <p className="task-note" data-testid="task-note">
                          {task.doneNote}
                        </p>
                      )}
                      {markable && marking === task.id && (
                        <form
                          className="form"
                          onSubmit={(event) => void markTask(task, true, event)}
                          noValidate
                          aria-label={t.markDoneTitle(task.title)}
                          data-testid="mark-task-form"
                        >
                          <TextAreaField label={t.doneNote} hint={t.doneNoteHint} {...markForm.field('note')} maxChars={PAIR_INPUT_LIMITS.taskNote} />
                          <ErrorNotice>{markForm.formError}</ErrorNotice>
                          <div className="form-actions">
                            <button type="submit" className="button button-small" disabled={markingTask}>
                              {markingTask ? t.marking : t.confirmDone}
                            </button>
                            <button type="button" className="button button-secondary button-small" onClick={() => setMarking(null)}>
                              {t.cancel}
                            </button>
                          </div>
                        </form>
                      )}
                    </td>
                    <td>{task.deadline ? isoToRu(task.deadline) : <span className="muted">{t.noDeadline}</span>}</td>
                    {markable && (
                      <td className="actions">
                        {task.done ? (
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            disabled={markingTask}
                            aria-label={`${t.reopen}: ${task.title}`}
                            onClick={() => void markTask(task, false)}
                          >
                            {t.reopen}
                          </button>
                        ) : marking !== task.id ? (
                          <button
                            type="button"
                            className="button button-small"
                            aria-label={`${t.markDone}: ${task.title}`}
                            onClick={() => {
                              markForm.setDraft({ note: '' });
                              markForm.begin();
                              setMarkNotice(null);
                              setMarking(task.id);
                            }}
                          >
                            {t.markDone}
                          </button>
                        ) : null}
                      </td>
                    )}
                    {editable && (
                      <td className="actions">
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          onClick={() => {
                            editForm.setDraft({ title: task.title, deadline: task.deadline ? isoToRu(task.deadline) : '' });
                            editForm.begin();
                            setEditing(task.id);
                          }}
                        >
                          {t.editTask}
                        </button>{' '}
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          disabled={loading}
                          onClick={() => confirm.ask({ title: t.removeTaskConfirm(task.title), onConfirm: () => void apply({ kind: 'remove', id: task.id }) })}
                        >
                          {t.removeTask}
                        </button>
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </TableWrap>
      )}
      {editable && (
        <form className="form panel measure" onSubmit={(event) => void add(event)} noValidate aria-label={t.addTask} data-testid="add-task">
          <TextField label={t.task} {...addForm.field('title')} maxChars={PAIR_INPUT_LIMITS.taskTitle} required autoComplete="off" />
          <DateField label={t.deadline} {...addForm.valueField('deadline')} />
          <ErrorNotice>{addForm.formError}</ErrorNotice>
          <div className="form-actions">
            <button type="submit" className="button" disabled={loading}>
              {loading ? t.adding : t.addTask}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function MeetingsSection({ pair, canRecord, onChanged }: { pair: PairData; canRecord: boolean; onChanged: () => Promise<unknown> }) {
  const t = ru.pairCard;
  const next = pair.nextMeetingTypes;
  const suggested = suggestedMeetingType(next) ?? '';
  const form = useForm({ type: suggested, date: isoToRu(todayIso()), notes: '', feedback: '', finalDespitePlan: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const [record, { loading }] = useMutation(RecordMeetingMutation);
  const step = methodologyStep(pair.meetings.map((m) => m.type));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    const values = form.check(meetingValues({ ...form.draft, type: form.draft.type || suggested }, pair.meetings, pair.progress));
    if (!values) return;
    try {
      await record({ variables: { input: { pairId: pair.id, ...values } } });
      await onChanged();
      setNotice(t.meetingRecorded(meetingTypeLabel(values.type)));
      // The next step of the methodology is offered again, the date kept.
      form.setDraft((current) => ({ ...current, notes: '', feedback: '', type: '', finalDespitePlan: '' }));
    } catch (error) {
      form.fail(error);
    }
  }

  // After a meeting is recorded the suggestion moves on: keep the form's kind in step with it.
  const type = form.draft.type || suggested;
  const finalBeforePlanDone = type === 'final' && planUnfinished(pair.progress);
  return (
    <section aria-labelledby="meetings-title" data-testid="meetings">
      <h2 id="meetings-title">{t.meetingsTitle}</h2>
      <p className="muted">{t.methodology}</p>
      <p data-testid="meetings-next">
        {t.step(step.reached, step.total)}.{' '}
        {next.length > 0 ? t.nextExpected(next.map((code) => `«${meetingTypeLabel(code)}»`).join(' или ')) : pair.status === 'active' ? t.allDone : ''}
      </p>
      {pair.meetings.length === 0 ? (
        <p className="muted">{t.meetingsEmpty}</p>
      ) : (
        <ol className="card-list" data-testid="meeting-list">
          {pair.meetings.map((m) => (
            <li key={m.id} className="panel">
              <strong>{meetingTypeLabel(m.type)}</strong>, {isoToRu(m.date)} <span className="muted">({t.recordedBy(m.recordedByName)})</span>
              {m.notes && (
                <p>
                  <span className="muted">{t.notes}:</span> {m.notes}
                </p>
              )}
              <p>
                <span className="muted">{t.feedback}:</span> {m.feedback}
              </p>
            </li>
          ))}
        </ol>
      )}
      <SuccessNotice>{notice}</SuccessNotice>
      {canRecord && next.length > 0 && (
        <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate aria-label={t.recordMeeting} data-testid="meeting-form">
          <SelectField label={t.meetingType} {...form.field('type')} value={type} required>
            {meetingTypeOptions(next).map((option) => (
              <option key={option.value} value={option.value}>
                {option.expected ? `${option.label} — ${t.expected}` : option.label}
              </option>
            ))}
          </SelectField>
          {finalBeforePlanDone && (
            <>
              <Notice tone="warning">{t.finalPlanNotDone(pair.progress.done, pair.progress.total, pair.progress.percent ?? 0)}</Notice>
              <CheckboxField
                label={t.finalDespitePlan}
                value={form.draft.finalDespitePlan}
                error={form.errors.finalDespitePlan}
                onChange={(value) => form.set('finalDespitePlan', value)}
              />
            </>
          )}
          <DateField label={t.meetingDate} {...form.valueField('date')} required />
          <TextAreaField label={t.notes} {...form.field('notes')} />
          <TextAreaField label={t.feedback} hint={t.feedbackHint} {...form.field('feedback')} required />
          <ErrorNotice>{form.formError}</ErrorNotice>
          <div className="form-actions">
            <button type="submit" className="button" disabled={loading}>
              {loading ? t.recording : t.recordMeeting}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function FinishSection({ pair, onChanged }: { pair: PairData; onChanged: () => Promise<unknown> }) {
  const t = ru.pairCard;
  const complete = useForm({ reason: '', on: isoToRu(todayIso()), comment: '' });
  const extend = useForm({ until: '', comment: '', mutualConsent: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const [completeMutation, { loading: completing }] = useMutation(CompletePairMutation);
  const [extendMutation, { loading: extending }] = useMutation(ExtendPairMutation);

  async function submitComplete(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    const values = complete.check(completionValues(complete.draft, pair));
    if (!values) return;
    try {
      await completeMutation({ variables: { input: { pairId: pair.id, ...values } } });
      await onChanged();
    } catch (error) {
      complete.fail(error);
    }
  }

  async function submitExtend(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    const values = extend.check(extensionValues({ ...extend.draft, mutualConsent: extend.draft.mutualConsent === 'yes' }, pair));
    if (!values) return;
    try {
      const result = await extendMutation({ variables: { input: { pairId: pair.id, ...values } } });
      await onChanged();
      extend.setDraft({ until: '', comment: '', mutualConsent: '' });
      setNotice(t.extendedNotice(isoToRu(result.data?.extendPair.endDate ?? values.until)));
    } catch (error) {
      extend.fail(error);
    }
  }

  return (
    <section aria-labelledby="finish-title" data-testid="finish">
      <h2 id="finish-title">{t.finishTitle}</h2>
      <SuccessNotice>{notice}</SuccessNotice>
      <div className="form-grid form-grid-2">
        <form className="form panel" onSubmit={(event) => void submitComplete(event)} noValidate aria-label={t.complete} data-testid="complete-form">
          <SelectField label={t.reason} {...complete.field('reason')} required>
            <option value="">{ru.programmes.choose}</option>
            {COMPLETION_REASONS.map((code) => (
              <option key={code} value={code}>
                {reasonLabel(code)}
              </option>
            ))}
          </SelectField>
          <DateField label={t.completedOn} {...complete.valueField('on')} required />
          <TextAreaField label={t.comment} hint={t.commentHint} {...complete.field('comment')} />
          <ErrorNotice>{complete.formError}</ErrorNotice>
          <div className="form-actions">
            <button type="submit" className="button" disabled={completing}>
              {completing ? t.completing : t.complete}
            </button>
          </div>
        </form>
        <form className="form panel" onSubmit={(event) => void submitExtend(event)} noValidate aria-label={t.extend} data-testid="extend-form">
          <DateField label={t.until} {...extend.valueField('until')} required />
          <TextAreaField label={t.extendComment} {...extend.field('comment')} required />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={extend.draft.mutualConsent === 'yes'}
              onChange={(event) => extend.set('mutualConsent', event.target.checked ? 'yes' : '')}
              aria-invalid={extend.errors.mutualConsent ? true : undefined}
            />{' '}
            {t.mutualConsent}
          </label>
          {extend.errors.mutualConsent && <p className="field-error">{extend.errors.mutualConsent}</p>}
          <ErrorNotice>{extend.formError}</ErrorNotice>
          <div className="form-actions">
            <button type="submit" className="button button-secondary" disabled={extending}>
              {extending ? t.extending : t.extend}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
