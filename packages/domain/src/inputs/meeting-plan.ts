import { z } from 'zod';
import { MEETING_TYPES } from '../programmes/catalog.js';
import { isIsoDate } from '../roadmap/iso-date.js';
import { isoDate, optionalLine } from './check.js';

export const PLANNED_MEETING_LIMITS = { place: 300 } as const;

export const PLANNED_MEETING_RU = {
  date: 'Дата встречи: укажите дату',
  notPast: 'Дата встречи: не раньше сегодняшнего дня',
  time: 'Время встречи: укажите время в виде ЧЧ:ММ',
  type: 'Вид встречи: выберите из списка',
  place: 'Место или ссылка',
} as const;

const M = PLANNED_MEETING_RU;

/**
 * The pair's next meeting as the mentor or the curator plans it (issue 15, «the next meeting» on the
 * participant's own page): a day no earlier than `today`, a time of day, the kind of meeting and
 * where it takes place. The methodology's order of kinds and the plan's end are the API's second
 * step (they depend on the meetings already held); the admin offers only the kinds allowed next.
 */
export function plannedMeetingSchema(today: string) {
  return z
    .object({
      date: isoDate(M.date),
      time: z
        .string({ error: M.time })
        .trim()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: M.time }),
      type: z.enum(MEETING_TYPES, { error: M.type }),
      place: optionalLine(M.place, PLANNED_MEETING_LIMITS.place),
    })
    .refine((value) => value.date >= today, {
      path: ['date'],
      error: M.notPast,
      when: ({ value }) => isIsoDate((value as { date?: unknown }).date),
    });
}

export type PlannedMeetingValues = z.output<ReturnType<typeof plannedMeetingSchema>>;
