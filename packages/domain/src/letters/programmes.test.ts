import { describe, expect, it } from 'vitest';
import {
  greetingNameOf,
  meetingSoonLetter,
  meetingTimeRu,
  pairConfirmedLetter,
  pairIdleLetter,
  pairsIdleCuratorLetter,
  questionnaireLinkLetter,
  type ProgrammeLetterFacts,
} from './index.js';

const facts: ProgrammeLetterFacts = {
  greetingName: 'Ольга Николаевна',
  reader: { kind: 'representative', childName: 'Максим Сергеев' },
  role: 'mentee',
  programmeName: 'Своя пара',
  organizationName: 'МОБУ «Гимназия»',
  link: null,
  contact: 'Куратор программы: Исхакова Лилия Фанисовна, curator@school.test',
};

describe('programme letters', () => {
  it('pair confirmed, to a representative: the child, the mentor’s name, the period, whom to ask — no login link', () => {
    const letter = pairConfirmedLetter({ ...facts, others: ['Байгускарова Зульфия'], startDate: '2026-09-15', endDate: '2027-05-31' });
    expect(letter.subject).toBe('Максим Сергеев: наставническая пара утверждена — «Своя пара»');
    expect(letter.text).toContain('Здравствуйте, Ольга Николаевна!');
    expect(letter.text).toContain('Школа утвердила наставническую пару: наставник: Байгускарова Зульфия.');
    expect(letter.text).toContain('с 15.09.2026 по 31.05.2027');
    expect(letter.text).toContain('По вопросам обращайтесь в школу. Куратор программы: Исхакова Лилия Фанисовна, curator@school.test');
    expect(letter.text).toContain('как законный представитель участника');
    expect(letter.text).not.toContain('http');
  });

  it('pair confirmed, to a mentor with a login: the mentees and the pair’s page', () => {
    const letter = pairConfirmedLetter({
      ...facts,
      reader: { kind: 'member' },
      role: 'mentor',
      greetingName: 'Зульфия',
      link: 'https://n.example/my',
      others: ['Сергеев Максим', 'Кузнецова Дарья'],
      startDate: '2026-09-15',
      endDate: '2027-05-31',
    });
    expect(letter.subject).toBe('Наставническая пара утверждена — «Своя пара»');
    expect(letter.text).toContain('наставляемые: Сергеев Максим, Кузнецова Дарья');
    expect(letter.text).toContain('Открыть страницу пары: https://n.example/my');
    expect(letter.text).not.toContain('По вопросам обращайтесь');
  });

  it('names the meeting’s zone: Moscow in words, another zone against Moscow and by name', () => {
    const at = new Date('2026-12-15T13:30:00Z');
    expect(meetingTimeRu(at, 'Europe/Moscow')).toBe('15.12.2026 в 16:30 по московскому времени');
    expect(meetingTimeRu(at, 'Asia/Yekaterinburg')).toBe('15.12.2026 в 18:30 (МСК+2, Asia/Yekaterinburg)');
    const letter = meetingSoonLetter({ ...facts, when: meetingTimeRu(at, 'Europe/Moscow'), kindLabel: 'Рабочая', place: 'каб. 12', icsUrl: null });
    expect(letter.subject).toBe('Встреча наставнической пары 15.12.2026 в 16:30 по московскому времени (Максим Сергеев)');
    expect(letter.text).toContain('Запланирована встреча наставнической пары, в которой участвует Максим Сергеев, по программе «Своя пара»');
    expect(letter.text).toContain('Вид встречи: Рабочая. Место: каб. 12.');
    expect(letter.text).not.toContain('.ics');
    const member = meetingSoonLetter({
      ...facts,
      reader: { kind: 'member' },
      link: 'https://n.example/my',
      when: 'x',
      kindLabel: 'Рабочая',
      place: null,
      icsUrl: null,
    });
    expect(member.text).toContain('Файл для календаря (.ics) — на странице пары');
    expect(member.text).toContain('Открыть страницу пары: https://n.example/my');
  });

  it('idle: since the last meeting or since confirmation; the curator’s list has pages, not names', () => {
    expect(pairIdleLetter({ ...facts, days: 21, lastMeeting: '2026-10-01', since: '2026-09-15' }).text).toContain('Последняя встреча пары отмечена 01.10.2026');
    expect(pairIdleLetter({ ...facts, days: 21, lastMeeting: null, since: '2026-09-15' }).text).toContain('С утверждения пары (15.09.2026)');
    const summary = pairsIdleCuratorLetter({
      greetingName: null,
      organizationName: 'МОБУ «Гимназия»',
      days: 21,
      pairs: [{ programmeName: 'Своя пара', startDate: '2026-09-15', lastMeeting: null, link: 'https://n.example/programmes/p/pairs/1' }],
    });
    expect(summary.text).toContain('• «Своя пара», пара с 15.09.2026: встреч не было — https://n.example/programmes/p/pairs/1');
  });

  it('a questionnaire link, its expiry, and the reader', () => {
    const letter = questionnaireLinkLetter({
      ...facts,
      questionnaireTitle: 'Анкета наставляемого',
      url: 'https://n.example/public/surveys/x',
      expiresOn: '2026-12-20',
    });
    expect(letter.text).toContain('Заполнить анкету: https://n.example/public/surveys/x');
    expect(letter.text).toContain('Участник: Максим Сергеев; вы можете заполнить её вместе.');
    expect(letter.text).toContain('до 20.12.2026');
    expect(greetingNameOf('Сергеева Ольга Николаевна')).toBe('Ольга Николаевна');
    expect(greetingNameOf('  ')).toBeNull();
  });
});
