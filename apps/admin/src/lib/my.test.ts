import { describe, expect, it } from 'vitest';
import { navigationFor, type GrantLike } from './access';
import {
  type ContactPerson,
  contactState,
  contactsToShow,
  isParticipantOnly,
  isProgrammeParticipant,
  participantMayOpen,
  telHref,
  whatIsNext,
  withMyPairs,
} from './my';

const school = { id: 'o1', name: 'МОБУ «Гимназия»', shortName: 'Гимназия', district: { id: 'd1', name: 'ГО г. Сибай' } };
const mentor: GrantLike = { role: 'MENTOR', scopeKind: 'ORGANIZATION', organization: school };
const mentee: GrantLike = { role: 'MENTEE', scopeKind: 'ORGANIZATION', organization: school };
const curator: GrantLike = { role: 'SCHOOL_CURATOR', scopeKind: 'ORGANIZATION', organization: school };

describe('mentors and mentees', () => {
  it('tells participants from staff', () => {
    expect(isProgrammeParticipant([mentor])).toBe(true);
    expect(isProgrammeParticipant([curator])).toBe(false);
    expect(isParticipantOnly([mentee])).toBe(true);
    expect(isParticipantOnly([mentor, curator])).toBe(false);
    expect(isParticipantOnly([])).toBe(false);
  });

  it('gives a mentor or mentee only the home page and their pair — not the school', () => {
    for (const grant of [mentor, mentee]) {
      const items = withMyPairs([grant], navigationFor([grant]));
      expect(items.map((i) => i.key)).toEqual(['home', 'my']);
      expect(items[1]).toMatchObject({ label: 'Моя пара/группа', to: '/my' });
    }
  });

  it('adds the pair to a curator who also mentors, and leaves staff alone', () => {
    const both = withMyPairs([curator, mentor], navigationFor([curator, mentor]));
    expect(both.map((i) => i.key)).toContain('programmes');
    expect(both.at(-1)).toMatchObject({ key: 'my' });
    expect(withMyPairs([curator], navigationFor([curator])).some((i) => i.key === 'my')).toBe(false);
  });
});

describe('the pages a mentor or mentee may open', () => {
  it('are the home page, their pair and a questionnaire sent to them — nothing else of the school', () => {
    for (const path of ['/', '/my', '/questionnaires/mine/abc']) expect(participantMayOpen(path), path).toBe(true);
    for (const path of ['/roadmaps', '/programmes', '/programmes/p1/pairs/x', '/monitoring', '/inbox', '/districts/d1/organizations/o1', '/my-partner']) {
      expect(participantMayOpen(path), path).toBe(false);
    }
  });
});

describe('the other member of the pair', () => {
  const mentorPerson: ContactPerson = { id: 'a', displayName: 'Байгускарова Зульфия', email: ' z@example.ru ', phone: null, contactsVisible: true };
  const menteePerson: ContactPerson = { id: 'b', displayName: 'Сергеев Максим', email: null, phone: null, contactsVisible: false };

  it('is the mentor for a mentee and the mentees for a mentor', () => {
    const pair = { mentor: mentorPerson, mentees: [menteePerson] };
    expect(contactsToShow(pair, false)).toEqual([mentorPerson]);
    expect(contactsToShow(pair, true)).toEqual([menteePerson]);
  });

  it('tells contacts from «not shown to you» and from «not given»', () => {
    expect(contactState(mentorPerson)).toEqual({ kind: 'contacts', email: 'z@example.ru', phone: null });
    expect(contactState(menteePerson)).toEqual({ kind: 'hidden' });
    expect(contactState({ ...mentorPerson, email: '' })).toEqual({ kind: 'none' });
    expect(telHref('+7 (917) 345-12-78')).toBe('tel:+79173451278');
  });
});

describe('what is next for the pair', () => {
  const task = (id: string, done: boolean, deadline: string | null) => ({ id, title: id, done, deadline, doneOn: null });
  it('is the last meeting, the kind expected next and the nearest open task, overdue or not', () => {
    const next = whatIsNext(
      {
        status: 'active',
        meetings: [
          { type: 'trial', date: '2026-09-28' },
          { type: 'acquaintance', date: '2026-09-20' },
        ],
        nextMeetingTypes: ['planning'],
        tasks: [task('later', false, '2026-12-01'), task('soon', false, '2026-10-01'), task('done', true, '2026-09-01')],
      },
      '2026-10-15',
    );
    expect(next.lastMeeting).toEqual({ type: 'trial', date: '2026-09-28' });
    expect(next.nextMeetingTypes).toEqual(['planning']);
    expect(next.nextTask).toMatchObject({ id: 'soon', overdue: true });
  });

  it('is nothing to do for a completed pair', () => {
    const next = whatIsNext({ status: 'completed', meetings: [], nextMeetingTypes: [], tasks: [task('open', false, null)] }, '2026-10-15');
    expect(next).toEqual({ lastMeeting: null, nextMeetingTypes: [], nextTask: null });
  });
});
