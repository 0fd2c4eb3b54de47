/**
 * Mentors and mentees (roles mentor, mentee) in the admin: they see their own pair or group — its
 * partner(s), plan and meetings — and nothing else of the school. Pure, so unit-tested.
 */
import { matchPath } from 'react-router';
import { nextOpenTask, type IsoDate, type PlanTask } from '@nastavnik/domain';
import { ru } from '../i18n/ru';
import { hasRole, platformRoleOf, type GrantLike, type NavItem } from './access';

/** Whether the person takes part in a programme as mentor or mentee. */
export function isProgrammeParticipant(grants: readonly GrantLike[]): boolean {
  return hasRole(grants, 'mentor', 'mentee');
}

/** Whether mentor/mentee is all the person is (no staff role besides). */
export function isParticipantOnly(grants: readonly GrantLike[]): boolean {
  return (
    grants.length > 0 &&
    grants.every((grant) => {
      const role = platformRoleOf(grant.role);
      return role === 'mentor' || role === 'mentee';
    })
  );
}

export const MY_PATH = '/my';

/**
 * The navigation with «Моя пара/группа»: for a mentor or mentee only, the home page and their pair
 * (their school's page and the «soon» placeholders are not theirs); staff who also mentor get it added.
 */
export function withMyPairs(grants: readonly GrantLike[], items: readonly NavItem[]): NavItem[] {
  if (!isProgrammeParticipant(grants)) return [...items];
  const my: NavItem = { key: 'my', label: ru.my.nav, to: MY_PATH };
  if (isParticipantOnly(grants)) return [...items.filter((item) => item.key === 'home'), my];
  return [...items, my];
}

/**
 * The pages a mentor or mentee who is nothing else may open: the home page, their pair, and a
 * questionnaire sent to them. Every other page of the admin answers them with one «Нет доступа»
 * page (not each page's own empty list, error or redirect).
 */
const PARTICIPANT_PATHS = ['/', MY_PATH, '/questionnaires/mine/:linkId'] as const;

export function participantMayOpen(pathname: string): boolean {
  return PARTICIPANT_PATHS.some((path) => matchPath({ path, end: true }, pathname) !== null);
}

/** One person of the pair as the page reads them: name, contacts as the API gave them, and whether it may. */
export interface ContactPerson {
  id: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  contactsVisible: boolean;
}

/**
 * Whom the person contacts in this pair: a mentor — the mentees; a mentee — the mentor (the group's
 * other mentees are names on the card, no contacts).
 */
export function contactsToShow<P extends ContactPerson>(pair: { mentor: P; mentees: readonly P[] }, asMentor: boolean): P[] {
  return asMentor ? [...pair.mentees] : [pair.mentor];
}

export type ContactState = { kind: 'contacts'; email: string | null; phone: string | null } | { kind: 'hidden' } | { kind: 'none' };

/** What the page says of a person's contacts: the contacts, «not shown to you», or «not given». */
export function contactState(person: ContactPerson): ContactState {
  if (!person.contactsVisible) return { kind: 'hidden' };
  const email = person.email?.trim() || null;
  const phone = person.phone?.trim() || null;
  return email || phone ? { kind: 'contacts', email, phone } : { kind: 'none' };
}

/** `tel:` wants digits and a leading plus only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/**
 * «Следующая встреча»: the model records meetings after they happen (no planned dates), so the page
 * shows the last meeting, the kind of meeting the methodology expects next, and the plan's next
 * open task with its deadline.
 */
export function whatIsNext(
  pair: { status: string; meetings: ReadonlyArray<{ type: string; date: string }>; nextMeetingTypes: readonly string[]; tasks: readonly PlanTask[] },
  today: IsoDate,
): {
  lastMeeting: { type: string; date: string } | null;
  nextMeetingTypes: readonly string[];
  nextTask: (PlanTask & { overdue: boolean }) | null;
} {
  const lastMeeting = [...pair.meetings].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).at(-1) ?? null;
  const task = pair.status === 'active' ? nextOpenTask(pair.tasks) : null;
  return {
    lastMeeting,
    nextMeetingTypes: pair.status === 'active' ? pair.nextMeetingTypes : [],
    nextTask: task ? { ...task, overdue: task.deadline !== null && task.deadline < today } : null,
  };
}
