import { z } from 'zod';
import { isValidAcademicYear } from '../academic-year.js';
import { isValidCode } from '../codes.js';
import { ERRORS_RU } from '../messages.ru.js';
import { requiredLine } from './check.js';

/** The directory's field names as the user reads them (the API's messages and the admin's labels). */
export const DIRECTORY_LABELS_RU = {
  regionId: 'Регион',
  code: 'Код',
  name: 'Название',
  authorityName: 'Орган управления образованием',
  academicYear: 'Учебный год',
  pupils: 'Число обучающихся',
  teachers: 'Число педагогов',
} as const;

const L = DIRECTORY_LABELS_RU;

/** A code longer than 54 would not fit the district's schema name (63 bytes with `district_`). */
export const DISTRICT_LIMITS = { code: 54, name: 255, authorityName: 500 } as const;
export const HEADCOUNT_LIMITS = { pupils: 100_000, teachers: 10_000 } as const;

export const newDistrictSchema = z.object({
  regionId: requiredLine(L.regionId, 100),
  code: z
    .string({ error: ERRORS_RU.required(L.code) })
    .trim()
    .min(1, { error: ERRORS_RU.required(L.code) })
    .refine(isValidCode, { error: ERRORS_RU.invalidCode(L.code), abort: true })
    .max(DISTRICT_LIMITS.code, { error: ERRORS_RU.tooLong(L.code, DISTRICT_LIMITS.code) }),
  name: requiredLine(L.name, DISTRICT_LIMITS.name),
  authorityName: requiredLine(L.authorityName, DISTRICT_LIMITS.authorityName),
});

export type NewDistrictValues = z.output<typeof newDistrictSchema>;

function count(field: 'pupils' | 'teachers') {
  const max = HEADCOUNT_LIMITS[field];
  return z
    .number({ error: (issue) => (issue.input === undefined ? ERRORS_RU.required(L[field]) : ERRORS_RU.outOfRange(L[field], 0, max)) })
    .int({ error: ERRORS_RU.outOfRange(L[field], 0, max) })
    .min(0, { error: ERRORS_RU.outOfRange(L[field], 0, max) })
    .max(max, { error: ERRORS_RU.outOfRange(L[field], 0, max) });
}

/** An organisation's pupils and teachers of one academic year (the base of the 70 % target). */
export const headcountSchema = z.object({
  academicYear: z
    .string({ error: ERRORS_RU.required(L.academicYear) })
    .trim()
    .min(1, { error: ERRORS_RU.required(L.academicYear) })
    .refine(isValidAcademicYear, { error: ERRORS_RU.invalidAcademicYear(L.academicYear) }),
  pupils: count('pupils'),
  teachers: count('teachers'),
});

export type HeadcountValues = z.output<typeof headcountSchema>;
