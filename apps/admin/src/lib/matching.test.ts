import { describe, expect, it } from 'vitest';
import { whyNoPairs } from './matching';

const base = { mentees: 3, mentors: 2, freeMentees: 1, freeMentors: 1, withoutConsent: 0 };

describe('an empty matching explains itself', () => {
  it('an empty base: add or import mentees and mentors', () => {
    expect(whyNoPairs({ mentees: 0, mentors: 0, freeMentees: 0, freeMentors: 0, withoutConsent: 0 })).toEqual([
      { text: 'В базе программы нет наставляемых с действующим согласием.', steps: ['add-mentee', 'import-mentees'] },
      { text: 'В базе программы нет наставников с действующим согласием.', steps: ['add-mentor', 'import-mentors'] },
    ]);
  });

  it('everyone already paired, or no free mentor', () => {
    expect(whyNoPairs({ ...base, freeMentees: 0 }).map((r) => r.text)).toEqual([
      'Все наставляемые уже в парах (3): подбирать некого. Новые наставляемые появятся в подборе, когда вы их добавите.',
    ]);
    expect(whyNoPairs({ ...base, freeMentors: 0 })).toEqual([
      { text: 'Свободных наставников нет: все 2 уже в парах или группах.', steps: ['add-mentor', 'import-mentors'] },
    ]);
  });

  it('free people but no fit, and those who withdrew their consent are counted', () => {
    const reasons = whyNoPairs({ ...base, withoutConsent: 2 });
    expect(reasons[0]).toMatchObject({ steps: [] });
    expect(reasons[0]!.text).toMatch(/^Свободные наставники и наставляемые есть/);
    expect(reasons[1]!.text).toBe('2 участника отозвали согласие на обработку данных: в подборе не участвуют.');
  });
});

describe('the period of the pairs being confirmed', () => {
  const labels = { start: 'Начало', end: 'Окончание' };
  it('shows a date typed wrong and the domain’s rule beside their fields, all at once', async () => {
    const { confirmPeriod } = await import('./matching');
    expect(confirmPeriod('31.02.2026', '', labels).errors).toEqual({
      startDate: 'Начало: укажите дату в формате ДД.ММ.ГГГГ',
      endDate: 'Окончание: укажите дату в формате ДД.ММ.ГГГГ',
    });
    const reversed = confirmPeriod('01.10.2026', '01.09.2026', labels);
    expect(reversed.period).toBeNull();
    expect(Object.keys(reversed.errors)).toEqual(['endDate']);
    expect(confirmPeriod('01.10.2026', '31.05.2027', labels)).toEqual({ errors: {}, period: { start: '2026-10-01', end: '2027-05-31' } });
  });

  it('places the API’s period problems of any row beside the fields', async () => {
    const { confirmPeriodErrorsOf } = await import('./matching');
    expect(confirmPeriodErrorsOf({ 'pairs[0].endDate': 'Окончание: не раньше начала', 'pairs[1].mentorId': 'Участник не найден' })).toEqual({
      endDate: 'Окончание: не раньше начала',
    });
  });
});
