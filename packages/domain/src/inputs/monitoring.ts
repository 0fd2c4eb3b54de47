import { z } from 'zod';
import { isValidAcademicYear } from '../academic-year.js';
import { ERRORS_RU } from '../messages.ru.js';
import { isIsoDate } from '../roadmap/iso-date.js';

/** The four lists of a SWOT form, in the order of the form (and of its problems). */
export const SWOT_LISTS = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;
export type SwotList = (typeof SWOT_LISTS)[number];

export const SWOT_LIMITS = { items: 50, itemLength: 1000 } as const;

export const SWOT_LABELS_RU: Readonly<Record<SwotList, string>> = {
  strengths: 'Сильные стороны',
  weaknesses: 'Слабые стороны',
  opportunities: 'Возможности',
  threats: 'Угрозы',
};

export const SWOT_INPUT_RU = {
  academicYear: ERRORS_RU.invalidAcademicYear('Учебный год'),
  formDate: 'Поле «Дата заполнения»: некорректная дата (ожидается ГГГГ-ММ-ДД).',
  tooMany: (list: SwotList) => `Поле «${SWOT_LABELS_RU[list]}»: не более ${SWOT_LIMITS.items} пунктов.`,
  lineTooLong: (list: SwotList, index: number) => ERRORS_RU.tooLong(`${SWOT_LABELS_RU[list]}, пункт ${index + 1}`, SWOT_LIMITS.itemLength),
} as const;

/** The field of one line of a list, as the API and the admin name it: `weaknesses[0]` (0-based, among the cleaned lines). */
export const swotLineField = (list: SwotList, index: number) => `${list}[${index}]`;

/** Lines trimmed, blank ones dropped: blank lines are not points of the analysis. */
const swotList = z
  .array(z.string().nullish())
  .nullish()
  .transform((lines) => (lines ?? []).map((line) => (line ?? '').trim()).filter((line) => line.length > 0));

/**
 * A school's SWOT form of a year (`SaveSwotFormInput` without the organisation, the programme and the
 * version): lists cleaned, no date means today (the API's clock). A list too long is named by its
 * field, a line too long by its list and number (`weaknesses[0]`), every one of them at once.
 */
export const swotInputSchema = z
  .object({
    academicYear: z
      .string({ error: SWOT_INPUT_RU.academicYear })
      .trim()
      .refine((value) => isValidAcademicYear(value), { error: SWOT_INPUT_RU.academicYear }),
    formDate: z
      .string()
      .nullish()
      .transform((value) => value?.trim() || null)
      .refine((value) => value === null || isIsoDate(value), { error: SWOT_INPUT_RU.formDate }),
    strengths: swotList,
    weaknesses: swotList,
    opportunities: swotList,
    threats: swotList,
  })
  .superRefine(
    (value, ctx) => {
      for (const list of SWOT_LISTS) {
        if (value[list].length > SWOT_LIMITS.items) ctx.addIssue({ code: 'custom', path: [list], message: SWOT_INPUT_RU.tooMany(list) });
        value[list].forEach((line, index) => {
          if (line.length > SWOT_LIMITS.itemLength)
            ctx.addIssue({ code: 'custom', path: [swotLineField(list, index)], message: SWOT_INPUT_RU.lineTooLong(list, index) });
        });
      }
    },
    {
      // The lists are checked whatever else is wrong (all problems at once), as long as the lists are lists.
      when: ({ value }) => {
        const lists = value as Partial<Record<SwotList, unknown>>;
        return SWOT_LISTS.every((list) => Array.isArray(lists[list]) && (lists[list] as unknown[]).every((line) => typeof line === 'string'));
      },
    },
  );

export type SwotInputValues = z.output<typeof swotInputSchema>;
