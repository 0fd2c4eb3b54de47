import { z } from 'zod';
import { isIsoDate } from '../roadmap/iso-date.js';
import { requiredLine, requiredText } from './check.js';

export const NEWS_LIMITS = { title: 300, body: 20_000 } as const;

export const NEWS_INPUT_RU = {
  title: 'Заголовок',
  body: 'Текст',
  publishedOn: 'Поле «Дата»: некорректная дата (ожидается ГГГГ-ММ-ДД).',
} as const;

/** A news item of a school's mentorship section; no date means today (the API's clock). */
export const newsInputSchema = z.object({
  title: requiredLine(NEWS_INPUT_RU.title, NEWS_LIMITS.title),
  body: requiredText(NEWS_INPUT_RU.body, NEWS_LIMITS.body),
  publishedOn: z
    .string()
    .nullish()
    .transform((value) => value?.trim() || null)
    .refine((value) => value === null || isIsoDate(value), { error: NEWS_INPUT_RU.publishedOn }),
  published: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
});

export type NewsInputValues = z.output<typeof newsInputSchema>;
