import { describe, expect, it } from 'vitest';
import { addDays, isoDateIn } from './clock.js';

describe('isoDateIn', () => {
  it('gives the calendar date in each zone, also when the formatters are reused', () => {
    const lateEvening = new Date('2026-12-04T20:30:00Z');
    for (let round = 0; round < 2; round++) {
      expect(isoDateIn(lateEvening, 'UTC')).toBe('2026-12-04');
      expect(isoDateIn(lateEvening, 'Europe/Moscow')).toBe('2026-12-04');
      expect(isoDateIn(lateEvening, 'Asia/Yekaterinburg')).toBe('2026-12-05');
    }
  });

  it('refuses an unknown time zone every time (a bad zone is never kept)', () => {
    expect(() => isoDateIn(new Date(), 'Europe/Nowhere')).toThrow(RangeError);
    expect(() => isoDateIn(new Date(), 'Europe/Nowhere')).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('crosses months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
