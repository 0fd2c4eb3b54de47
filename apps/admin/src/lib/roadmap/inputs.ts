/**
 * The roadmap section's forms through the domain's shared schemas (the API checks the same input
 * with them): opening a campaign, creating a roadmap, marking an item done. Every problem at once,
 * in the API's words; only a date typed in a wrong format is the form's own message — the API never
 * sees ДД.ММ.ГГГГ — and so is «chosen schools, but none» (the API has no such input).
 */
import {
  campaignInputSchema,
  checkInput,
  executionMarkSchema,
  roadmapCreationSchema,
  type CampaignInputValues,
  type ExecutionMarkValues,
  type FieldIssue,
} from '@nastavnik/domain';
import { ru } from '../../i18n/ru';
import type { FieldErrors } from '../validation';
import { parseDateRu } from './dates';

/** A date as typed: '' when empty, the ISO date, or null when it is not a date. */
function typedDate(text: string): string | null {
  return text.trim() ? parseDateRu(text) : '';
}

/** The schema's issues beside the form's fields (the API's keys are the form's here). */
function byField<K extends string>(issues: readonly FieldIssue[], fields: readonly K[]): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const { field, message } of issues) if ((fields as readonly string[]).includes(field)) errors[field as K] = message;
  return errors;
}

export interface CampaignDraft {
  title: string;
  academicYear: string;
  dueDate: string;
  organizationIds: string;
}

/** «Открыть кампанию»: `everyone` — all the district's schools, else the `chosen` ones (at least one). */
export function validateCampaign(
  draft: CampaignDraft,
  choice: { everyone: boolean; chosen: readonly string[] },
): { errors: FieldErrors<keyof CampaignDraft>; values: CampaignInputValues | null } {
  const dueDate = typedDate(draft.dueDate);
  const result = checkInput(campaignInputSchema, {
    title: draft.title,
    academicYear: draft.academicYear,
    dueDate: dueDate ?? '',
    organizationIds: choice.everyone ? [] : [...choice.chosen],
  });
  const errors = byField<keyof CampaignDraft>(result.issues, ['title', 'academicYear', 'dueDate', 'organizationIds']);
  if (dueDate === null) errors.dueDate = ru.dates.invalid(ru.campaignForm.dueDate);
  if (!choice.everyone && choice.chosen.length === 0) errors.organizationIds = ru.campaignForm.chooseAtLeastOne;
  return { errors, values: Object.keys(errors).length === 0 ? result.value : null };
}

export interface RoadmapCreationDraft {
  programmeName: string;
  periodStart: string;
  periodEnd: string;
}

export interface RoadmapCreationFormValues {
  programmeName: string;
  periodStart: string;
  periodEnd: string;
}

/** «Создать дорожную карту» (a school's or the district's): the programme and the period, both ends required. */
export function validateRoadmapCreation(draft: RoadmapCreationDraft): {
  errors: FieldErrors<keyof RoadmapCreationDraft>;
  values: RoadmapCreationFormValues | null;
} {
  const periodStart = typedDate(draft.periodStart);
  const periodEnd = typedDate(draft.periodEnd);
  // Empty dates go as '' — «укажите дату» (left out, the API would take the campaign's period).
  const result = checkInput(roadmapCreationSchema, { programmeName: draft.programmeName, periodStart: periodStart ?? '', periodEnd: periodEnd ?? '' });
  const errors = byField<keyof RoadmapCreationDraft>(result.issues, ['programmeName', 'periodStart', 'periodEnd']);
  if (periodStart === null) errors.periodStart = ru.dates.invalid(ru.createRoadmap.periodStart);
  if (periodEnd === null) errors.periodEnd = ru.dates.invalid(ru.createRoadmap.periodEnd);
  const value = result.value;
  const ok = value !== null && Object.keys(errors).length === 0 && value.periodStart !== null && value.periodEnd !== null;
  return { errors, values: ok ? { programmeName: value.programmeName, periodStart: value.periodStart!, periodEnd: value.periodEnd! } : null };
}

export interface ExecutionDraft {
  doneOn: string;
  documentNumber: string;
  documentDate: string;
  note: string;
  url: string;
}

/**
 * «Отметка о выполнении»: `hasFile` — a file is chosen (it is uploaded after the check, so it counts
 * as evidence before it has an id). No evidence at all is the form's problem, not a field's:
 * `formError` is its message, for the line above the buttons.
 */
export function validateExecutionMark(
  draft: ExecutionDraft,
  hasFile: boolean,
): { errors: FieldErrors<keyof ExecutionDraft>; formError: string | null; values: Omit<ExecutionMarkValues, 'attachmentId'> | null } {
  const doneOn = typedDate(draft.doneOn);
  const documentDate = typedDate(draft.documentDate);
  const result = checkInput(executionMarkSchema, {
    doneOn: doneOn ?? '',
    documentNumber: draft.documentNumber,
    documentDate: documentDate ?? '',
    note: draft.note,
    url: draft.url,
    attachmentId: hasFile ? 'file' : null,
  });
  const errors = byField<keyof ExecutionDraft>(result.issues, ['doneOn', 'documentNumber', 'documentDate', 'note', 'url']);
  if (doneOn === null) errors.doneOn = ru.dates.invalid(ru.execution.doneOn);
  if (documentDate === null) errors.documentDate = ru.dates.invalid(ru.execution.documentDate);
  const formError = result.issues.find((issue) => issue.field === '')?.message ?? null;
  if (!result.ok || Object.keys(errors).length > 0 || formError) return { errors, formError, values: null };
  const { attachmentId: _file, ...values } = result.value;
  return { errors, formError, values };
}
