import { z } from 'zod';

export const BEST_PRACTICE_LIMITS = { title: 300, text: 10_000 } as const;

export const BEST_PRACTICE_INPUT_RU = {
  titleRequired: 'Название кейса: поле обязательно',
  titleTooLong: `Название кейса: не более ${BEST_PRACTICE_LIMITS.title} символов`,
  summaryRequired: 'Описание практики: поле обязательно',
  summaryTooLong: 'Описание практики: не более 10 000 символов',
  resultsRequired: 'Результаты: поле обязательно',
  resultsTooLong: 'Результаты: не более 10 000 символов',
} as const;

const M = BEST_PRACTICE_INPUT_RU;

/** A required text: `clean` applied, then not empty and at most `max` characters. */
function required(clean: (value: string) => string, max: number, messages: { required: string; tooLong: string }) {
  return z
    .string({ error: messages.required })
    .nullish()
    .transform((value) => clean(value ?? ''))
    .pipe(z.string().min(1, { error: messages.required }).max(max, { error: messages.tooLong }));
}

const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();
const trimmed = (value: string) => value.trim();

/**
 * A best-practice case as the school's staff write it (`BestPracticeInput` without the pair, which
 * is chosen from the completed pairs and checked by the API against them).
 */
export const bestPracticeInputSchema = z.object({
  title: required(oneLine, BEST_PRACTICE_LIMITS.title, { required: M.titleRequired, tooLong: M.titleTooLong }),
  summary: required(trimmed, BEST_PRACTICE_LIMITS.text, { required: M.summaryRequired, tooLong: M.summaryTooLong }),
  results: required(trimmed, BEST_PRACTICE_LIMITS.text, { required: M.resultsRequired, tooLong: M.resultsTooLong }),
  showNames: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
});

export type BestPracticeInputValues = z.output<typeof bestPracticeInputSchema>;
