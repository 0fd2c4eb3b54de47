import { formatDateRu } from '../dates.js';
import { daysInMonth, isIsoDate, isoDate, type IsoDate } from '../roadmap/iso-date.js';
import type { ValidationIssue } from '../roadmap/model.js';
import {
  COMPLETION_REASONS,
  COMPLETION_REASON_LABELS_RU,
  MEETING_TYPES,
  MEETING_TYPE_LABELS_RU,
  nextAllowedMeetingTypes,
  type CompletionReason,
  type MeetingType,
} from './catalog.js';

/**
 * The individual plan of a pair or group (индивидуальный план / персонализированная программа,
 * 3 months to 1 year), its meetings and its completion or extension.
 */

export interface PlanTask {
  id: string;
  title: string;
  deadline: IsoDate | null;
  done: boolean;
  doneOn: IsoDate | null;
  /** Who marked it done (a member of the pair or the curator), as they signed in. */
  doneByName?: string | null;
  /** Their note on how it went (absent for marks made before notes existed). */
  doneNote?: string | null;
}

export interface PlanExtension {
  /** The end before the extension. */
  from: IsoDate;
  until: IsoDate;
  /** When it was agreed. */
  on: IsoDate;
  comment: string;
}

export interface IndividualPlan {
  start: IsoDate;
  end: IsoDate;
  tasks: readonly PlanTask[];
  extensions: readonly PlanExtension[];
}

export const PLAN_MIN_MONTHS = 3;
export const PLAN_MAX_MONTHS = 12;
export const TASK_TITLE_MAX = 1000;
export const TASK_NOTE_MAX = 2000;
export const NO_DATA_RU = 'нет данных';

export interface PlanProgress {
  total: number;
  done: number;
  /** Whole percent, rounded down (89.9 % is not «90 %» for the monitoring target); null without tasks. */
  percent: number | null;
  /** Open tasks whose deadline passed before `on` (0 when no date is given). */
  overdue: number;
  /** «67 %» or «нет данных». */
  labelRu: string;
}

export function planProgress(tasks: readonly Pick<PlanTask, 'done' | 'deadline'>[], on?: IsoDate): PlanProgress {
  const total = tasks.length;
  const done = tasks.filter((t) => t.done).length;
  const overdue = on === undefined ? 0 : tasks.filter((t) => !t.done && t.deadline !== null && t.deadline < on).length;
  const percent = total === 0 ? null : Math.floor((done * 100) / total);
  return { total, done, percent, overdue, labelRu: percent === null ? NO_DATA_RU : `${percent} %` };
}

/** The same day `months` later; a day the target month lacks becomes its last day (31.01 + 1 → 28/29.02). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return isoDate(year, month, day) as IsoDate;
}

function previousDay(date: IsoDate): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (d > 1) return isoDate(y, m, d - 1) as IsoDate;
  if (m > 1) return isoDate(y, m - 1, daysInMonth(y, m - 1)) as IsoDate;
  return isoDate(y - 1, 12, 31) as IsoDate;
}

/** The last day of a period of whole months: from 01.09.2024, 3 months end on 30.11.2024. */
export function periodEnd(start: IsoDate, months: number): IsoDate {
  return previousDay(addMonths(start, months));
}

export const PLAN_MESSAGES_RU = {
  invalidDate: (label: string) => `${label}: некорректная дата`,
  dateRequired: (label: string) => `${label}: укажите дату`,
  endBeforeStart: 'Окончание плана: не раньше начала',
  tooShort: (start: IsoDate, end: IsoDate) =>
    `Срок плана: не менее ${PLAN_MIN_MONTHS} месяцев (с ${formatDateRu(start)} — не раньше ${formatDateRu(periodEnd(start, PLAN_MIN_MONTHS))}, указано ${formatDateRu(end)})`,
  tooLong: (start: IsoDate, end: IsoDate) =>
    `Срок плана: не более ${PLAN_MAX_MONTHS} месяцев (с ${formatDateRu(start)} — не позже ${formatDateRu(periodEnd(start, PLAN_MAX_MONTHS))}, указано ${formatDateRu(end)})`,
  taskTitleRequired: (n: number) => `Задача ${n}: укажите содержание`,
  taskTitleTooLong: (n: number) => `Задача ${n}: не более ${TASK_TITLE_MAX} символов`,
  taskDeadlineInvalid: (n: number) => `Задача ${n}: некорректный срок`,
  taskDeadlineOutside: (n: number) => `Задача ${n}: срок вне периода плана`,
  taskDuplicateId: (n: number) => `Задача ${n}: такая задача уже есть в плане`,
  taskDoneOnInvalid: (n: number) => `Задача ${n}: некорректная дата выполнения`,
  taskNotInPlan: 'Задача: такой задачи нет в плане пары',
  taskNoteTooLong: `Комментарий к задаче: не более ${TASK_NOTE_MAX} символов`,
  extensionUntilRequired: 'Продление: укажите новую дату окончания',
  extensionNotLater: (end: IsoDate) => `Продление: новая дата окончания должна быть позже ${formatDateRu(end)}`,
  extensionConsent: 'Продление: нужно взаимное согласие наставника и наставляемого',
  extensionBeyondYear: (months: number) => `Продление: с продлением план длится больше ${months} месяцев — оформите продление приказом`,
  extensionCommentRequired: 'Продление: укажите причину',
  completionReasonUnknown: 'Причина завершения: выберите из списка',
  completionCommentRequired: (reason: CompletionReason) => `Комментарий: для причины «${COMPLETION_REASON_LABELS_RU[reason]}» опишите обстоятельства`,
  completionBeforeStart: 'Дата завершения: не раньше начала плана',
  completionPlanNotDone: (percent: number | null) =>
    `Причина «${COMPLETION_REASON_LABELS_RU['plan-done']}»: ${percent === null ? 'в плане нет задач' : `выполнено ${percent} % задач плана`}`,
  meetingTypeRequired: 'Вид встречи: выберите из списка',
  meetingTypeUnknown: (type: string) => `Вид встречи: неизвестное значение «${type}»`,
  meetingOutOfOrder: (type: MeetingType, allowed: readonly MeetingType[]) =>
    allowed.length === 0
      ? `Вид встречи: итоговая встреча уже проведена — встреча «${MEETING_TYPE_LABELS_RU[type]}» невозможна`
      : `Вид встречи: сейчас возможна ${allowed.map((t) => `«${MEETING_TYPE_LABELS_RU[t]}»`).join(' или ')}, а не «${MEETING_TYPE_LABELS_RU[type]}»`,
  meetingDateInvalid: 'Дата встречи: некорректная дата',
  meetingBeforePrevious: (date: IsoDate) => `Дата встречи: не раньше предыдущей встречи (${formatDateRu(date)})`,
  meetingFeedbackRequired: 'Обратная связь: обязательна после каждой встречи',
} as const;

/** A plan lasts from 3 whole months to one year: 01.09.2024 – 30.11.2024 … 01.09.2024 – 31.08.2025. */
export function validatePlanPeriod(start: IsoDate, end: IsoDate): ValidationIssue[] {
  const M = PLAN_MESSAGES_RU;
  if (!isIsoDate(start)) return [{ field: 'start', message: M.invalidDate('Начало плана'), severity: 'error' }];
  if (!isIsoDate(end)) return [{ field: 'end', message: M.invalidDate('Окончание плана'), severity: 'error' }];
  if (end < start) return [{ field: 'end', message: M.endBeforeStart, severity: 'error' }];
  if (end < periodEnd(start, PLAN_MIN_MONTHS)) return [{ field: 'end', message: M.tooShort(start, end), severity: 'error' }];
  if (end > periodEnd(start, PLAN_MAX_MONTHS)) return [{ field: 'end', message: M.tooLong(start, end), severity: 'error' }];
  return [];
}

/**
 * The plan as a whole: its period (on the original end: an agreed extension may take it past a
 * year) and its tasks, numbered from 1 in the messages.
 */
export function validatePlan(plan: IndividualPlan): ValidationIssue[] {
  const originalEnd = plan.extensions[0]?.from ?? plan.end;
  return [...validatePlanPeriod(plan.start, originalEnd), ...validatePlanTasks(plan.tasks, plan)];
}

/** A task of the plan as the curator sends it: no id when new, no date of the mark (the API's). */
export interface PlanTaskDraft {
  id?: string | null;
  title: string;
  deadline: string | null;
  doneOn?: string | null;
}

/**
 * The plan's tasks, numbered from 1 in the messages, fields `tasks[i].title` and so on: a title,
 * real dates, no task twice. A deadline outside the period (when it is given) is a warning.
 */
export function validatePlanTasks(tasks: readonly PlanTaskDraft[], period?: { start: IsoDate; end: IsoDate }): ValidationIssue[] {
  const M = PLAN_MESSAGES_RU;
  const issues: ValidationIssue[] = [];
  const ids = new Set<string>();
  for (const [i, task] of tasks.entries()) {
    const n = i + 1;
    const field = (name: string) => `tasks[${i}].${name}`;
    const title = task.title.trim();
    if (!title) issues.push({ field: field('title'), message: M.taskTitleRequired(n), severity: 'error' });
    else if (title.length > TASK_TITLE_MAX) issues.push({ field: field('title'), message: M.taskTitleTooLong(n), severity: 'error' });
    if (task.deadline !== null) {
      if (!isIsoDate(task.deadline)) issues.push({ field: field('deadline'), message: M.taskDeadlineInvalid(n), severity: 'error' });
      else if (period && isIsoDate(period.start) && isIsoDate(period.end) && (task.deadline < period.start || task.deadline > period.end)) {
        issues.push({ field: field('deadline'), message: M.taskDeadlineOutside(n), severity: 'warning' });
      }
    }
    if (task.doneOn != null && !isIsoDate(task.doneOn)) {
      issues.push({ field: field('doneOn'), message: M.taskDoneOnInvalid(n), severity: 'error' });
    }
    if (task.id) {
      if (ids.has(task.id)) issues.push({ field: field('id'), message: M.taskDuplicateId(n), severity: 'error' });
      ids.add(task.id);
    }
  }
  return issues;
}

/**
 * A member of the pair (or the curator) marks one task done — with a note on how it went — or
 * opens it again; the other tasks stay as they are. Opening a task again clears who marked it.
 */
export function markPlanTask(
  tasks: readonly PlanTask[],
  mark: { taskId: string; done: boolean; note: string; byName: string; on: IsoDate },
): { ok: true; tasks: PlanTask[] } | { ok: false; issues: ValidationIssue[] } {
  const issues = validateTaskMark(tasks, mark);
  if (issues.length > 0) return { ok: false, issues };
  const note = mark.note.trim();
  return {
    ok: true,
    tasks: tasks.map((task) =>
      task.id !== mark.taskId
        ? task
        : mark.done
          ? { ...task, done: true, doneOn: mark.on, doneByName: mark.byName, doneNote: note || null }
          : { ...task, done: false, doneOn: null, doneByName: null, doneNote: null },
    ),
  };
}

/** A mark of a task: a task of this plan, a note within its limit (both problems at once). */
export function validateTaskMark(tasks: readonly Pick<PlanTask, 'id'>[], mark: { taskId: string; note: string }): ValidationIssue[] {
  const M = PLAN_MESSAGES_RU;
  const issues: ValidationIssue[] = [];
  if (!tasks.some((task) => task.id === mark.taskId)) issues.push({ field: 'taskId', message: M.taskNotInPlan, severity: 'error' });
  if (mark.note.trim().length > TASK_NOTE_MAX) issues.push({ field: 'note', message: M.taskNoteTooLong, severity: 'error' });
  return issues;
}

/** The first open task by deadline (tasks without one last, then in the plan's order): what to do next. */
export function nextOpenTask(tasks: readonly PlanTask[]): PlanTask | null {
  const open = tasks.filter((task) => !task.done);
  const dated = open.filter((task) => task.deadline !== null).sort((a, b) => (a.deadline! < b.deadline! ? -1 : a.deadline! > b.deadline! ? 1 : 0));
  return dated[0] ?? open[0] ?? null;
}

export type PlanChange = { ok: true; plan: IndividualPlan; warnings: ValidationIssue[] } | { ok: false; issues: ValidationIssue[] };

/**
 * Extends a plan by mutual consent of mentor and mentee («a plan may be extended or changed by
 * mutual consent»). Going past a year from the start is allowed with a warning: it is an exception
 * the order must record.
 */
export function extendPlan(plan: IndividualPlan, extension: { until: IsoDate; on: IsoDate; comment: string; mutualConsent: boolean }): PlanChange {
  const M = PLAN_MESSAGES_RU;
  const issues = validateExtension(plan, extension);
  if (issues.length > 0) return { ok: false, issues };
  const warnings: ValidationIssue[] =
    extension.until > periodEnd(plan.start, PLAN_MAX_MONTHS) ? [{ field: 'until', message: M.extensionBeyondYear(PLAN_MAX_MONTHS), severity: 'warning' }] : [];
  const record: PlanExtension = { from: plan.end, until: extension.until, on: extension.on, comment: extension.comment.trim() };
  return { ok: true, plan: { ...plan, end: extension.until, extensions: [...plan.extensions, record] }, warnings };
}

/** An extension against the plan's current end: a later real date, the mutual consent, its reason (all at once). */
export function validateExtension(plan: Pick<IndividualPlan, 'end'>, extension: { until: string; comment: string; mutualConsent: boolean }): ValidationIssue[] {
  const M = PLAN_MESSAGES_RU;
  const issues: ValidationIssue[] = [];
  const until = extension.until.trim();
  if (!until) issues.push({ field: 'until', message: M.extensionUntilRequired, severity: 'error' });
  else if (!isIsoDate(until)) issues.push({ field: 'until', message: M.invalidDate('Продление'), severity: 'error' });
  else if (until <= plan.end) issues.push({ field: 'until', message: M.extensionNotLater(plan.end), severity: 'error' });
  if (!extension.mutualConsent) issues.push({ field: 'mutualConsent', message: M.extensionConsent, severity: 'error' });
  if (!extension.comment.trim()) issues.push({ field: 'comment', message: M.extensionCommentRequired, severity: 'error' });
  return issues;
}

/**
 * The completion of a pair or group. A request of the mentor or mentee needs its good reason, a
 * curator's decision its grounds; «plan done» with open tasks is a warning (the curator may judge
 * the plan done).
 */
export function validateCompletion(
  completion: { reason: CompletionReason | string; on: string; comment: string },
  plan: { start: IsoDate; tasks: readonly Pick<PlanTask, 'done' | 'deadline'>[] },
): ValidationIssue[] {
  const M = PLAN_MESSAGES_RU;
  const issues: ValidationIssue[] = [];
  const known = (COMPLETION_REASONS as readonly string[]).includes(completion.reason);
  if (!known) issues.push({ field: 'reason', message: M.completionReasonUnknown, severity: 'error' });
  const on = completion.on.trim();
  if (!on) issues.push({ field: 'on', message: M.dateRequired('Дата завершения'), severity: 'error' });
  else if (!isIsoDate(on)) issues.push({ field: 'on', message: M.invalidDate('Дата завершения'), severity: 'error' });
  else if (on < plan.start) issues.push({ field: 'on', message: M.completionBeforeStart, severity: 'error' });
  // The comment's rule depends on the reason: checked once the reason is one of the list.
  if (known && completion.reason !== 'plan-done' && !completion.comment.trim()) {
    issues.push({ field: 'comment', message: M.completionCommentRequired(completion.reason as CompletionReason), severity: 'error' });
  }
  if (completion.reason === 'plan-done') {
    const progress = planProgress(plan.tasks);
    if (progress.percent !== 100) issues.push({ field: 'reason', message: M.completionPlanNotDone(progress.percent), severity: 'warning' });
  }
  return issues;
}

export interface MeetingRecord {
  type: MeetingType;
  date: IsoDate;
  notes: string;
  /** The mandatory feedback of mentor and mentee after the meeting. */
  feedback: string;
}

/**
 * A new meeting against those held: a kind of the list in the methodology's order, dates not going
 * back, feedback given — every problem at once.
 */
export function validateMeeting(
  meeting: Omit<MeetingRecord, 'type'> & { type: MeetingType | string },
  history: readonly Pick<MeetingRecord, 'type' | 'date'>[],
): ValidationIssue[] {
  const M = PLAN_MESSAGES_RU;
  const issues: ValidationIssue[] = [];
  const allowed = nextAllowedMeetingTypes(history.map((h) => h.type));
  const type = meeting.type.trim();
  if (!type) issues.push({ field: 'type', message: M.meetingTypeRequired, severity: 'error' });
  else if (!(MEETING_TYPES as readonly string[]).includes(type)) issues.push({ field: 'type', message: M.meetingTypeUnknown(type), severity: 'error' });
  else if (!allowed.includes(type as MeetingType))
    issues.push({ field: 'type', message: M.meetingOutOfOrder(type as MeetingType, allowed), severity: 'error' });
  if (!meeting.date.trim()) {
    issues.push({ field: 'date', message: M.dateRequired('Дата встречи'), severity: 'error' });
  } else if (!isIsoDate(meeting.date)) {
    issues.push({ field: 'date', message: M.meetingDateInvalid, severity: 'error' });
  } else {
    const last = history.reduce<IsoDate | null>((max, h) => (isIsoDate(h.date) && (max === null || h.date > max) ? h.date : max), null);
    if (last !== null && meeting.date < last) issues.push({ field: 'date', message: M.meetingBeforePrevious(last), severity: 'error' });
  }
  if (!meeting.feedback.trim()) issues.push({ field: 'feedback', message: M.meetingFeedbackRequired, severity: 'error' });
  return issues;
}
