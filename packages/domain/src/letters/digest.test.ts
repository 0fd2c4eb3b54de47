import { describe, expect, it } from 'vitest';
import { isDigestEmpty, weeklyDigestLetter, type WeeklyDigestFacts } from './digest.js';
import { isoWeekOf } from './execution.js';

const facts: WeeklyDigestFacts = {
  greetingName: 'Лилия Фанисовна',
  districtName: 'ГО г. Сибай',
  today: '2026-12-07',
  waiting: [
    { organizationName: 'МОБУ «Гимназия»', roadmapTitle: 'Вместе', state: 'submittedToDistrict', waitingDays: 3 },
    { organizationName: 'МОБУ «СОШ № 4»', roadmapTitle: 'Шаг вперёд', state: 'awaitingHeadSignature', waitingDays: 1 },
  ],
  waitingTotal: 2,
  overdueCampaigns: [
    {
      title: 'Дорожные карты 2026/2027',
      dueDate: '2026-11-30',
      notSubmitted: ['МОБУ «СОШ № 5»', 'МОБУ «Лицей»'],
      notSubmittedTotal: 3,
      link: 'https://n.example.ru/roadmaps/campaigns/c1?district=d1',
    },
  ],
  overdueItems: [{ organizationName: 'МОБУ «Гимназия»', count: 4 }],
  overdueItemsSchools: 1,
  changes: { agreed: 2, returned: 1, partnerApplications: 0, pairsConfirmed: 5 },
  inboxLink: 'https://n.example.ru/inbox?district=d1',
};

describe('the weekly digest', () => {
  it('lists what waits with how long, overdue campaigns with the schools and the link, overdue items, the week’s changes', () => {
    const letter = weeklyDigestLetter(facts);
    expect(letter.subject).toBe('Сводка за неделю: ГО г. Сибай, 07.12.2026');
    expect(letter.text).toContain('Здравствуйте, Лилия Фанисовна!');
    expect(letter.text).toContain('Ждут решения муниципалитета — 2 дорожные карты:');
    expect(letter.text).toMatch(/• МОБУ «Гимназия» — «Вместе» \([^)]+, ждёт 3 дня\)/);
    expect(letter.text).toContain('ждёт 1 день');
    expect(letter.text).toContain('• «Дорожные карты 2026/2027» — срок 30.11.2026, не представили 3: МОБУ «СОШ № 5», МОБУ «Лицей» и др.');
    expect(letter.text).toContain('https://n.example.ru/roadmaps/campaigns/c1?district=d1');
    expect(letter.text).toContain('Просроченные мероприятия действующих дорожных карт — 1 школа:\n• МОБУ «Гимназия»: 4');
    expect(letter.text).toContain('• подтверждено наставнических пар и групп: 5');
    expect(letter.text).toContain('Открыть «Входящие»: https://n.example.ru/inbox?district=d1');
    expect(letter.html).toContain('href="https://n.example.ru/inbox?district=d1"');
  });

  it('says «nothing» where nothing is, and an all-empty week sends no letter', () => {
    const quiet = { ...facts, waiting: [], waitingTotal: 0, overdueCampaigns: [], overdueItems: [], overdueItemsSchools: 0 };
    const letter = weeklyDigestLetter(quiet);
    expect(letter.text).toContain('Ждут решения муниципалитета: ничего.');
    expect(letter.text).toContain('Просроченных кампаний нет.');
    expect(isDigestEmpty(quiet)).toBe(false);
    expect(isDigestEmpty({ ...quiet, changes: { agreed: 0, returned: 0, partnerApplications: 0, pairsConfirmed: 0 } })).toBe(true);
  });

  it('keys by the ISO week (the weekly letters’ shared helper), Mondays to Sundays', () => {
    expect(isoWeekOf('2026-12-07')).toBe('2026-W50');
    expect(isoWeekOf('2026-12-13')).toBe('2026-W50');
    expect(isoWeekOf('2026-12-14')).toBe('2026-W51');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
  });
});
