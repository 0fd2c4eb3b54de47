/**
 * The pair/group card (issue 5): the individual plan's changes as the `setPairPlan` list, the
 * meeting suggested next in the methodology's order, the meeting, completion and extension forms'
 * date checks. Only formats are checked here — the rules (order, feedback, reasons, periods) are the
 * API's and its Russian messages go beside the fields. Pure, so unit-tested.
 */
import { COMPLETION_REASONS, MEETING_TYPES, MEETING_TYPE_LABELS_RU, type MeetingType } from '@nastavnik/domain';
import { ru } from '../i18n/ru';
import { parseDateRu } from './roadmap/dates';

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

/** A task as typed: the title, the deadline ДД.ММ.ГГГГ (optional). */
export function taskDraftValues(
  title: string,
  deadlineText: string,
): { errors: { title?: string; deadline?: string }; values: { title: string; deadline: string | null } | null } {
  const errors: { title?: string; deadline?: string } = {};
  if (!title.trim()) errors.title = ru.programmes.requiredField;
  const deadline = deadlineText.trim() ? parseDateRu(deadlineText) : null;
  if (deadlineText.trim() && !deadline) errors.deadline = ru.programmes.badDate;
  if (errors.title || errors.deadline) return { errors, values: null };
  return { errors: {}, values: { title: title.trim(), deadline } };
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
 * The `RecordMeetingInput` for the draft (without `pairId`); only the date's format is checked here.
 * A final meeting while the plan is not done needs the user's confirmation: it sums up the pair's
 * work, so recording it by a slip of the list would be a silent surprise.
 */
export function meetingValues(
  draft: MeetingDraft,
  progress?: { done: number; total: number },
): {
  errors: Partial<Record<keyof MeetingDraft, string>>;
  values: { type: string; date: string; notes: string; feedback: string } | null;
} {
  const errors: Partial<Record<keyof MeetingDraft, string>> = {};
  if (!draft.type) errors.type = ru.programmes.requiredField;
  const date = parseDateRu(draft.date);
  if (!draft.date.trim()) errors.date = ru.programmes.requiredField;
  else if (!date) errors.date = ru.programmes.badDate;
  if (draft.type === 'final' && planUnfinished(progress) && draft.finalDespitePlan !== 'yes') errors.finalDespitePlan = ru.pairCard.finalDespitePlanRequired;
  if (Object.keys(errors).length > 0) return { errors, values: null };
  return { errors: {}, values: { type: draft.type, date: date!, notes: draft.notes.trim(), feedback: draft.feedback } };
}

export interface CompletionDraft {
  reason: string;
  on: string;
  comment: string;
}

export function completionValues(draft: CompletionDraft): {
  errors: Partial<Record<keyof CompletionDraft, string>>;
  values: { reason: string; on: string; comment: string | null } | null;
} {
  const errors: Partial<Record<keyof CompletionDraft, string>> = {};
  if (!(COMPLETION_REASONS as readonly string[]).includes(draft.reason)) errors.reason = ru.programmes.requiredField;
  const on = parseDateRu(draft.on);
  if (!on) errors.on = draft.on.trim() ? ru.programmes.badDate : ru.programmes.requiredField;
  if (Object.keys(errors).length > 0) return { errors, values: null };
  return { errors: {}, values: { reason: draft.reason, on: on!, comment: draft.comment.trim() || null } };
}

export interface ExtensionDraft {
  until: string;
  comment: string;
  mutualConsent: boolean;
}

export function extensionValues(draft: ExtensionDraft): {
  errors: Partial<Record<keyof ExtensionDraft, string>>;
  values: { until: string; comment: string; mutualConsent: boolean } | null;
} {
  const until = parseDateRu(draft.until);
  if (!until) return { errors: { until: draft.until.trim() ? ru.programmes.badDate : ru.programmes.requiredField }, values: null };
  return { errors: {}, values: { until, comment: draft.comment.trim(), mutualConsent: draft.mutualConsent } };
}

/** The card's address. */
export const pairPaths = {
  pair: (programmeId: string, pairId: string) => `/programmes/${encodeURIComponent(programmeId)}/pairs/${encodeURIComponent(pairId)}`,
  my: () => '/my',
};
