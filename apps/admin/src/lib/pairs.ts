/**
 * The pair/group card (issue 5): the individual plan's changes as the `setPairPlan` list, the
 * meeting suggested next in the methodology's order, and the card's forms checked with the domain's
 * shared schemas (the API checks the same input with them): every problem at once, in the API's
 * words, given what the card shows of the pair (its meetings, its plan's dates and tasks). Only a
 * date typed in a wrong format is the form's own message — the API never sees ДД.ММ.ГГГГ. Pure, so
 * unit-tested.
 */
import {
  checkInput,
  completionInputSchema,
  extensionInputSchema,
  markPlanTaskInputSchema,
  meetingInputSchema,
  MEETING_TYPES,
  MEETING_TYPE_LABELS_RU,
  planTasksSchema,
  type CompletionInputValues,
  type ExtensionInputValues,
  type FieldIssue,
  type MeetingHistory,
  type MeetingInputValues,
  type MeetingType,
} from '@nastavnik/domain';
import { ru } from '../i18n/ru';
import { parseDateRu } from './roadmap/dates';

/** A date as typed (ДД.ММ.ГГГГ) for a shared schema: '' when empty (the schema's «укажите дату»), null when mistyped. */
function typedDate(text: string): string | null {
  return text.trim() ? parseDateRu(text) : '';
}

/** The shared schema's issues beside the form's fields of the same name. */
function errorsOf<K extends string>(issues: readonly FieldIssue[], fields: readonly K[]): Partial<Record<K, string>> {
  const errors: Partial<Record<K, string>> = {};
  for (const issue of issues) if ((fields as readonly string[]).includes(issue.field)) errors[issue.field as K] = issue.message;
  return errors;
}

export interface PlanTaskLike {
  id: string;
  title: string;
  deadline?: string | null;
  done: boolean;
}

export interface PlanTaskInputValue {
  id?: string;
  title: string;
  deadline: string | null;
  done: boolean;
}

export type PlanChange =
  | { kind: 'add'; title: string; deadline: string | null }
  | { kind: 'edit'; id: string; title: string; deadline: string | null }
  | { kind: 'toggle'; id: string; done: boolean }
  | { kind: 'remove'; id: string };

/** The whole plan after one change, as `setPairPlan` takes it (existing tasks keep their ids). */
export function planAfter(tasks: readonly PlanTaskLike[], change: PlanChange): PlanTaskInputValue[] {
  const current: PlanTaskInputValue[] = tasks.map((task) => ({ id: task.id, title: task.title, deadline: task.deadline ?? null, done: task.done }));
  switch (change.kind) {
    case 'add':
      return [...current, { title: change.title.trim(), deadline: change.deadline, done: false }];
    case 'edit':
      return current.map((task) => (task.id === change.id ? { ...task, title: change.title.trim(), deadline: change.deadline } : task));
    case 'toggle':
      return current.map((task) => (task.id === change.id ? { ...task, done: change.done } : task));
    case 'remove':
      return current.filter((task) => task.id !== change.id);
  }
}

/**
 * A task as typed — the title, the deadline ДД.ММ.ГГГГ (optional) — added to the plan (`id` null) or
 * replacing the task `id`: the whole plan after the change goes through the shared schema, as
 * `setPairPlan` will check it, and this task's problems («Задача 3: укажите содержание») go beside
 * its fields.
 */
export function taskDraftValues(
  tasks: readonly PlanTaskLike[],
  id: string | null,
  title: string,
  deadlineText: string,
): { errors: { title?: string; deadline?: string }; values: { title: string; deadline: string | null } | null } {
  const deadline = typedDate(deadlineText);
  const change: PlanChange = id === null ? { kind: 'add', title, deadline: deadline || null } : { kind: 'edit', id, title, deadline: deadline || null };
  const index = id === null ? tasks.length : tasks.findIndex((task) => task.id === id);
  const result = checkInput(planTasksSchema, { tasks: planAfter(tasks, change) });
  const own = `tasks[${index}].`;
  const errors = errorsOf(
    result.issues.filter((issue) => issue.field.startsWith(own)).map((issue) => ({ ...issue, field: issue.field.slice(own.length) })),
    ['title', 'deadline'] as const,
  );
  if (deadline === null) errors.deadline = ru.programmes.badDate;
  if (errors.title || errors.deadline) return { errors, values: null };
  return { errors: {}, values: { title: title.trim(), deadline: deadline || null } };
}

export function meetingTypeLabel(code: string): string {
  return (MEETING_TYPE_LABELS_RU as Record<string, string>)[code] ?? code;
}

/** What the form offers first: the next step of the methodology (a regular meeting before the final one). */
export function suggestedMeetingType(next: readonly string[]): MeetingType | null {
  const known = MEETING_TYPES.filter((type) => next.includes(type));
  return known[0] ?? null;
}

/** All kinds in the methodology's order, those possible now marked. */
export function meetingTypeOptions(next: readonly string[]): Array<{ value: MeetingType; label: string; expected: boolean }> {
  return MEETING_TYPES.map((type) => ({ value: type, label: meetingTypeLabel(type), expected: next.includes(type) }));
}

/** «2 из 5» of the methodology's steps reached (regular meetings count once). */
export function methodologyStep(history: readonly string[]): { reached: number; total: number } {
  const reached = new Set(history.filter((type) => (MEETING_TYPES as readonly string[]).includes(type))).size;
  return { reached, total: MEETING_TYPES.length };
}

export interface MeetingDraft {
  type: string;
  date: string;
  notes: string;
  feedback: string;
  /** `yes` when the user confirmed a final meeting while the plan is not done (else ''). */
  finalDespitePlan?: string;
}

/** A plan with tasks, not all of them done. */
export function planUnfinished(progress: { done: number; total: number } | null | undefined): boolean {
  return !!progress && progress.total > 0 && progress.done < progress.total;
}

/**
 * The `RecordMeetingInput` for the draft (without `pairId`), checked with the shared schema against
 * the meetings the card shows (`history`): the order, the date, the feedback, all at once. A final
 * meeting while the plan is not done also needs the user's confirmation — the card's own question,
 * not a rule of the input (the API records it): it sums up the pair's work, so recording it by a slip
 * of the list would be a silent surprise.
 */
export function meetingValues(
  draft: MeetingDraft,
  history: MeetingHistory,
  progress?: { done: number; total: number },
): {
  errors: Partial<Record<keyof MeetingDraft, string>>;
  values: MeetingInputValues | null;
} {
  const date = typedDate(draft.date);
  const result = checkInput(meetingInputSchema(history), { type: draft.type, date: date ?? '', notes: draft.notes, feedback: draft.feedback });
  const errors: Partial<Record<keyof MeetingDraft, string>> = errorsOf(result.issues, ['type', 'date', 'notes', 'feedback'] as const);
  if (date === null) errors.date = ru.programmes.badDate;
  if (draft.type === 'final' && planUnfinished(progress) && draft.finalDespitePlan !== 'yes') errors.finalDespitePlan = ru.pairCard.finalDespitePlanRequired;
  if (Object.keys(errors).length > 0 || !result.ok) return { errors, values: null };
  return { errors: {}, values: result.value };
}

export interface CompletionDraft {
  reason: string;
  on: string;
  comment: string;
}

/** The plan as the completion and extension check it: its dates and its tasks' marks. */
export interface PlanLike {
  startDate: string;
  endDate: string;
  tasks: readonly { done: boolean; deadline?: string | null }[];
}

/** The `CompletePairInput` (without `pairId`) through the shared schema, against the plan the card shows. */
export function completionValues(
  draft: CompletionDraft,
  plan: PlanLike,
): {
  errors: Partial<Record<keyof CompletionDraft, string>>;
  values: CompletionInputValues | null;
} {
  const on = typedDate(draft.on);
  const schema = completionInputSchema({ start: plan.startDate, tasks: plan.tasks.map((task) => ({ done: task.done, deadline: task.deadline ?? null })) });
  const result = checkInput(schema, { reason: draft.reason, on: on ?? '', comment: draft.comment });
  const errors: Partial<Record<keyof CompletionDraft, string>> = errorsOf(result.issues, ['reason', 'on', 'comment'] as const);
  if (on === null) errors.on = ru.programmes.badDate;
  if (Object.keys(errors).length > 0 || !result.ok) return { errors, values: null };
  return { errors: {}, values: result.value };
}

export interface ExtensionDraft {
  until: string;
  comment: string;
  mutualConsent: boolean;
}

/** The `ExtendPairInput` (without `pairId`) through the shared schema, against the plan's current end: date, consent, reason at once. */
export function extensionValues(
  draft: ExtensionDraft,
  plan: Pick<PlanLike, 'endDate'>,
): {
  errors: Partial<Record<keyof ExtensionDraft, string>>;
  values: ExtensionInputValues | null;
} {
  const until = typedDate(draft.until);
  const result = checkInput(extensionInputSchema({ end: plan.endDate }), { until: until ?? '', comment: draft.comment, mutualConsent: draft.mutualConsent });
  const errors: Partial<Record<keyof ExtensionDraft, string>> = errorsOf(result.issues, ['until', 'comment', 'mutualConsent'] as const);
  if (until === null) errors.until = ru.programmes.badDate;
  if (Object.keys(errors).length > 0 || !result.ok) return { errors, values: null };
  return { errors: {}, values: result.value };
}

/** A member's mark of a task done with a note (`MarkPlanTaskInput` without `pairId`), through the shared schema. */
export function markValues(
  tasks: readonly { id: string }[],
  taskId: string,
  note: string,
): { errors: { note?: string }; values: { taskId: string; done: true; note: string } | null } {
  const result = checkInput(markPlanTaskInputSchema(tasks), { taskId, done: true, note });
  const errors = errorsOf(result.issues, ['note'] as const);
  if (!result.ok) return { errors, values: null };
  return { errors: {}, values: { taskId: result.value.taskId, done: true, note: result.value.note } };
}

/** The card's address. */
export const pairPaths = {
  pair: (programmeId: string, pairId: string) => `/programmes/${encodeURIComponent(programmeId)}/pairs/${encodeURIComponent(pairId)}`,
  my: () => '/my',
};
