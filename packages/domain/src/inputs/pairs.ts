import { z } from 'zod';
import type { CompletionReason, MeetingType } from '../programmes/catalog.js';
import {
  TASK_NOTE_MAX,
  TASK_TITLE_MAX,
  validateCompletion,
  validateExtension,
  validateMeeting,
  validatePlanTasks,
  validateTaskMark,
  type MeetingRecord,
  type PlanTask,
} from '../programmes/plans.js';
import type { IsoDate } from '../roadmap/iso-date.js';
import type { ValidationIssue } from '../roadmap/model.js';

/**
 * The pair card's inputs (issue 5) as the admin sends them and the API checks them. The rules are
 * the plan's own (programmes/plans.ts): each schema only shapes the input (trimmed texts, absent
 * ones empty) and hands it to the domain function, whose errors become the schema's issues — every
 * problem at once, under the API input's own keys. Rules that need what the pair already has (its
 * meetings, its plan's dates and tasks) take it as the schema's argument: the admin passes what the
 * card shows, the API what it has just read.
 */

export const PAIR_INPUT_LIMITS = { taskTitle: TASK_TITLE_MAX, taskNote: TASK_NOTE_MAX } as const;

/** The domain's errors (not its warnings) as the schema's issues, in the domain's order. */
function addErrors(ctx: z.RefinementCtx, issues: readonly ValidationIssue[]): void {
  for (const issue of issues) if (issue.severity === 'error') ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
}

/**
 * A text as the domain checks it: trimmed, '' when absent — a required one's absence is then the
 * domain's own message («Вид встречи: выберите из списка»), not zod's.
 */
const text = z
  .string()
  .nullish()
  .transform((value) => value?.trim() ?? '');

/** One task as `setPairPlan` takes it. */
export const planTaskSchema = z.object({
  id: z
    .string()
    .nullish()
    .transform((value) => value?.trim() || null),
  title: text,
  deadline: z
    .string()
    .nullish()
    .transform((value) => value?.trim() || null),
  done: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
});

/**
 * The whole plan's tasks (`setPairPlan`'s `tasks`): each needs its content (at most 1000 characters)
 * and a real deadline if any; the messages number the tasks («Задача 3: укажите содержание») and the
 * fields are `tasks[2].title`, `tasks[2].deadline`. The plan's period is the API's second step (a
 * pair's period was checked when it was made).
 */
export const planTasksSchema = z.object({ tasks: z.array(planTaskSchema) }).superRefine((value, ctx) => addErrors(ctx, validatePlanTasks(value.tasks)));

export type PlanTaskValues = z.output<typeof planTaskSchema>;

/** What a meeting is checked against: the pair's meetings held so far. */
export type MeetingHistory = readonly { type: MeetingType | string; date: string }[];

/**
 * A meeting (`RecordMeetingInput` without the pair): a kind of the list in the methodology's order
 * after `history`, a real date not before the last meeting, the mandatory feedback.
 */
export function meetingInputSchema(history: MeetingHistory) {
  const held = history.map((meeting) => ({ type: meeting.type as MeetingType, date: meeting.date as IsoDate }));
  return z
    .object({ type: text, date: text, notes: text, feedback: text })
    .superRefine((meeting, ctx) => addErrors(ctx, validateMeeting(meeting, held)))
    .transform((meeting) => ({ ...meeting, type: meeting.type as MeetingType, date: meeting.date as IsoDate }) satisfies MeetingRecord);
}

export type MeetingInputValues = z.output<ReturnType<typeof meetingInputSchema>>;

/**
 * The completion (`CompletePairInput` without the pair): a reason of the list, a real date not
 * before the plan's start, a comment for every reason but «plan done». «Plan done» with open tasks
 * is only the domain's warning, not a problem of the input.
 */
export function completionInputSchema(plan: { start: string; tasks: readonly Pick<PlanTask, 'done' | 'deadline'>[] }) {
  return z
    .object({ reason: text, on: text, comment: text })
    .superRefine((completion, ctx) => addErrors(ctx, validateCompletion(completion, { start: plan.start as IsoDate, tasks: plan.tasks })))
    .transform(({ reason, on, comment }) => ({ reason: reason as CompletionReason, on: on as IsoDate, comment: comment || null }));
}

export type CompletionInputValues = z.output<ReturnType<typeof completionInputSchema>>;

/** The extension (`ExtendPairInput` without the pair): a real date after the plan's current end, the mutual consent, the reason. */
export function extensionInputSchema(plan: { end: string }) {
  return z
    .object({
      until: text,
      comment: text,
      mutualConsent: z
        .boolean()
        .nullish()
        .transform((value) => value ?? false),
    })
    .superRefine((extension, ctx) => addErrors(ctx, validateExtension({ end: plan.end as IsoDate }, extension)))
    .transform((extension) => ({ ...extension, until: extension.until as IsoDate }));
}

export type ExtensionInputValues = z.output<ReturnType<typeof extensionInputSchema>>;

/** A member's mark of a task (`MarkPlanTaskInput` without the pair): a task of `tasks`, a note of at most 2000 characters. */
export function markPlanTaskInputSchema(tasks: readonly Pick<PlanTask, 'id'>[]) {
  return z
    .object({
      taskId: text,
      done: z.boolean(),
      note: text,
    })
    .superRefine((mark, ctx) => addErrors(ctx, validateTaskMark(tasks, mark)));
}

export type MarkPlanTaskValues = z.output<ReturnType<typeof markPlanTaskInputSchema>>;
