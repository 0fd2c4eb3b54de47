import { ru } from '../i18n/ru';
import { describe, expect, it } from 'vitest';
import {
  addMonthsIso,
  consentGiverFor,
  consentInputOf,
  participantDataWithUsername,
  participantInput,
  programmePaths,
  programmeTabOf,
  splitList,
  validateProgramme,
  type ParticipantDraft,
} from './programmes';

const draft: ParticipantDraft = {
  role: 'MENTEE',
  lastName: ' Иванова ',
  firstName: 'Мария',
  middleName: '',
  category: 'pupil',
  birthDate: '01.03.2012',
  classOrPosition: '7 «Б»',
  tags: 'математика, олимпиады',
  text: '',
  signedOn: '05.09.2025',
  textVersion: 'Согласие v1',
  representativeName: 'Иванова Елена Петровна',
  representativeRelation: 'mother',
  representativeDocument: 'Свидетельство о рождении',
  givenBy: '',
  consents: '',
};

describe('programmes', () => {
  it('builds paths and the order address', () => {
    expect(programmePaths.programme('p 1')).toBe('/programmes/p%201');
    expect(programmePaths.programme('p1', 'pairs')).toBe('/programmes/p1?tab=pairs');
    expect(programmePaths.newParticipant('p1', 'MENTOR')).toBe('/programmes/p1/participants/new?role=MENTOR');
    expect(programmePaths.pairsOrder('p1', ' 12-о ', '2025-09-10')).toBe('/exports/programmes/p1/pairs-order.docx?number=12-%D0%BE&date=2025-09-10');
    expect(programmePaths.pairsOrder('p1', '', '')).toBe('/exports/programmes/p1/pairs-order.docx');
    expect(programmeTabOf('matching')).toBe('matching');
    expect(programmeTabOf('nonsense')).toBe('mentees');
  });

  it('chooses who consents by the date of birth', () => {
    expect(consentGiverFor('01.03.2012', '2025-09-05')).toEqual({ kind: 'representative', age: 13 });
    expect(consentGiverFor('05.09.2007', '2025-09-05')).toEqual({ kind: 'self' });
    expect(consentGiverFor('06.09.2007', '2025-09-05')).toEqual({ kind: 'representative', age: 17 });
    expect(consentGiverFor('', '2025-09-05')).toEqual({ kind: 'self' });
    expect(consentGiverFor('31.02.2010', '2025-09-05')).toEqual({ kind: 'unknown' });
  });

  it('splits lists and adds months', () => {
    expect(splitList('математика, олимпиады;\nшахматы, ')).toEqual(['математика', 'олимпиады', 'шахматы']);
    expect(addMonthsIso('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonthsIso('2025-01-15', 12)).toBe('2026-01-15');
  });

  it('checks the programme form', () => {
    const bad = validateProgramme({ name: '', form: '', kind: '', periodStart: '2025', periodEnd: '', curatorName: '', targetGroups: '' });
    expect(bad.values).toBeNull();
    // The shared schema's messages (the API's), beside the form's fields; a badly typed date is the form's own.
    expect(bad.errors).toEqual({
      name: 'Название программы: поле обязательно',
      form: 'Формы наставничества: выберите хотя бы одну',
      periodStart: ru.programmes.badDate,
      periodEnd: 'Окончание программы: укажите дату',
    });
    expect(
      validateProgramme({
        name: 'Вместе',
        form: 'teacher-pupil',
        kind: '',
        periodStart: '01.09.2026',
        periodEnd: '31.08.2026',
        curatorName: '',
        targetGroups: '',
      }).errors,
    ).toEqual({
      periodEnd: 'Окончание программы: не раньше начала',
    });
    const good = validateProgramme({
      name: 'Вместе',
      form: 'teacher-pupil',
      kind: 'traditional',
      periodStart: '01.09.2025',
      periodEnd: '31.08.2026',
      curatorName: '',
      targetGroups: '5–9 классы',
    });
    expect(good.values).toEqual({
      name: 'Вместе',
      forms: ['teacher-pupil'],
      kinds: ['traditional'],
      periodStart: '2025-09-01',
      periodEnd: '2026-08-31',
      targetGroups: ['5–9 классы'],
      curatorName: null,
    });
  });

  it('sends a minor with the representative’s consent, an adult with their own', () => {
    const minor = participantInput(draft, '2025-09-05').values!;
    expect(minor).toMatchObject({ lastName: 'Иванова', birthDate: '2012-03-01', middleName: null, tags: ['математика', 'олимпиады'] });
    expect(minor.consents).toEqual([
      {
        givenBy: 'representative',
        representativeName: 'Иванова Елена Петровна',
        representativeRelation: 'mother',
        representativeDocument: 'Свидетельство о рождении',
        signedOn: '2025-09-05',
        textVersion: 'Согласие v1',
      },
    ]);
    const adult = participantInput({ ...draft, role: 'MENTOR', category: 'teacher', birthDate: '10.10.1985' }, '2025-09-05').values!;
    expect(adult.consents).toEqual([{ givenBy: 'self', signedOn: '2025-09-05', textVersion: 'Согласие v1' }]);
    const wrong = participantInput({ ...draft, birthDate: '1.1', signedOn: '' }, '2025-09-05');
    expect(wrong.values).toBeNull();
    expect(Object.keys(wrong.errors).sort()).toEqual(['birthDate', 'signedOn']);
  });

  it('shows every problem of the person at once, by the domain rules the API applies', () => {
    const empty = participantInput({ ...draft, lastName: ' ', firstName: '', birthDate: '01.01.2017' }, '2025-09-05');
    expect(empty.values).toBeNull();
    expect(empty.errors).toEqual({
      lastName: 'Фамилия: поле обязательно',
      firstName: 'Имя: поле обязательно',
      birthDate: expect.stringMatching(/от 10 до 19 лет/),
    });
    const longRequest = participantInput({ ...draft, text: 'а'.repeat(2001) }, '2025-09-05');
    expect(Object.keys(longRequest.errors)).toEqual(['text']);
  });
});

describe('programmes: the card’s forms', () => {
  it('keeps the person as it is when linking a login', () => {
    const person = {
      category: 'teacher',
      lastName: 'Сидоров',
      firstName: 'Павел',
      middleName: null,
      birthDate: null,
      classOrPosition: 'учитель',
      email: 'p@example.ru',
      phone: null,
      experienceYears: 12,
      specialGroups: [],
      tags: ['шахматы'],
      freeText: '',
      partnerId: null,
    };
    expect(participantDataWithUsername(person, ' mentor.1 ')).toEqual({
      category: 'teacher',
      lastName: 'Сидоров',
      firstName: 'Павел',
      middleName: null,
      birthDate: null,
      classOrPosition: 'учитель',
      email: 'p@example.ru',
      phone: null,
      experienceYears: 12,
      specialGroups: [],
      tags: ['шахматы'],
      text: null,
      partnerId: null,
      username: 'mentor.1',
    });
  });

  it('reads another consent: scopes required, representative fields only for a representative', () => {
    const base = {
      givenBy: 'self',
      representativeName: 'X',
      representativeRelation: 'mother',
      representativeDocument: 'Y',
      representativeEmail: ' olga@example.ru ',
      signedOn: '01.09.2025',
      textVersion: ' v2 ',
      scopes: 'processing, publication',
    };
    expect(consentInputOf(base).values).toEqual({
      givenBy: 'self',
      representativeName: null,
      representativeRelation: null,
      representativeDocument: null,
      representativeEmail: null,
      signedOn: '2025-09-01',
      textVersion: 'v2',
      scopes: ['processing', 'publication'],
    });
    expect(consentInputOf({ ...base, givenBy: 'representative' }).values).toMatchObject({
      representativeName: 'X',
      representativeRelation: 'mother',
      representativeEmail: 'olga@example.ru',
    });
    const bad = consentInputOf({ ...base, scopes: '', signedOn: '1 сентября' });
    expect(bad.values).toBeNull();
    expect(Object.keys(bad.errors).sort()).toEqual(['scopes', 'signedOn']);
  });
});
