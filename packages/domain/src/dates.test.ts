import { describe, expect, it } from 'vitest';
import { formatDateTimeRu, timeZoneLabelRu } from './dates.js';

describe('a moment in a named time zone', () => {
  const instant = new Date('2026-12-04T23:38:00Z');

  it('is Moscow time, named «МСК»', () => {
    expect(formatDateTimeRu(instant, 'Europe/Moscow')).toBe('05.12.2026 02:38 (МСК)');
    expect(formatDateTimeRu(instant.toISOString(), 'Europe/Moscow')).toBe('05.12.2026 02:38 (МСК)');
  });

  it('names other zones against Moscow', () => {
    expect(timeZoneLabelRu('Asia/Yekaterinburg', instant)).toBe('МСК+2');
    expect(timeZoneLabelRu('Europe/Kaliningrad', instant)).toBe('МСК−1');
    expect(timeZoneLabelRu('Asia/Kolkata', instant)).toBe('МСК+2:30');
    expect(formatDateTimeRu(instant, 'Asia/Yekaterinburg')).toBe('05.12.2026 04:38 (МСК+2)');
  });
});
