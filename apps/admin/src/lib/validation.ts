/**
 * Client-side checks of the directory's forms through the domain's shared schemas (the API checks
 * the same input with the same schemas), so a user sees every message beside its field before the
 * round trip, in the API's words.
 */
import { checkInput, headcountSchema, issuesByField, newDistrictSchema, type HeadcountValues } from '@nastavnik/domain';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;
export type { HeadcountValues };

export interface HeadcountDraft {
  academicYear: string;
  pupils: string;
  teachers: string;
}

/** A typed count as the API's Int: empty → missing, anything but digits → not a number (out of range). */
function typedCount(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function validateHeadcount(draft: HeadcountDraft): {
  errors: FieldErrors<keyof HeadcountDraft>;
  values: HeadcountValues | null;
} {
  const result = checkInput(headcountSchema, { academicYear: draft.academicYear, pupils: typedCount(draft.pupils), teachers: typedCount(draft.teachers) });
  return { errors: issuesByField(result.issues), values: result.value };
}

export interface DistrictDraft {
  regionId: string;
  code: string;
  name: string;
  authorityName: string;
}

export function validateDistrict(draft: DistrictDraft): {
  errors: FieldErrors<keyof DistrictDraft>;
  values: DistrictDraft | null;
} {
  const result = checkInput(newDistrictSchema, draft);
  return { errors: issuesByField(result.issues), values: result.value };
}
