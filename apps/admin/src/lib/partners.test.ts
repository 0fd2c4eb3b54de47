import { PARTNER_APPLICATION_CONSENT_RU } from '@nastavnik/domain';
import { describe, expect, it } from 'vitest';
import { AttachmentError } from './attachments';
import {
  checkReason,
  agreementPartyName,
  agreementPeriodRu,
  applyErrorOf,
  districtsOfRegion,
  emptyAgreementDraft,
  emptyApplicationDraft,
  emptyMentorDraft,
  failureOf,
  importFileProblem,
  importMentorsFile,
  MENTOR_CSV_HEADERS,
  MENTOR_FIELD_OF_API,
  mentorPage,
  mentorTemplateCsv,
  partnerNavItems,
  partnerTabOf,
  regionsOf,
  splitTags,
  submitApplication,
  agreementFilePaths,
  agreementFileProblem,
  agreementOpenForFiles,
  tagsOfText,
  toggleTagInText,
  uploadAgreementFile,
  validateAgreementDraft,
  validateApplicationDraft,
  validateMentorDraft,
} from './partners';

// Real check digits: ПАО Сбербанк.
const valid = {
  ...emptyApplicationDraft(),
  name: 'ПАО «Сбербанк России»',
  kind: 'enterprise',
  inn: '7707083893',
  ogrn: '1027700132195',
  address: 'г. Москва, ул. Вавилова, д. 19',
  regionId: 'r1',
  districtId: 'd1',
  contactName: 'Партнёрова Анна Сергеевна',
  contactEmail: 'anna@example.ru',
  contactPhone: '8 (912) 345-67-89',
  consent: 'yes',
};

describe('the sign-up form', () => {
  it('passes a complete application with the contact person’s consent', () => {
    const { errors, values } = validateApplicationDraft(valid);
    expect(errors).toEqual({});
    expect(values).toMatchObject({ inn: '7707083893', kpp: null, contactPosition: null, districtId: 'd1' });
    expect(values).not.toHaveProperty('consent');
  });

  it('checks ИНН, ОГРН and КПП by their check digits, naming the field', () => {
    const { errors, values } = validateApplicationDraft({ ...valid, inn: '7707083894', ogrn: '1027700132196', kpp: '12345' });
    expect(values).toBeNull();
    expect(errors.inn).toMatch(/^ИНН: /);
    expect(errors.ogrn).toMatch(/^ОГРН: /);
    expect(errors.kpp).toMatch(/^КПП: /);
  });

  it('requires the consent and the district; an alumni community may have no numbers', () => {
    expect(validateApplicationDraft({ ...valid, consent: '' }).errors.consent).toMatch(/^Согласие/);
    expect(validateApplicationDraft({ ...valid, districtId: '' }).errors.districtId).toMatch(/поле обязательно/);
    expect(validateApplicationDraft({ ...valid, kind: 'alumni', inn: '', ogrn: '' }).errors).toEqual({});
    expect(validateApplicationDraft({ ...valid, kind: 'enterprise', inn: '', ogrn: '' }).errors.inn).toBeDefined();
  });

  it('lists regions and their districts by name', () => {
    const districts = [
      { id: 'd2', name: 'ГО г. Сибай', region: { id: 'b', name: 'Республика Башкортостан' } },
      { id: 'd1', name: 'г. Курск', region: { id: 'k', name: 'Курская область' } },
      { id: 'd3', name: 'ГО г. Баймак', region: { id: 'b', name: 'Республика Башкортостан' } },
    ];
    expect(regionsOf(districts).map((r) => r.id)).toEqual(['k', 'b']);
    expect(districtsOfRegion(districts, 'b').map((d) => d.id)).toEqual(['d3', 'd2']);
    expect(districtsOfRegion(districts, '')).toEqual([]);
  });

  it('puts the API’s refusal beside the field and keeps its Russian message', async () => {
    const body = JSON.stringify({ errors: [{ message: 'ИНН: контрольная сумма не сходится', extensions: { code: 'BAD_USER_INPUT', field: 'inn' } }] });
    const fetchImpl = (async () => new Response(body, { status: 400 })) as typeof fetch;
    const error = await submitApplication(validateApplicationDraft(valid).values!, fetchImpl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentError);
    const failure = failureOf(error, Object.keys(valid) as Array<keyof typeof valid>);
    expect(failure.fieldErrors).toEqual({ inn: 'ИНН: контрольная сумма не сходится' });
    expect(failure.formError).toBe('Исправьте ошибки в форме.');
    expect(applyErrorOf(429, '').message).toMatch(/Слишком много заявок/);
    expect(applyErrorOf(413, '').message).toMatch(/слишком большая/);
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(((await submitApplication(validateApplicationDraft(valid).values!, offline).catch((e: unknown) => e)) as AttachmentError).appError.kind).toBe(
      'network',
    );
  });
});

describe('reasons', () => {
  it('are required and limited, checked with the shared schema in the API’s words', () => {
    expect(checkReason('rejection', '  ')).toEqual({ errors: { reason: 'Причина отклонения: поле обязательно' }, values: null });
    expect(checkReason('decline', 'а'.repeat(2001)).errors).toEqual({ reason: 'Причина отказа: не более 2000 символов' });
    expect(checkReason('decline', ' Нет сведений ')).toEqual({ errors: {}, values: { reason: 'Нет сведений' } });
  });
});

describe('the mentor registry', () => {
  const mentors = [
    { lastName: 'Кузнецов', firstName: 'Олег', position: 'Инженер', tags: ['робототехника'] },
    { lastName: 'Смирнова', firstName: 'Ольга', position: null, tags: ['химия'] },
    { lastName: 'Петров', firstName: 'Иван', middleName: 'Олегович', tags: [] },
  ];

  it('searches by name, position and competences, a page at a time', () => {
    expect(mentorPage(mentors, 'робот', 0, 20).items.map((m) => m.lastName)).toEqual(['Кузнецов']);
    expect(mentorPage(mentors, 'олег', 0, 20).items.map((m) => m.lastName)).toEqual(['Кузнецов', 'Петров']);
    expect(mentorPage(mentors, 'ИНЖЕНЕР олег', 0, 20).total).toBe(1);
    expect(mentorPage(mentors, '', 2, 2)).toMatchObject({ total: 3, offset: 2, items: [{ lastName: 'Петров' }] });
    // A page past the end (the list shrank) shows the last one.
    expect(mentorPage(mentors, 'химия', 20, 20)).toMatchObject({ offset: 0, total: 1 });
  });

  it('splits tags', () => {
    expect(splitTags('Программирование, робототехника; программирование\n3D')).toEqual(['программирование', 'робототехника', '3d']);
  });

  it('checks a mentor before sending: names, dates ДД.ММ.ГГГГ, capacity, the consent', () => {
    const draft = {
      ...emptyMentorDraft('2025-10-15'),
      lastName: 'Кузнецов',
      firstName: 'Олег',
      consentText: 'Согласие v1',
      tags: 'робототехника',
      capacity: '2',
    };
    expect(draft.consentDate).toBe('15.10.2025');
    expect(validateMentorDraft(draft).errors).toEqual({ consent: 'Согласие на обработку персональных данных: обязательно' });
    // The profile's rules (the API's own): a bad e-mail and too long a text are named together.
    expect(validateMentorDraft({ ...draft, consent: 'yes', email: 'oleg@', text: 'к'.repeat(2001) }).errors).toEqual({
      email: 'Эл. почта: некорректный адрес «oleg@»',
      text: 'Компетенции: не более 2000 символов',
    });
    const { values } = validateMentorDraft({ ...draft, consent: 'yes', birthDate: '12.04.1985' });
    expect(values).toMatchObject({
      birthDate: '1985-04-12',
      capacity: 2,
      tags: ['робототехника'],
      consent: { textVersion: 'Согласие v1', signedOn: '2025-10-15' },
    });
    const bad = validateMentorDraft({ ...draft, consent: 'yes', lastName: ' ', capacity: '31', birthDate: '31.02.1985', consentDate: '' });
    expect(Object.keys(bad.errors).sort()).toEqual(['birthDate', 'capacity', 'consentDate', 'lastName']);
  });

  it('maps the API’s consent fields onto the form', () => {
    const graphqlError = { errors: [{ message: 'Согласие: дата подписания в будущем', extensions: { code: 'BAD_USER_INPUT', field: 'consent.signedOn' } }] };
    const error = new AttachmentError({
      kind: 'badInput',
      message: graphqlError.errors[0]!.message,
      fieldErrors: { signedOn: graphqlError.errors[0]!.message },
    });
    const failure = failureOf(error, Object.keys(emptyMentorDraft('2025-01-01')) as Array<keyof ReturnType<typeof emptyMentorDraft>>, MENTOR_FIELD_OF_API);
    expect(failure.fieldErrors).toEqual({ consentDate: 'Согласие: дата подписания в будущем' });
  });

  it('offers a CSV template with the API’s columns and takes XLSX or CSV up to 1 MB', () => {
    const csv = mentorTemplateCsv();
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, example] = csv.slice(1).trim().split('\r\n');
    expect(header!.split(';')).toEqual([...MENTOR_CSV_HEADERS]);
    expect(example!.split(';')).toHaveLength(MENTOR_CSV_HEADERS.length);
    expect(importFileProblem({ name: 'mentors.csv', size: 100 })).toBeNull();
    expect(importFileProblem({ name: 'Наставники.XLSX', size: 100 })).toBeNull();
    expect(importFileProblem({ name: 'mentors.xls', size: 100 })).toMatch(/XLSX или CSV/);
    expect(importFileProblem({ name: 'big.csv', size: 2 * 1024 * 1024 })).toMatch(/1 МБ/);
    expect(importFileProblem({ name: 'empty.csv', size: 0 })).toMatch(/пустой/);
  });
});

describe('the registry import', () => {
  it('sends the file with the token and reads the per-row report or the API’s Russian refusal', async () => {
    const seen: Array<{ url: string; headers: Record<string, string> }> = [];
    const report = {
      total: 2,
      imported: 1,
      rows: [
        { rowNumber: 2, ok: true, mentorId: 'm1', field: null, message: null },
        { rowNumber: 3, ok: false, mentorId: null, field: 'lastName', message: 'Фамилия: поле обязательно' },
      ],
    };
    const ok = (async (url: string, init: RequestInit) => {
      seen.push({ url, headers: init.headers as Record<string, string> });
      return new Response(JSON.stringify(report), { status: 200 });
    }) as unknown as typeof fetch;
    const token = async () => 't0k';
    const xlsx = Object.assign(new Blob(['PK']), { name: 'Наставники.xlsx' });
    expect(await importMentorsFile(token, xlsx, ok)).toEqual(report);
    await importMentorsFile(token, Object.assign(new Blob(['a;b']), { name: 'mentors.csv' }), ok);
    expect(seen.map((s) => [s.url, s.headers.Authorization, s.headers['Content-Type']])).toEqual([
      ['/partners/mentors/import', 'Bearer t0k', 'application/octet-stream'],
      ['/partners/mentors/import', 'Bearer t0k', 'text/csv; charset=utf-8'],
    ]);
    const refusal = JSON.stringify({ errors: [{ message: 'Нет обязательных столбцов: «Фамилия»', extensions: { code: 'BAD_USER_INPUT', field: 'file' } }] });
    const bad = (async () => new Response(refusal, { status: 400 })) as unknown as typeof fetch;
    const error = (await importMentorsFile(token, xlsx, bad).catch((e: unknown) => e)) as AttachmentError;
    expect(error.appError.message).toBe('Нет обязательных столбцов: «Фамилия»');
  });
});

describe('agreements', () => {
  const draft = {
    ...emptyAgreementDraft(),
    districtId: 'd1',
    organizationId: 's1',
    subject: 'Наставничество',
    periodStart: '01.09.2025',
    periodEnd: '31.05.2026',
  };

  it('proposes to a school or a whole district with dates typed as ДД.ММ.ГГГГ', () => {
    expect(validateAgreementDraft(draft).values).toEqual({
      level: 'school',
      organizationId: 's1',
      districtId: null,
      subject: 'Наставничество',
      number: null,
      signedOn: null,
      periodStart: '2025-09-01',
      periodEnd: '2026-05-31',
    });
    expect(validateAgreementDraft({ ...draft, level: 'district', organizationId: '' }).values).toMatchObject({
      level: 'district',
      districtId: 'd1',
      organizationId: null,
    });
  });

  it('names the field of every problem', () => {
    expect(validateAgreementDraft({ ...draft, organizationId: '' }).errors).toEqual({ organizationId: 'Сторона соглашения: поле обязательно' });
    expect(validateAgreementDraft({ ...draft, periodEnd: '01.01.2025' }).errors).toEqual({ periodEnd: 'Окончание действия: не раньше начала' });
    expect(validateAgreementDraft({ ...draft, periodStart: '' }).errors).toEqual({ periodStart: 'Начало действия: поле обязательно' });
    expect(validateAgreementDraft({ ...draft, periodStart: '31.02.2025' }).errors.periodStart).toMatch(/некорректная дата/);
    expect(validateAgreementDraft({ ...draft, districtId: '', level: 'district' }).errors.districtId).toMatch(/поле обязательно/);
  });

  it('says the period and the party in Russian', () => {
    expect(agreementPeriodRu('2025-09-01', '2026-05-31')).toBe('01.09.2025 — 31.05.2026');
    expect(agreementPeriodRu('2025-09-01', null)).toBe('с 01.09.2025, бессрочно');
    expect(agreementPartyName({ level: 'school', organization: { shortName: 'МОБУ «Гимназия»' }, district: { name: 'ГО г. Сибай' } })).toBe(
      'МОБУ «Гимназия», ГО г. Сибай',
    );
    expect(agreementPartyName({ level: 'district', organization: null, district: { name: 'ГО г. Сибай' } })).toBe('ГО г. Сибай (все школы муниципалитета)');
  });
});

describe('navigation', () => {
  const grant = (role: string) => ({ role, scopeKind: 'DISTRICT' });
  it('offers the review to officers and admins, the agreements to directors and officers', () => {
    expect(partnerNavItems([grant('DISTRICT_OFFICER')]).map((i) => i.key)).toEqual(['partner-applications', 'partner-agreements']);
    expect(partnerNavItems([grant('SCHOOL_DIRECTOR')]).map((i) => i.key)).toEqual(['partner-agreements']);
    expect(partnerNavItems([grant('SCHOOL_CURATOR'), grant('PARTNER_ADMIN'), grant('DISTRICT_HEAD')])).toEqual([]);
    expect(partnerNavItems([grant('PLATFORM_ADMIN')], [{ key: 'partner-applications', label: 'x', to: '/partners/applications' }]).map((i) => i.key)).toEqual([
      'partner-agreements',
    ]);
  });

  it('falls back to the mentors tab', () => {
    expect(partnerTabOf('agreements')).toBe('agreements');
    expect(partnerTabOf('nope')).toBe('mentors');
    expect(partnerTabOf(null)).toBe('mentors');
  });
});

describe('partners: consent, agreement files and tags (issue 6 gaps)', () => {
  const valid = {
    name: 'ПАО «Сбербанк России»',
    kind: 'enterprise',
    inn: '7707083893',
    ogrn: '1027700132195',
    kpp: '',
    address: 'г. Москва',
    regionId: 'r',
    districtId: 'd',
    contactName: 'Иванова Анна',
    contactPosition: '',
    contactEmail: 'a@example.ru',
    contactPhone: '+79123456789',
    consent: 'yes',
  };

  it('sends the consent and the version of the text shown with the application', async () => {
    let sent: Record<string, unknown> = {};
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      sent = JSON.parse(String(init.body)) as Record<string, unknown>;
      return new Response(JSON.stringify({ id: 'x', status: 'pending' }), { status: 201 });
    }) as unknown as typeof fetch;
    await submitApplication(validateApplicationDraft(valid).values!, fetchImpl);
    expect(sent).toMatchObject({ consent: true, consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version, inn: '7707083893' });
  });

  it('checks an agreement file by its type before sending and reports the API’s refusal', async () => {
    expect(agreementFileProblem({ name: 'Соглашение.PDF', size: 10 })).toBeNull();
    expect(agreementFileProblem({ name: 'скан.jpeg', size: 10 })).toBeNull();
    expect(agreementFileProblem({ name: 'таблица.xlsx', size: 10 })).toMatch(/PDF, DOCX, JPG или PNG/);
    expect(agreementFileProblem({ name: 'пусто.pdf', size: 0 })).toMatch(/пуст/);
    expect(agreementFilePaths.upload('a1', 'Соглашение № 1.pdf')).toBe(
      '/partner-files/agreements/a1?fileName=%D0%A1%D0%BE%D0%B3%D0%BB%D0%B0%D1%88%D0%B5%D0%BD%D0%B8%D0%B5+%E2%84%96+1.pdf',
    );
    const body = JSON.stringify({
      errors: [{ message: 'Файл соглашения: слишком большой — не более 10 МБ', extensions: { code: 'BAD_USER_INPUT', field: 'file' } }],
    });
    const fetchImpl = (async () => new Response(body, { status: 413 })) as typeof fetch;
    const file = Object.assign(new Blob(['%PDF-']), { name: 'Соглашение.pdf' });
    const error = await uploadAgreementFile(async () => 'token', 'a1', file, fetchImpl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentError);
    expect((error as AttachmentError).message).toBe('Файл соглашения: слишком большой — не более 10 МБ');
    expect(agreementOpenForFiles('proposed')).toBe(true);
    expect(agreementOpenForFiles('active')).toBe(true);
    expect(agreementOpenForFiles('declined')).toBe(false);
    expect(agreementOpenForFiles('expired')).toBe(false);
  });

  it('toggles catalogue tags in a comma-separated field, canonically', () => {
    expect(toggleTagInText('', 'робототехника')).toBe('робототехника');
    expect(toggleTagInText('программирование', 'робототехника')).toBe('программирование, робототехника');
    expect(toggleTagInText('English, программирование', 'английский язык')).toBe('программирование');
    expect(toggleTagInText('кодинг', 'программирование')).toBe('');
    expect(tagsOfText('English; ЕГЭ, english')).toEqual(['английский язык', 'подготовка к ЕГЭ']);
  });
});
