import { describe, expect, it } from 'vitest';
import { PERSONAL_DATA_ACCESS, PERSONAL_DATA_PARTS, PERSONAL_DATA_VIEWERS, maySee, personKind, widestViewer } from './personal-data.js';

describe('least privilege over personal data', () => {
  it('the school staff see everything; the region nothing; nobody else sees a consent', () => {
    for (const part of PERSONAL_DATA_PARTS) expect(maySee('school-staff', 'minor', part)).toBe(true);
    for (const part of PERSONAL_DATA_PARTS) expect(maySee('region', 'minor', part) || maySee('region', 'adult', part)).toBe(false);
    for (const viewer of PERSONAL_DATA_VIEWERS.filter((v) => v !== 'school-staff')) {
      expect(maySee(viewer, 'minor', 'consents'), viewer).toBe(false);
      expect(maySee(viewer, 'minor', 'specialGroups'), viewer).toBe(false);
    }
  });

  it("outside the school and the pair, a minor's identity is hidden; an adult's name is shown to the district", () => {
    for (const viewer of ['district-staff', 'platform', 'region', 'none'] as const) {
      expect(PERSONAL_DATA_ACCESS[viewer].minor, viewer).toEqual([]);
    }
    expect(maySee('district-staff', 'adult', 'identity')).toBe(true);
    expect(maySee('district-staff', 'adult', 'contacts')).toBe(false);
  });

  it("a minor's contacts reach only the school and the minor", () => {
    const who = PERSONAL_DATA_VIEWERS.filter((v) => maySee(v, 'minor', 'contacts'));
    expect(who).toEqual(['school-staff', 'self']);
  });

  it('the widest relation wins', () => {
    expect(widestViewer(['region', 'pair-mentor'])).toBe('pair-mentor');
    expect(widestViewer(['district-staff', 'school-staff'])).toBe('school-staff');
    expect(widestViewer([])).toBe('none');
  });

  it('a pupil without a birth date is a minor; a teacher is an adult; after anonymisation the age band decides', () => {
    expect(personKind({ birthDate: null, category: 'pupil' }, '2026-12-05')).toBe('minor');
    expect(personKind({ birthDate: null, category: 'teacher' }, '2026-12-05')).toBe('adult');
    expect(personKind({ birthDate: '2000-01-01', category: 'student' }, '2026-12-05')).toBe('adult');
    expect(personKind({ birthDate: null, category: 'teacher', ageBand: '10-14' }, '2026-12-05')).toBe('minor');
    expect(personKind({ birthDate: null, category: 'pupil', ageBand: '35-49' }, '2026-12-05')).toBe('adult');
  });
});
