import { describe, expect, it } from 'vitest';
import { navigationFor, type GrantLike } from './access';
import { isParticipantOnly, isProgrammeParticipant, withMyPairs } from './my';

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
