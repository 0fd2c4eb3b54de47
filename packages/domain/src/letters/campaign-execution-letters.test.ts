import { describe, expect, it } from 'vitest';
import {
  campaignDeadlineLetter,
  campaignDeadlineStage,
  campaignOfficerSummaryLetter,
  campaignOpenedLetter,
  EXECUTION_LETTER_ITEMS_LIMIT,
  executionWeeklyLetter,
  isoWeekOf,
  SUMMARY_SCHOOLS_LIMIT,
} from './index.js';

const LINK = 'https://nastavnik.example.ru/roadmaps/campaigns/c1?district=d1';

describe('campaign letters', () => {
  it('a new campaign names the district, the title, the due date as ДД.ММ.ГГГГ and links the campaign', () => {
    const letter = campaignOpenedLetter({
      greetingName: 'Лилия Фанисовна',
      organizationName: 'МОБУ «Гимназия»',
      districtName: 'ГО г. Сибай',
      campaignTitle: 'Дорожные карты на 2026/2027 учебный год',
      dueDate: '2026-09-10',
      link: LINK,
    });
    expect(letter.subject).toBe('Новая кампания: дорожная карта до 10.09.2026 — Дорожные карты на 2026/2027 учебный год');
    expect(letter.text).toContain('Здравствуйте, Лилия Фанисовна!');
    expect(letter.text).toContain('Муниципалитет (ГО г. Сибай) открыл кампанию «Дорожные карты на 2026/2027 учебный год».');
    expect(letter.text).toContain('Дорожную карту МОБУ «Гимназия» нужно подготовить, утвердить у директора и представить до 10.09.2026.');
    expect(letter.text).toContain(`Открыть кампанию: ${LINK}`);
    expect(letter.html).toContain(`href="${LINK.replace('&', '&amp;')}"`);
    expect(letter.text).toContain('потому что вы куратор или директор этой организации');
  });

  it('the deadline stages are 7 days before, 1 day before and the day after; other days none', () => {
    expect(campaignDeadlineStage('2026-09-10', '2026-09-03')).toBe('7d');
    expect(campaignDeadlineStage('2026-09-10', '2026-09-09')).toBe('1d');
    expect(campaignDeadlineStage('2026-09-10', '2026-09-11')).toBe('overdue');
    for (const today of ['2026-09-02', '2026-09-04', '2026-09-10', '2026-09-12']) expect(campaignDeadlineStage('2026-09-10', today), today).toBeNull();
    // Across a month and a year.
    expect(campaignDeadlineStage('2027-01-03', '2026-12-27')).toBe('7d');
    expect(campaignDeadlineStage('2026-02-28', '2026-03-01')).toBe('overdue');
  });

  it('the deadline letter says how soon, or that the date has passed', () => {
    const facts = { greetingName: null, organizationName: 'МОБУ «СОШ № 4»', campaignTitle: 'Карты 2026', dueDate: '2026-09-10', link: LINK };
    const week = campaignDeadlineLetter({ ...facts, stage: '7d' });
    expect(week.subject).toBe('Срок 10.09.2026: дорожная карта ещё не представлена — Карты 2026');
    expect(week.text).toContain('Здравствуйте!');
    expect(week.text).toContain('нужно представить до 10.09.2026 — через 7 дней');
    expect(campaignDeadlineLetter({ ...facts, stage: '1d' }).text).toContain('до 10.09.2026 — завтра');
    const late = campaignDeadlineLetter({ ...facts, stage: 'overdue' });
    expect(late.subject).toBe('Срок истёк: дорожная карта не представлена — Карты 2026');
    expect(late.text).toContain('истёк 10.09.2026, а дорожная карта МОБУ «СОШ № 4» ещё не представлена');
  });

  it('the officer’s summary counts and names the schools that have not submitted, up to a limit', () => {
    const letter = campaignOfficerSummaryLetter({
      greetingName: 'Ирина',
      campaignTitle: 'Карты 2026',
      dueDate: '2026-09-10',
      stage: '1d',
      schools: ['МОБУ «СОШ № 4»', 'МОБУ «СОШ № 5»'],
      total: 7,
      link: LINK,
    });
    expect(letter.subject).toBe('Не представили дорожные карты: 2 из 7 — Карты 2026');
    expect(letter.text).toContain('Срок — 10.09.2026 (завтра). Не представили дорожную карту: 2 организации из 7.');
    expect(letter.text).toContain('• МОБУ «СОШ № 4»\n• МОБУ «СОШ № 5»');
    const many = Array.from({ length: SUMMARY_SCHOOLS_LIMIT + 3 }, (_, i) => `Школа ${i + 1}`);
    const long = campaignOfficerSummaryLetter({
      greetingName: null,
      campaignTitle: 'К',
      dueDate: '2026-09-10',
      stage: 'overdue',
      schools: many,
      total: 60,
      link: LINK,
    });
    expect(long.text).toContain('Срок (10.09.2026) истёк.');
    expect(long.text).toContain(`• Школа ${SUMMARY_SCHOOLS_LIMIT}\n…и ещё 3`);
    expect(long.text).not.toContain(`Школа ${SUMMARY_SCHOOLS_LIMIT + 1}`);
    expect(long.text).toContain('53 организации из 60');
  });
});

describe('the weekly execution letter', () => {
  const item = (number: string, activity: string, dueDate: string, responsible = '') => ({ number, activity, dueDate, responsible });

  it('lists the overdue items and those due within the week, with dates and who is responsible', () => {
    const letter = executionWeeklyLetter({
      greetingName: null,
      organizationName: 'МОБУ «Гимназия»',
      programmeName: 'Вместе',
      overdue: [item('1.1', 'Приказ о внедрении', '2026-11-20', 'Директор')],
      dueSoon: [item('', 'Анкетирование', '2026-12-09'), item('2.3', 'Встреча с родителями', '2026-12-11', 'Зам. директора по ВР')],
      link: 'https://nastavnik.example.ru/roadmaps/r1?district=d1',
    });
    expect(letter.subject).toBe('Исполнение дорожной карты: просрочено 1, на неделе 2 — МОБУ «Гимназия»');
    expect(letter.text).toContain('Просрочено (1):\n• 1.1 Приказ о внедрении — срок 20.11.2026 (ответственный: Директор)');
    expect(letter.text).toContain(
      'Срок в ближайшие 7 дней (2):\n• Анкетирование — срок 09.12.2026\n• 2.3 Встреча с родителями — срок 11.12.2026 (ответственный: Зам. директора по ВР)',
    );
    expect(letter.text).toContain('Открыть дорожную карту: https://nastavnik.example.ru/roadmaps/r1?district=d1');
  });

  it('without overdue items the subject says only the week; long lists are cut', () => {
    const many = Array.from({ length: EXECUTION_LETTER_ITEMS_LIMIT + 2 }, (_, i) => item(String(i + 1), `Мероприятие ${i + 1}`, '2026-12-09'));
    const letter = executionWeeklyLetter({ greetingName: null, organizationName: 'Школа', programmeName: 'П', overdue: [], dueSoon: many, link: 'x' });
    expect(letter.subject).toBe(`Исполнение дорожной карты: на неделе ${many.length} — Школа`);
    expect(letter.text).not.toContain('Просрочено');
    expect(letter.text).toContain('…и ещё 2');
  });

  it('the ISO week keys the letters per week (the Thursday decides the year)', () => {
    expect(isoWeekOf('2026-12-07')).toBe('2026-W50');
    expect(isoWeekOf('2026-12-13')).toBe('2026-W50');
    expect(isoWeekOf('2026-12-14')).toBe('2026-W51');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });
});
