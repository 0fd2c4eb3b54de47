/**
 * Input schemas shared by the admin and the API (zod): one description of a form's input, so the
 * admin shows every problem beside its field before sending and the API answers the same input
 * with the same Russian messages (in BAD_USER_INPUT's `fields`).
 */
import { z } from 'zod';
import { ERRORS_RU } from '../messages.ru.js';
import { isIsoDate } from '../roadmap/iso-date.js';

/** One problem of an input: the field it belongs to (the input's own key) and its Russian message. */
export interface FieldIssue {
  field: string;
  message: string;
}

export type InputCheck<T> = { ok: true; value: T; issues: [] } | { ok: false; value: null; issues: FieldIssue[] };

/**
 * Every problem of `input` at once, the first of each field only (a field shows one message), in
 * the order of the schema's fields; or the cleaned value.
 */
export function checkInput<S extends z.ZodType>(schema: S, input: unknown): InputCheck<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data, issues: [] };
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : '';
    if (seen.has(field)) continue;
    seen.add(field);
    issues.push({ field, message: issue.message });
  }
  return { ok: false, value: null, issues };
}

/** The issues as a field → message map (what a form shows beside its fields). */
export function issuesByField(issues: readonly FieldIssue[]): Record<string, string> {
  return Object.fromEntries(issues.map(({ field, message }) => [field, message]));
}

/** A required one-line text: spaces collapsed, not empty, at most `max` characters. */
export function requiredLine(label: string, max: number, messages: { required?: string; tooLong?: string } = {}) {
  const required = messages.required ?? ERRORS_RU.required(label);
  return z
    .string({ error: required })
    .transform((value) => value.replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, { error: required })
        .max(max, { error: messages.tooLong ?? ERRORS_RU.tooLong(label, max) }),
    );
}

/** An optional one-line text: trimmed, null when empty, at most `max` characters. */
export function optionalLine(label: string, max: number) {
  return z
    .string()
    .nullish()
    .transform((value) => value?.replace(/\s+/g, ' ').trim() || null)
    .pipe(
      z
        .string()
        .max(max, { error: ERRORS_RU.tooLong(label, max) })
        .nullable(),
    );
}

/** A list of short texts: trimmed, empty ones and repeats dropped. */
export const cleanList = z
  .array(z.string())
  .nullish()
  .transform((values) => [...new Set((values ?? []).map((value) => value.trim()).filter(Boolean))]);

/** A calendar date as the API takes it (ГГГГ-ММ-ДД). */
export function isoDate(message: string) {
  return z
    .string({ error: message })
    .trim()
    .refine((value) => isIsoDate(value), { error: message });
}

/** A required text of several lines: trimmed at the ends only, not empty, at most `max` characters. */
export function requiredText(label: string, max: number) {
  const required = ERRORS_RU.required(label);
  return z
    .string({ error: required })
    .trim()
    .min(1, { error: required })
    .max(max, { error: ERRORS_RU.tooLong(label, max) });
}
