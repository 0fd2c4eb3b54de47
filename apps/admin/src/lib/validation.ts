/**
 * Client-side checks of the two forms, with the same Russian texts as the API (`ERRORS_RU`), so a
 * user sees the message beside the field before the round trip. The API checks again.
 */
import { ERRORS_RU, isValidAcademicYear, isValidCode } from '@nastavnik/domain';
import { ru } from '../i18n/ru';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** The API's limits (apps/api headcount service). */
export const HEADCOUNT_MAX = { pupils: 100_000, teachers: 10_000 } as const;

export interface HeadcountDraft {
  academicYear: string;
  pupils: string;
  teachers: string;
}

export interface HeadcountValues {
  academicYear: string;
  pupils: number;
  teachers: number;
}

function parseCount(raw: string, label: string, max: number): { value?: number; error?: string } {
  const text = raw.trim();
  if (text === '') return { error: ERRORS_RU.required(label) };
  if (!/^\d+$/.test(text)) return { error: ERRORS_RU.outOfRange(label, 0, max) };
  const value = Number(text);
  if (value > max) return { error: ERRORS_RU.outOfRange(label, 0, max) };
  return { value };
}

export function validateHeadcount(draft: HeadcountDraft): {
  errors: FieldErrors<keyof HeadcountDraft>;
  values: HeadcountValues | null;
} {
  const errors: FieldErrors<keyof HeadcountDraft> = {};
  const academicYear = draft.academicYear.trim();
  if (academicYear === '') errors.academicYear = ERRORS_RU.required(ru.organization.academicYear);
  else if (!isValidAcademicYear(academicYear)) errors.academicYear = ERRORS_RU.invalidAcademicYear(ru.organization.academicYear);
  const pupils = parseCount(draft.pupils, ru.organization.pupilsField, HEADCOUNT_MAX.pupils);
  if (pupils.error) errors.pupils = pupils.error;
  const teachers = parseCount(draft.teachers, ru.organization.teachersField, HEADCOUNT_MAX.teachers);
  if (teachers.error) errors.teachers = teachers.error;
  const ok = Object.keys(errors).length === 0;
  return { errors, values: ok ? { academicYear, pupils: pupils.value!, teachers: teachers.value! } : null };
}

export interface DistrictDraft {
  regionId: string;
  code: string;
  name: string;
  authorityName: string;
}

/** The API's limits (apps/api district creation); a code longer than 54 would not fit a schema name. */
export const DISTRICT_NAME_MAX = 255;
export const AUTHORITY_NAME_MAX = 500;
export const DISTRICT_CODE_MAX = 54;

export function validateDistrict(draft: DistrictDraft): {
  errors: FieldErrors<keyof DistrictDraft>;
  values: DistrictDraft | null;
} {
  const errors: FieldErrors<keyof DistrictDraft> = {};
  const values: DistrictDraft = {
    regionId: draft.regionId.trim(),
    code: draft.code.trim(),
    name: draft.name.trim(),
    authorityName: draft.authorityName.trim(),
  };
  if (!values.regionId) errors.regionId = ERRORS_RU.required(ru.createDistrict.region);
  if (!values.code) errors.code = ERRORS_RU.required(ru.createDistrict.code);
  else if (!isValidCode(values.code)) errors.code = ERRORS_RU.invalidCode(ru.createDistrict.code);
  else if (values.code.length > DISTRICT_CODE_MAX) errors.code = ERRORS_RU.tooLong(ru.createDistrict.code, DISTRICT_CODE_MAX);
  if (!values.name) errors.name = ERRORS_RU.required(ru.createDistrict.name);
  else if (values.name.length > DISTRICT_NAME_MAX) errors.name = ERRORS_RU.tooLong(ru.createDistrict.name, DISTRICT_NAME_MAX);
  if (!values.authorityName) errors.authorityName = ERRORS_RU.required(ru.createDistrict.authorityName);
  else if (values.authorityName.length > AUTHORITY_NAME_MAX) {
    errors.authorityName = ERRORS_RU.tooLong(ru.createDistrict.authorityName, AUTHORITY_NAME_MAX);
  }
  return { errors, values: Object.keys(errors).length === 0 ? values : null };
}
