import { describe, expect, it } from 'vitest';
import { calendarDateToIso, calendarDateToText, partialDateText, textToCalendarDate } from './dateValue';

describe('date text ↔ CalendarDate', () => {
  it('reads what people type and what the API sends', () => {
    expect(textToCalendarDate('05.12.2026')?.toString()).toBe('2026-12-05');
    expect(textToCalendarDate('5.1.2026')?.toString()).toBe('2026-01-05');
    expect(textToCalendarDate('2026-12-05')?.toString()).toBe('2026-12-05');
    expect(textToCalendarDate(' 29.02.2024 г. ')?.toString()).toBe('2024-02-29');
  });

  it('gives no date for empty, impossible or half-typed text', () => {
    expect(textToCalendarDate('')).toBeNull();
    expect(textToCalendarDate(undefined)).toBeNull();
    expect(textToCalendarDate('31.02.2025')).toBeNull();
    expect(textToCalendarDate('29.02.2025')).toBeNull();
    expect(textToCalendarDate('05.12.ГГГГ')).toBeNull();
    expect(textToCalendarDate('20 декабря')).toBeNull();
  });

  it('writes ДД.ММ.ГГГГ for the form and ГГГГ-ММ-ДД for the API, zero-padded', () => {
    const date = { year: 2026, month: 3, day: 7 };
    expect(calendarDateToText(date)).toBe('07.03.2026');
    expect(calendarDateToIso(date)).toBe('2026-03-07');
    expect(calendarDateToText(null)).toBe('');
  });

  it('round-trips: text → CalendarDate → text', () => {
    for (const text of ['01.01.2000', '31.12.2030', '29.02.2028']) expect(calendarDateToText(textToCalendarDate(text))).toBe(text);
  });

  it('keeps a half-typed date as text the form rejects, and an untouched one as empty', () => {
    const typed = (text: string) => ({ text, isPlaceholder: false });
    const empty = (text: string) => ({ text, isPlaceholder: true });
    expect(partialDateText([typed('05'), typed('12'), empty('ГГГГ')])).toBe('05.12.ГГГГ');
    expect(partialDateText([empty('ДД'), empty('ММ'), empty('ГГГГ')])).toBe('');
    expect(textToCalendarDate(partialDateText([typed('05'), empty('ММ'), typed('2026')]))).toBeNull();
  });
});
