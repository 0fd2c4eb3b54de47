import { describe, expect, it } from 'vitest';
import {
  PERSONAL_DATA_FIELDS,
  STATISTICS_FIELDS,
  ageBand,
  anonymize,
  canPublish,
  canStore,
  effectiveScopes,
  emailContact,
  validateConsent,
  withdrawalEffect,
  type ConsentRecord,
  type ConsentSubject,
} from './consents.js';
import type { Participant } from './participants.js';

const ON = '2025-10-01';

const pupil: Participant = {
  id: 'pupil-1',
  lastName: 'Иванова',
  firstName: 'Мария',
  middleName: 'Сергеевна',
  category: 'pupil',
  birthDate: '2012-03-14',
  organizationId: 'gymnasium-sibay',
  partnerId: null,
  classOrPosition: '7 «Б»',
  experienceYears: null,
  email: 'maria@example.ru',
  phone: '+79001234567',
  specialGroups: ['disability'],
  competenceTags: [],
  competenceText: '',
  requestTags: ['math'],
  requestText: 'Трудно после переезда, хочу найти друзей',
};
const teacher: ConsentSubject = { id: 'teacher-1', category: 'teacher', birthDate: null };
/** Turns 18 on 15.09.2025. */
const senior: ConsentSubject = { id: 'senior-1', category: 'pupil', birthDate: '2007-09-15' };

const mother = { kind: 'representative', name: 'Иванова Елена Петровна', relation: 'mother', document: 'свидетельство о рождении IV-АР № 123456' } as const;
const father = { kind: 'representative', name: 'Иванов Сергей Олегович', relation: 'father', document: 'свидетельство о рождении IV-АР № 123456' } as const;

function consent(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: 'c1',
    personId: 'pupil-1',
    givenBy: mother,
    scopes: ['processing'],
    textVersion: 'v3 от 01.09.2025',
    signedOn: '2025-09-05',
    validUntil: null,
    fileId: 'file-1',
    withdrawals: [],
    ...overrides,
  };
}

describe('validateConsent', () => {
  it('accepts a mother’s consent for a pupil and a teacher’s own', () => {
    expect(validateConsent(consent(), pupil, ON)).toEqual([]);
    expect(validateConsent(consent({ personId: 'teacher-1', givenBy: { kind: 'self' } }), teacher, ON)).toEqual([]);
  });

  it.each<[string, Partial<ConsentRecord>, ConsentSubject, string[]]>([
    [
      'a minor cannot consent alone',
      { givenBy: { kind: 'self' } },
      pupil,
      ['error|givenBy|Кто даёт согласие: участник несовершеннолетний (13) — согласие даёт законный представитель'],
    ],
    [
      'a pupil without a date of birth is treated as a minor',
      { givenBy: { kind: 'self' } },
      { id: 'pupil-1', category: 'pupil', birthDate: null },
      ['error|givenBy|Кто даёт согласие: участник несовершеннолетний — согласие даёт законный представитель'],
    ],
    ['an adult consents for themself', { signedOn: '2025-09-20' }, senior, ['error|givenBy|Кто даёт согласие: участнику 18 — согласие даёт он сам']],
    [
      'the representative is named with the document',
      { givenBy: { kind: 'representative', name: ' ', relation: 'guardian', document: '' } },
      pupil,
      ['error|givenBy.name|Законный представитель: укажите ФИО', 'error|givenBy.document|Законный представитель: укажите документ, подтверждающий полномочия'],
    ],
    ['the text version is required', { textVersion: '' }, pupil, ['error|textVersion|Версия текста согласия: поле обязательно']],
    ['not signed in the future', { signedOn: '2025-10-02' }, pupil, ['error|signedOn|Дата согласия: дата ещё не наступила']],
    ['a real date', { signedOn: '05.09.2025' }, pupil, ['error|signedOn|Дата согласия: некорректная дата']],
    ['not valid before it is signed', { validUntil: '2025-09-01' }, pupil, ['error|validUntil|Срок действия: не может закончиться раньше даты согласия']],
    ['some scope', { scopes: [] }, pupil, ['error|scopes|Объём согласия: отметьте хотя бы обработку персональных данных']],
    [
      'publication needs processing',
      { scopes: ['publication'] },
      pupil,
      ['error|scopes|Объём согласия: публикация и съёмка возможны только вместе с согласием на обработку персональных данных'],
    ],
    ['the signed scan is expected', { fileId: null }, pupil, ['warning|fileId|Скан согласия: приложите подписанный документ']],
  ])('%s', (_, overrides, subject, expected) => {
    expect(validateConsent(consent({ ...overrides, personId: subject.id }), subject, ON).map((i) => `${i.severity}|${i.field}|${i.message}`)).toEqual(expected);
  });
});

describe('canStore', () => {
  it.each<[string, string, ConsentSubject, ConsentRecord[]]>([
    ['no consent', 'no-consent', pupil, []],
    ['another person’s consent', 'no-consent', pupil, [consent({ personId: 'pupil-2' })]],
    ['a mother’s consent', 'allowed', pupil, [consent()]],
    ['one of two representatives suffices', 'allowed', pupil, [consent(), consent({ id: 'c2', givenBy: father, signedOn: '2025-09-06' })]],
    ['a minor’s own consent is not enough', 'needs-representative', pupil, [consent({ givenBy: { kind: 'self' } })]],
    ['an adult’s own consent', 'allowed', teacher, [consent({ personId: 'teacher-1', givenBy: { kind: 'self' } })]],
    ['a representative’s consent ends at 18', 'needs-own-consent', senior, [consent({ personId: 'senior-1' })]],
    [
      '…and the adult signs again',
      'allowed',
      senior,
      [consent({ personId: 'senior-1' }), consent({ id: 'c2', personId: 'senior-1', givenBy: { kind: 'self' }, signedOn: '2025-09-20' })],
    ],
    ['an expired consent', 'expired', pupil, [consent({ validUntil: '2025-09-30' })]],
    ['a consent dated later', 'not-yet-signed', pupil, [consent({ signedOn: '2025-10-05' })]],
    ['a consent without processing', 'no-processing-scope', pupil, [consent({ scopes: ['publication'] })]],
    ['withdrawn', 'withdrawn', pupil, [consent({ withdrawals: [{ scopes: 'all', on: '2025-09-25' }] })]],
    [
      'one representative’s withdrawal stops processing though the other consented',
      'withdrawn',
      pupil,
      [consent(), consent({ id: 'c2', givenBy: father, withdrawals: [{ scopes: ['processing'], on: '2025-09-25' }] })],
    ],
    [
      'a consent signed after the withdrawal restores it',
      'allowed',
      pupil,
      [consent({ withdrawals: [{ scopes: 'all', on: '2025-09-25' }] }), consent({ id: 'c2', signedOn: '2025-09-28' })],
    ],
    ['a withdrawal to come does not count yet', 'allowed', pupil, [consent({ withdrawals: [{ scopes: 'all', on: '2025-10-02' }] })]],
  ])('%s → %s', (_, expected, subject, consents) => {
    const decision = canStore(subject, consents, ON);
    expect(decision.allowed ? 'allowed' : decision.reason).toBe(expected);
  });

  it('gives the basis and Russian reasons', () => {
    const both = [consent(), consent({ id: 'c2', givenBy: father })];
    expect(canStore(pupil, both, ON)).toEqual({ allowed: true, basis: both });
    expect(canStore(pupil, [consent({ withdrawals: [{ scopes: 'all', on: '2025-09-25' }] })], ON)).toEqual({
      allowed: false,
      reason: 'withdrawn',
      message: 'Согласие отозвано 25.09.2025: обработка персональных данных прекращена',
    });
    expect(canStore(pupil, [consent({ validUntil: '2025-09-30' })], ON)).toMatchObject({ message: 'Срок действия согласия истёк 30.09.2025' });
    expect(canStore(pupil, [], ON)).toMatchObject({ message: 'Нет согласия на обработку персональных данных: запись участника не может быть сохранена' });
  });
});

describe('canPublish', () => {
  it.each<[string, string, 'publication' | 'photo-video', ConsentRecord[]]>([
    ['processing only', 'no-scope', 'publication', [consent()]],
    ['publication given', 'allowed', 'publication', [consent({ scopes: ['processing', 'publication'] })]],
    ['photo needs its own scope', 'no-scope', 'photo-video', [consent({ scopes: ['processing', 'publication'] })]],
    [
      'publication withdrawn',
      'no-scope',
      'publication',
      [consent({ scopes: ['processing', 'publication'], withdrawals: [{ scopes: ['publication'], on: '2025-09-20' }] })],
    ],
    [
      'one parent withdrew publication, the other’s earlier consent does not override',
      'no-scope',
      'publication',
      [
        consent({ scopes: ['processing', 'publication'] }),
        consent({ id: 'c2', givenBy: father, scopes: ['processing', 'publication'], withdrawals: [{ scopes: ['publication'], on: '2025-09-20' }] }),
      ],
    ],
    ['storage refused first', 'needs-representative', 'publication', [consent({ scopes: ['processing', 'publication'], givenBy: { kind: 'self' } })]],
  ])('%s → %s (%s)', (_, expected, scope, consents) => {
    const decision = canPublish(pupil, consents, scope, ON);
    expect(decision.allowed ? 'allowed' : decision.reason).toBe(expected);
  });

  it('says what is missing', () => {
    expect(canPublish(pupil, [consent()], 'publication', ON)).toEqual({
      allowed: false,
      reason: 'no-scope',
      message: 'Нет согласия на «публикация материалов (кейсы, лучшие практики, сайт организации)»',
    });
    const withdrawn = [consent({ scopes: ['processing', 'photo-video'], withdrawals: [{ scopes: ['photo-video'], on: '2025-09-20' }] })];
    expect(canPublish(pupil, withdrawn, 'photo-video', ON)).toMatchObject({
      message: 'Согласие на «фото- и видеосъёмка и публикация изображений» отозвано 20.09.2025',
    });
    expect(canStore(pupil, withdrawn, ON).allowed).toBe(true);
  });
});

describe('effectiveScopes', () => {
  it.each<[Partial<ConsentRecord>, string, string[]]>([
    [{ scopes: ['processing', 'publication'] }, ON, ['processing', 'publication']],
    [{ scopes: ['processing', 'publication'] }, '2025-09-01', []],
    [{ scopes: ['processing', 'publication'], validUntil: '2025-09-30' }, ON, []],
    [{ scopes: ['processing', 'publication'], withdrawals: [{ scopes: ['publication'], on: ON }] }, ON, ['processing']],
    [{ scopes: ['processing', 'publication'], withdrawals: [{ scopes: ['processing'], on: ON }] }, ON, []],
  ])('%j on %s → %j', (overrides, on, expected) => {
    expect(effectiveScopes(consent(overrides), on)).toEqual(expected);
  });
});

describe('withdrawal and anonymisation', () => {
  it('anonymises on a withdrawal of processing, keeping only what statistics count', () => {
    const effect = withdrawalEffect(pupil, [consent({ scopes: ['processing', 'publication'] })], { consentId: 'c1', scopes: 'all', on: ON });
    expect(effect).toEqual({
      kind: 'anonymize',
      erase: [...PERSONAL_DATA_FIELDS],
      keep: [...STATISTICS_FIELDS],
      unpublish: true,
      anonymized: {
        id: 'pupil-1',
        anonymized: true,
        anonymizedOn: ON,
        category: 'pupil',
        organizationId: 'gymnasium-sibay',
        partnerId: null,
        ageBand: '10-14',
      },
      event: { type: 'consent-withdrawn', personId: 'pupil-1', consentId: 'c1', scopes: ['processing', 'publication'], on: ON },
    });
  });

  it('anonymises even when another representative’s consent remains', () => {
    const consents = [consent(), consent({ id: 'c2', givenBy: father })];
    expect(withdrawalEffect(pupil, consents, { consentId: 'c2', scopes: ['processing'], on: ON }).kind).toBe('anonymize');
  });

  it('only restricts on a withdrawal of publication', () => {
    const effect = withdrawalEffect(pupil, [consent({ scopes: ['processing', 'publication', 'photo-video'] })], {
      consentId: 'c1',
      scopes: ['photo-video', 'publication'],
      on: ON,
    });
    expect(effect).toEqual({
      kind: 'restrict',
      stop: ['publication', 'photo-video'],
      unpublish: true,
      event: { type: 'consent-withdrawn', personId: 'pupil-1', consentId: 'c1', scopes: ['publication', 'photo-video'], on: ON },
    });
  });

  it.each<[string, ConsentRecord[], string]>([
    ['unknown consent', [consent({ id: 'c9' })], 'unknown-consent'],
    ['another person’s consent', [consent({ personId: 'pupil-2' })], 'unknown-consent'],
    ['already withdrawn', [consent({ withdrawals: [{ scopes: 'all', on: '2025-09-20' }] })], 'already-withdrawn'],
    ['a scope never given', [consent({ scopes: ['processing'] })], 'already-withdrawn'],
  ])('does nothing for %s', (_, consents, reason) => {
    const scopes = reason === 'already-withdrawn' && consents[0]?.withdrawals.length === 0 ? (['publication'] as const) : ('all' as const);
    expect(withdrawalEffect(pupil, consents, { consentId: 'c1', scopes, on: ON })).toMatchObject({ kind: 'none', reason });
  });

  it('leaves no personal data in the anonymised record, whatever else the person carries', () => {
    const anonymized = anonymize({ ...pupil, secretNote: 'не копировать' } as Participant, ON);
    expect(Object.keys(anonymized).sort()).toEqual(['ageBand', 'anonymized', 'anonymizedOn', 'category', 'id', 'organizationId', 'partnerId']);
    const json = JSON.stringify(anonymized);
    for (const value of ['Иванова', 'Мария', '2012', 'maria@', '+7900', '7 «Б»', 'disability', 'math', 'переезд', 'не копировать']) {
      expect(json).not.toContain(value);
    }
    for (const field of PERSONAL_DATA_FIELDS) expect(anonymized).not.toHaveProperty(field);
  });

  it.each([
    [null, 'unknown'],
    ['2016-01-01', 'under-10'],
    ['2012-03-14', '10-14'],
    ['2007-09-15', '15-19'],
    ['2003-01-01', '20-24'],
    ['1995-01-01', '25-34'],
    ['1980-01-01', '35-49'],
    ['1960-01-01', '50-plus'],
  ] as const)('age band of %s → %s', (birthDate, band) => {
    expect(ageBand(birthDate, ON)).toBe(band);
  });
});

describe('emailContact', () => {
  const withEmail = { ...mother, email: 'elena@example.ru' };

  it('writes to a minor’s consenting representative, never to the minor’s own address', () => {
    const contact = emailContact(pupil, [consent({ givenBy: withEmail, scopes: ['processing', 'contact-email'] })], ON);
    expect(contact).toEqual({ ok: true, address: 'elena@example.ru', audience: 'representative', name: 'Иванова Елена Петровна' });
  });

  it('nobody without the contact-email scope, or without the representative’s address', () => {
    expect(emailContact(pupil, [consent({ givenBy: withEmail })], ON)).toEqual({ ok: false, reason: 'no-consent' });
    expect(emailContact(pupil, [consent({ scopes: ['processing', 'contact-email'] })], ON)).toEqual({ ok: false, reason: 'no-address' });
  });

  it('an adult at their own address; nobody once consent is withdrawn', () => {
    const own = consent({ personId: 'teacher-1', givenBy: { kind: 'self' }, scopes: ['processing', 'contact-email'] });
    expect(emailContact({ ...teacher, email: 't@example.ru' }, [own], ON)).toEqual({ ok: true, address: 't@example.ru', audience: 'participant', name: null });
    expect(emailContact(teacher, [own], ON)).toEqual({ ok: false, reason: 'no-address' });
    const withdrawn = { ...own, withdrawals: [{ scopes: 'all' as const, on: '2025-09-20' }] };
    expect(emailContact({ ...teacher, email: 't@example.ru' }, [withdrawn], ON)).toEqual({ ok: false, reason: 'no-consent' });
  });
});
