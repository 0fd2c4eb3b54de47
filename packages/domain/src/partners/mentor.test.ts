import { describe, expect, it } from 'vitest';
import { checkPartnerMentorProfile } from './mentor.js';

describe('checkPartnerMentorProfile', () => {
  it('names every problem at once, each with its field', () => {
    const { issues } = checkPartnerMentorProfile({ lastName: ' ', firstName: 'Олег', email: 'oleg@', phone: '12', text: 'к'.repeat(2001), capacity: 31 });
    expect(issues.map((i) => [i.field, i.message])).toEqual([
      ['lastName', 'Фамилия: поле обязательно'],
      ['email', 'Эл. почта: некорректный адрес «oleg@»'],
      ['phone', 'Телефон: некорректный номер «12»'],
      ['text', 'Компетенции: не более 2000 символов'],
      ['capacity', 'Сколько наставляемых: от 1 до 30'],
    ]);
  });

  it('normalises a good profile: spaces, e-mail case, phone, catalogue tags', () => {
    const { issues, profile } = checkPartnerMentorProfile({
      lastName: ' Кузнецов ',
      firstName: 'Олег',
      email: 'Oleg@Example.RU',
      phone: '8 (912) 345-67-89',
      tags: ['english', 'робототехника'],
      text: ' Инженер ',
    });
    expect(issues).toEqual([]);
    expect(profile).toMatchObject({
      lastName: 'Кузнецов',
      email: 'oleg@example.ru',
      tags: ['английский язык', 'робототехника'],
      freeText: 'Инженер',
      capacity: 1,
    });
    expect(profile.phone).toMatch(/^\+7/);
  });
});
