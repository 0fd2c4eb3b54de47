import { z } from 'zod';
import { BUILT_IN_FORM_CODES, MENTORSHIP_KINDS } from '../programmes/catalog.js';
import { isIsoDate } from '../roadmap/iso-date.js';
import { cleanList, isoDate, optionalLine, requiredLine } from './check.js';

export const PROGRAMME_LIMITS = { name: 300, curatorName: 300 } as const;

export const PROGRAMME_INPUT_RU = {
  nameRequired: 'Название программы: поле обязательно',
  nameTooLong: `Название программы: не более ${PROGRAMME_LIMITS.name} символов`,
  formsRequired: 'Формы наставничества: выберите хотя бы одну',
  unknownForm: (code: string) => `Форма наставничества: неизвестный код «${code}»`,
  unknownKind: (code: string) => `Вид наставничества: неизвестный код «${code}»`,
  periodStart: 'Начало программы: укажите дату',
  periodEnd: 'Окончание программы: укажите дату',
  periodOrder: 'Окончание программы: не раньше начала',
  curatorName: 'Куратор программы',
} as const;

const M = PROGRAMME_INPUT_RU;

/** A programme as the admin sends it and the API stores it (`ProgrammeInput` without the organisation). */
export const programmeInputSchema = z
  .object({
    name: requiredLine('Название программы', PROGRAMME_LIMITS.name, { required: M.nameRequired, tooLong: M.nameTooLong }),
    forms: cleanList.pipe(z.array(z.enum(BUILT_IN_FORM_CODES, { error: (issue) => M.unknownForm(String(issue.input)) })).min(1, { error: M.formsRequired })),
    // No kind chosen means the traditional one (the regulation's default).
    kinds: cleanList
      .transform((kinds) => (kinds.length > 0 ? kinds : ['traditional']))
      .pipe(z.array(z.enum(MENTORSHIP_KINDS, { error: (issue) => M.unknownKind(String(issue.input)) }))),
    targetGroups: cleanList,
    periodStart: isoDate(M.periodStart),
    periodEnd: isoDate(M.periodEnd),
    curatorName: optionalLine(M.curatorName, PROGRAMME_LIMITS.curatorName),
  })
  .refine((value) => value.periodEnd >= value.periodStart, {
    path: ['periodEnd'],
    error: M.periodOrder,
    // Checked whenever both dates are dates, whatever else is wrong (all problems at once).
    when: ({ value }) => {
      const dates = value as { periodStart?: unknown; periodEnd?: unknown };
      return isIsoDate(dates.periodStart) && isIsoDate(dates.periodEnd);
    },
  });

export type ProgrammeInputValues = z.output<typeof programmeInputSchema>;
