import { describe, expect, it } from 'vitest';
import { ANY_EMAIL, ANY_PHONE, declined, erasedTextRu, phonePattern, redact, redactionPatterns, REDACTED_RU } from './redaction.js';

const alina = redactionPatterns({
  lastName: 'Эрейзерова',
  firstName: 'Алина',
  middleName: 'Сергеевна',
  email: 'Alina.E@example.org',
  phone: '+7 917 123-45-67',
  relatedNames: ['Эрейзерова Ольга Петровна'],
});
const R = REDACTED_RU;

describe('redaction patterns', () => {
  it('name combinations in any case and with initials are strong forms', () => {
    for (const text of [
      'Эрейзерова Алина Сергеевна',
      'Эрейзеровой Алине',
      'Алину Эрейзерову',
      'Эрейзеровой А. С.',
      'Эрейзерова А.С.',
      'Эрейзерова А.',
      'А. С. Эрейзерова',
      'А.С.Эрейзеровой',
      'Алина Э.',
      'Алина Сергеевна',
      'ЭРЕЙЗЕРОВА АЛИНА',
      'Ольге Петровне Эрейзеровой',
      'Эрейзерова О. П.',
    ]) {
      expect(redact(text, alina.strong), text).toBe(R);
    }
  });

  it('phone with any separators and prefixes, e-mail in any case', () => {
    for (const text of ['+7 917 123-45-67', '89171234567', '8 (917) 123 45 67', '9171234567', '+79171234567', 'alina.e@EXAMPLE.org']) {
      expect(redact(`тел. ${text}!`, alina.strong), text).toBe(`тел. ${R}!`);
    }
    // Another number, a longer digit run, another address: not the person's.
    expect(redact('+7 917 123-45-68, 791712345670, lina.e@example.org', alina.strong)).toBe('+7 917 123-45-68, 791712345670, lina.e@example.org');
  });

  it('strong forms keep a namesake and the bare names; the own school adds the bare last name; own pairs every form', () => {
    const text = 'Эрейзерова Мария Ивановна, Эрейзеровой М. И., Алина, Сергеевна';
    expect(redact(text, alina.strong)).toBe(text);
    expect(redact('Эрейзеровой поставили 5', alina.withLastName)).toBe(`${R} поставили 5`);
    expect(redact('Эрейзеровскими', alina.withLastName)).toBe('Эрейзеровскими');
    expect(redact('Алина и Алиночка, Сергеевна; Петров 8-900-000-00-00 x@y.ru', alina.all)).toBe(`${R} и Алиночка, ${R}; Петров ${R} ${R}`);
  });

  it('word edges: a name inside another word is left', () => {
    expect(redact('Малина Эрейзерова', alina.strong)).toBe('Малина Эрейзерова');
    expect(redact('Малина', alina.all)).toBe('Малина');
    expect(redact('(Алина Э.)', alina.strong)).toBe(`(${R})`);
    expect(redact('Согласие_Эрейзерова_Алина.pdf', alina.strong)).toBe(`Согласие_${R}.pdf`);
  });

  it('stems: a final ending stripped, short stems exact', () => {
    expect(new RegExp(`^${declined('Ия')}$`).test('Ия')).toBe(true);
    expect(new RegExp(`^${declined('Ия')}$`).test('Ию')).toBe(false);
    const petr = new RegExp(`^${declined('Пётр')}$`);
    expect(['Пётр', 'Петра', 'Петром', 'петру'].every((w) => petr.test(w))).toBe(true);
    const kaya = new RegExp(`^${declined('Ковальская')}$`);
    expect(['Ковальской', 'Ковальскую', 'Ковальская'].every((w) => kaya.test(w))).toBe(true);
  });

  it('any phone and e-mail; dates are not phones', () => {
    expect(redact('05.12.2026 и 2025-10-01', ANY_PHONE)).toBe('05.12.2026 и 2025-10-01');
    expect(redact('звонить +7 (900) 111-22-33', ANY_PHONE)).toBe(`звонить ${R}`);
    expect(redact('пишите a.b-c@mail.example.ru.', ANY_EMAIL)).toBe(`пишите ${R}.`);
    expect(phonePattern('12')).toBeNull();
  });

  it('a person without contacts or middle name still gets patterns; the marker carries the date', () => {
    const p = redactionPatterns({ lastName: 'Ли', firstName: 'Ян', middleName: null });
    expect(redact('Ли Ян пришёл; Лиана', p.strong)).toBe(`${R} пришёл; Лиана`);
    expect(erasedTextRu('2026-12-05')).toBe('[удалено: отзыв согласия 05.12.2026]');
  });
});
