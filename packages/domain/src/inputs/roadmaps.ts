import { z } from 'zod';
import { isValidAcademicYear } from '../academic-year.js';
import { isIsoDate } from '../roadmap/iso-date.js';
import { ROADMAP_FIELD_LABELS_RU, ROADMAP_MESSAGES_RU } from '../roadmap/messages.js';
import { EVIDENCE_DESCRIPTION_MAX } from '../roadmap/model.js';
import { requiredLine } from './check.js';

/**
 * The roadmap section's forms on the shared schemas: opening a campaign, creating a roadmap (of a
 * school or of the district), marking an item of the roadmap in force done. The admin checks a
 * form with these before sending; the API checks the same input with them on arrival.
 */

export const CAMPAIGN_LIMITS = { title: 500 } as const;
/** The header's limits (the editor's header has the same: apps/api roadmaps/header.ts). */
export const ROADMAP_CREATION_LIMITS = { title: 1000, programmeName: 300 } as const;
export const EXECUTION_MARK_LIMITS = { documentNumber: 100, note: EVIDENCE_DESCRIPTION_MAX, url: 2000 } as const;

/** The fields as the forms label them (the messages name them so). */
export const ROADMAP_INPUT_LABELS_RU = {
  campaignTitle: 'Название кампании',
  academicYear: 'Учебный год',
  dueDate: 'Срок представления дорожных карт',
  title: ROADMAP_FIELD_LABELS_RU.title,
  programmeName: 'Название программы наставничества',
  periodStart: ROADMAP_FIELD_LABELS_RU.periodStart,
  periodEnd: ROADMAP_FIELD_LABELS_RU.periodEnd,
  doneOn: ROADMAP_FIELD_LABELS_RU.doneOn,
  documentNumber: ROADMAP_FIELD_LABELS_RU.documentNumber,
  documentDate: ROADMAP_FIELD_LABELS_RU.documentDate,
  note: ROADMAP_FIELD_LABELS_RU.note,
  url: ROADMAP_FIELD_LABELS_RU.url,
} as const;

export const ROADMAP_INPUT_RU = {
  required: ROADMAP_MESSAGES_RU.required,
  tooLong: ROADMAP_MESSAGES_RU.tooLong,
  dateRequired: (label: string) => `${label}: укажите дату`,
  invalidDate: ROADMAP_MESSAGES_RU.invalidDate,
  invalidAcademicYear: (label: string) => `${label}: укажите в формате «2025/2026»`,
  periodOrder: ROADMAP_MESSAGES_RU.periodOrder,
  invalidUrl: ROADMAP_MESSAGES_RU.invalidUrl,
  /** Not a field's: the mark's evidence is any of four (the admin shows it above the buttons). */
  evidenceRequired: 'Подтверждение: укажите номер документа, примечание, ссылку или файл',
} as const;

const L = ROADMAP_INPUT_LABELS_RU;
const M = ROADMAP_INPUT_RU;

/** A required date (ГГГГ-ММ-ДД): missing or blank — «укажите дату», anything else not a date — its format. */
function requiredDate(label: string) {
  return z
    .string({ error: M.dateRequired(label) })
    .trim()
    .min(1, { error: M.dateRequired(label), abort: true })
    .refine(isIsoDate, { error: M.invalidDate(label) });
}

/**
 * A date with a default the API knows: missing (null) — the default; given — a date, so a field
 * emptied in a form is «укажите дату», not silently the default.
 */
function defaultedDate(label: string) {
  return requiredDate(label)
    .nullish()
    .transform((value) => value ?? null);
}

/** A date that may be left out: missing or blank — null. */
function optionalDate(label: string) {
  return z
    .string()
    .nullish()
    .transform((value) => value?.trim() || null)
    .refine((value) => value === null || isIsoDate(value), { error: M.invalidDate(label) });
}

/** An optional one-line text: spaces collapsed, null when empty, at most `max` characters. */
function optionalLine(label: string, max: number) {
  return z
    .string()
    .nullish()
    .transform((value) => value?.replace(/\s+/g, ' ').trim() || null)
    .refine((value) => value === null || value.length <= max, { error: M.tooLong(label, max) });
}

/** An optional text of several lines: trimmed at the ends, null when empty, at most `max` characters. */
function optionalText(label: string, max: number) {
  return z
    .string()
    .nullish()
    .transform((value) => value?.trim() || null)
    .refine((value) => value === null || value.length <= max, { error: M.tooLong(label, max) });
}

const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

// ————— campaign —————

/** The period of a campaign: given, or the academic year's (1 September – 31 August); null if unknown. */
function campaignPeriod(value: { academicYear?: unknown; periodStart?: unknown; periodEnd?: unknown }): { periodStart: unknown; periodEnd: unknown } {
  const year = typeof value.academicYear === 'string' ? value.academicYear.trim() : '';
  const start = isValidAcademicYear(year) ? Number(year.slice(0, 4)) : null;
  return {
    periodStart: value.periodStart ?? (start === null ? null : `${start}-09-01`),
    periodEnd: value.periodEnd ?? (start === null ? null : `${start + 1}-08-31`),
  };
}

/**
 * «Открыть кампанию» (`CreateCampaignInput`): title, academic year, due date; the period defaults
 * to the academic year. No organisations (or an empty list) means all of the district — whether
 * the named ones are the district's is the API's to check, and «chosen, but none» is the form's.
 */
export const campaignInputSchema = z
  .object({
    title: requiredLine(L.campaignTitle, CAMPAIGN_LIMITS.title, {
      required: M.required(L.campaignTitle),
      tooLong: M.tooLong(L.campaignTitle, CAMPAIGN_LIMITS.title),
    }),
    academicYear: z
      .string({ error: M.required(L.academicYear) })
      .trim()
      .min(1, { error: M.required(L.academicYear), abort: true })
      .refine(isValidAcademicYear, { error: M.invalidAcademicYear(L.academicYear) }),
    dueDate: requiredDate(L.dueDate),
    periodStart: defaultedDate(L.periodStart),
    periodEnd: defaultedDate(L.periodEnd),
    // Trimmed and without repeats; an empty id stays, so it is refused rather than meaning «all».
    organizationIds: z
      .array(z.string())
      .nullish()
      .transform((ids) => [...new Set((ids ?? []).map((id) => id.trim()))]),
  })
  .refine(
    (value) => {
      const period = campaignPeriod(value);
      return (period.periodEnd as string) >= (period.periodStart as string);
    },
    {
      path: ['periodEnd'],
      error: M.periodOrder,
      // Whenever both ends are known dates (given, or the academic year's), whatever else is wrong.
      when: ({ value }) => {
        const period = campaignPeriod(value as Parameters<typeof campaignPeriod>[0]);
        return isIsoDate(period.periodStart) && isIsoDate(period.periodEnd);
      },
    },
  )
  .transform((value) => ({ ...value, ...(campaignPeriod(value) as { periodStart: string; periodEnd: string }) }));

export type CampaignInputValues = z.output<typeof campaignInputSchema>;

// ————— roadmap creation —————

/**
 * «Создать дорожную карту» of a school or of the district (`CreateRoadmapInput`, the header's
 * part): the programme's name; the title and the period may be left out (then the API composes
 * the title and takes the campaign's period, or the academic year's).
 */
export const roadmapCreationSchema = z
  .object({
    programmeName: requiredLine(L.programmeName, ROADMAP_CREATION_LIMITS.programmeName, {
      required: M.required(L.programmeName),
      tooLong: M.tooLong(L.programmeName, ROADMAP_CREATION_LIMITS.programmeName),
    }),
    title: optionalLine(L.title, ROADMAP_CREATION_LIMITS.title),
    periodStart: defaultedDate(L.periodStart),
    periodEnd: defaultedDate(L.periodEnd),
  })
  .refine((value) => value.periodEnd! >= value.periodStart!, {
    path: ['periodEnd'],
    error: M.periodOrder,
    when: ({ value }) => {
      const dates = value as { periodStart?: unknown; periodEnd?: unknown };
      return isIsoDate(dates.periodStart) && isIsoDate(dates.periodEnd);
    },
  });

export type RoadmapCreationValues = z.output<typeof roadmapCreationSchema>;

// ————— execution mark —————

/**
 * «Отметка о выполнении» (`MarkItemDoneInput` without the item): the date (none — today), the
 * document, a note, a link, a file; at least one piece of evidence — the number, the note, the
 * link or the file (a form-level problem: `field` is empty).
 */
export const executionMarkSchema = z
  .object({
    doneOn: optionalDate(L.doneOn),
    documentNumber: optionalLine(L.documentNumber, EXECUTION_MARK_LIMITS.documentNumber),
    documentDate: optionalDate(L.documentDate),
    note: optionalText(L.note, EXECUTION_MARK_LIMITS.note),
    url: z
      .string()
      .nullish()
      .transform((value) => value?.trim() || null)
      .refine((value) => value === null || value.length <= EXECUTION_MARK_LIMITS.url, {
        error: M.tooLong(L.url, EXECUTION_MARK_LIMITS.url),
        abort: true,
      })
      .refine((value) => value === null || /^https?:\/\/[^\s]+$/i.test(value), { error: M.invalidUrl }),
    attachmentId: z
      .string()
      .nullish()
      .transform((value) => value?.trim() || null),
  })
  .refine(
    (value) => filled(value.documentNumber) || filled(value.note) || filled(value.url) || filled(value.attachmentId),
    // Checked whatever else is wrong (every problem at once); a link typed wrong is still a link.
    { error: M.evidenceRequired, when: () => true },
  );

export type ExecutionMarkValues = z.output<typeof executionMarkSchema>;
