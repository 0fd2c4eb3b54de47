/**
 * The pair's next meeting in the admin: the form's check through the domain's shared schema (the
 * API checks the same input with it) and the line that names it.
 */
import { checkInput, formatDateTimeRu, plannedMeetingSchema, type PlannedMeetingValues } from '@nastavnik/domain';
import { ru } from '../i18n/ru';
import type { FieldErrors } from './forms';
import { meetingTypeLabel } from './pairs';
import { parseDateRu } from './roadmap/dates';

export interface PlannedMeetingDraft {
  date: string;
  time: string;
  type: string;
  place: string;
}

/**
 * Every problem at once, in the API's words; only a date typed in a wrong format is the form's own
 * message (the API never sees ДД.ММ.ГГГГ).
 */
export function validatePlannedMeeting(
  draft: PlannedMeetingDraft,
  today: string,
): { errors: FieldErrors<keyof PlannedMeetingDraft>; values: PlannedMeetingValues | null } {
  const date = draft.date.trim() ? parseDateRu(draft.date) : '';
  const result = checkInput(plannedMeetingSchema(today), { ...draft, date: date ?? '' });
  const errors: FieldErrors<keyof PlannedMeetingDraft> = {};
  for (const issue of result.issues) errors[issue.field as keyof PlannedMeetingDraft] = issue.message;
  if (date === null) errors.date = ru.dates.invalid(ru.plannedMeeting.date);
  return { errors, values: result.ok && date !== null ? result.value : null };
}

/** «Пробная встреча, 12.12.2026 15:30 (МСК), Кабинет 204». */
export function plannedMeetingLine(meeting: { startsAt: string; type: string; place?: string | null }, timeZone: string): string {
  const parts = [`«${meetingTypeLabel(meeting.type)}»`, formatDateTimeRu(meeting.startsAt, timeZone)];
  if (meeting.place) parts.push(meeting.place);
  return parts.join(', ');
}

/** Whether the planned meeting's time has passed (it stays until the meeting is recorded). */
export function plannedMeetingPassed(meeting: { startsAt: string }, now: Date = new Date()): boolean {
  return new Date(meeting.startsAt).getTime() < now.getTime();
}
