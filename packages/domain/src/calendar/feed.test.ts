import { describe, expect, it } from 'vitest';
import { CALENDAR_FEED_RU as T } from './feed.js';

describe('calendar feed texts', () => {
  it('dates are ДД.ММ.ГГГГ, long activities are shortened on a word, an empty number is left out', () => {
    expect(T.campaignDescription('Карты 2026/2027', '2026-11-20', 'https://x/c')).toContain('до 20.11.2026');
    expect(T.itemSummary('1.2', 'Провести   совещание')).toBe('Срок мероприятия 1.2: Провести совещание');
    expect(T.itemSummary('', 'Провести совещание')).toBe('Срок мероприятия: Провести совещание');
    const long = T.itemSummary('', 'слово '.repeat(60));
    expect(long.length).toBeLessThanOrEqual('Срок мероприятия: '.length + 120);
    expect(long.endsWith('…')).toBe(true);
  });

  it('the calendar is named after the person; an item without a written deadline says nothing of it', () => {
    expect(T.calendarName('Исхакова Лилия Фанисовна')).toBe('Наставник — Исхакова Лилия Фанисовна');
    expect(T.itemDescription('МОБУ «Гимназия»', '', 'https://x/r')).toBe('Дорожная карта: МОБУ «Гимназия».\nОткрыть в платформе: https://x/r');
  });
});
