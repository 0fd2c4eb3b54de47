import { describe, expect, it } from 'vitest';
import { formatDateTimeRu, isoToRu, parseDateRu, signatureName, todayIso } from './dates';

describe('dates as typed in Russian forms', () => {
  it('reads ДД.ММ.ГГГГ (and a few variants) into ГГГГ-ММ-ДД', () => {
    expect(parseDateRu('20.09.2025')).toBe('2025-09-20');
    expect(parseDateRu(' 1.9.2025 ')).toBe('2025-09-01');
    expect(parseDateRu('20.09.2025 г.')).toBe('2025-09-20');
    expect(parseDateRu('2025-09-20')).toBe('2025-09-20');
    expect(parseDateRu('20/09/2025')).toBe('2025-09-20');
  });

  it('refuses what is not a real date', () => {
    for (const text of ['', '20 сентября', '31.02.2025', '20.13.2025', '20.09.25']) expect(parseDateRu(text), text).toBeNull();
  });

  it('shows ГГГГ-ММ-ДД as ДД.ММ.ГГГГ', () => {
    expect(isoToRu('2025-09-20')).toBe('20.09.2025');
    expect(isoToRu(null)).toBe('');
    expect(isoToRu('сентябрь')).toBe('сентябрь');
  });

  it('gives today and timestamps in the user’s time', () => {
    expect(todayIso(new Date(2026, 10, 2, 23, 59))).toBe('2026-11-02');
    expect(formatDateTimeRu(new Date(2026, 10, 22, 9, 5))).toBe('22.11.2026, 09:05');
  });

  it('signs approval blocks with initials', () => {
    expect(signatureName('Ирина Ивановна Варламова')).toBe('И.И. Варламова');
    expect(signatureName('Айгуль Рашитовна Бикмурзина')).toBe('А.Р. Бикмурзина');
    expect(signatureName('Администратор платформы')).toBe('Администратор платформы');
    expect(signatureName('куратор, зам. директора по УВР')).toBe('куратор, зам. директора по УВР');
  });
});
