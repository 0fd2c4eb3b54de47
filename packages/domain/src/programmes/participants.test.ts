import { describe, expect, it } from 'vitest';
import { BUILT_IN_FORMS, type MentorshipForm } from './catalog.js';
import {
  ageOn,
  categoriesForRole,
  isMinor,
  mustTreatAsMinor,
  normalizePhoneRu,
  parseCategoryRu,
  parseImportDate,
  parseSpecialGroupsRu,
  participantImportTemplate,
  participantImportTemplateCsv,
  resolveImportColumns,
  validateImportRow,
  validateImportRows,
  validateParticipant,
  type Participant,
  type ParticipantContext,
} from './participants.js';

const ON = '2025-09-01';
const form = (code: string): MentorshipForm => BUILT_IN_FORMS.find((f) => f.code === code) as MentorshipForm;

function person(overrides: Partial<Participant> = {}): Partial<Participant> {
  return {
    id: 'p1',
    lastName: 'Иванова',
    firstName: 'Мария',
    middleName: 'Сергеевна',
    category: 'pupil',
    birthDate: '2012-03-14',
    organizationId: 'gymnasium-sibay',
    partnerId: null,
    classOrPosition: '7 «Б»',
    experienceYears: null,
    email: null,
    phone: null,
    specialGroups: [],
    competenceTags: [],
    competenceText: '',
    requestTags: ['math'],
    requestText: 'Хочу подготовиться к олимпиаде',
    ...overrides,
  };
}

const messages = (p: Partial<Participant>, context: ParticipantContext) => validateParticipant(p, context).map((i) => `${i.severity}|${i.field}|${i.message}`);

describe('ageOn / isMinor', () => {
  it.each([
    ['2012-03-14', '2025-03-13', 12],
    ['2012-03-14', '2025-03-14', 13],
    ['2012-03-14', '2025-09-01', 13],
    ['2007-09-02', '2025-09-01', 17],
    ['2007-09-01', '2025-09-01', 18],
    // 29 February: the birthday counts on 28 February of a common year (ГК РФ art. 192)
    ['2008-02-29', '2026-02-27', 17],
    ['2008-02-29', '2026-02-28', 18],
    ['2008-02-29', '2028-02-28', 19],
    ['2008-02-29', '2028-02-29', 20],
    ['2025-09-01', '2025-09-01', 0],
  ])('born %s, on %s → %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it.each([
    ['2025-09-02', ON],
    ['2025-02-30', ON],
    ['14.03.2012', ON],
  ])('no age for born %s on %s', (birth, on) => {
    expect(ageOn(birth, on)).toBeNull();
  });

  it('is a minor below 18 only', () => {
    expect(isMinor('2007-09-02', ON)).toBe(true);
    expect(isMinor('2007-09-01', ON)).toBe(false);
    expect(isMinor(null, ON)).toBe(false);
  });

  it('treats a pupil without a date of birth as a minor, a teacher as an adult', () => {
    expect(mustTreatAsMinor({ category: 'pupil', birthDate: null }, ON)).toBe(true);
    expect(mustTreatAsMinor({ category: 'alumnus', birthDate: null }, ON)).toBe(true);
    expect(mustTreatAsMinor({ category: 'teacher', birthDate: null }, ON)).toBe(false);
    expect(mustTreatAsMinor({ category: 'pupil', birthDate: '2000-01-01' }, ON)).toBe(false);
  });
});

describe('validateParticipant', () => {
  it('accepts a pupil mentee and a teacher mentor', () => {
    expect(validateParticipant(person(), { role: 'mentee', on: ON })).toEqual([]);
    const teacher = person({
      category: 'teacher',
      birthDate: null,
      classOrPosition: 'Учитель математики',
      experienceYears: 12,
      email: 'petrov@example.ru',
      phone: '8 (900) 123-45-67',
      competenceTags: ['math'],
      requestTags: [],
    });
    expect(validateParticipant(teacher, { role: 'mentor', on: ON, form: form('teacher-pupil') })).toEqual([]);
  });

  it.each([
    // pupils: mentees 10–19, mentors 15–19, inclusive
    ['mentor', '2012-03-14', 'Дата рождения: наставнику-обучающемуся должно быть от 15 до 19 лет (сейчас 13)'],
    ['mentor', '2005-08-31', 'Дата рождения: наставнику-обучающемуся должно быть от 15 до 19 лет (сейчас 20)'],
    ['mentee', '2016-01-01', 'Дата рождения: наставляемому-обучающемуся должно быть от 10 до 19 лет (сейчас 9)'],
    ['mentee', '2005-09-01', 'Дата рождения: наставляемому-обучающемуся должно быть от 10 до 19 лет (сейчас 20)'],
    ['mentor', '2010-09-01', null],
    ['mentor', '2005-09-02', null],
    ['mentee', '2015-09-01', null],
    ['mentee', '2005-09-02', null],
  ] as const)('a pupil %s born %s', (role, birthDate, message) => {
    const issues = validateParticipant(person({ birthDate, competenceTags: ['math'] }), { role, on: ON });
    expect(issues.filter((i) => i.field === 'birthDate').map((i) => i.message)).toEqual(message ? [message] : []);
  });

  it.each<[string, Partial<Participant>, ParticipantContext, string[]]>([
    [
      'names are required',
      { lastName: ' ', firstName: '' },
      { role: 'mentee', on: ON },
      ['error|lastName|Фамилия: поле обязательно', 'error|firstName|Имя: поле обязательно'],
    ],
    ['names are limited', { middleName: 'о'.repeat(101) }, { role: 'mentee', on: ON }, ['error|middleName|Отчество: не более 100 символов']],
    [
      'a pupil needs a date of birth',
      { birthDate: null },
      { role: 'mentee', on: ON },
      ['error|birthDate|Дата рождения: обязательна для категории «Обучающийся» — по ней проверяются возраст и согласия'],
    ],
    ['an invalid date', { birthDate: '2012-02-30' }, { role: 'mentee', on: ON }, ['error|birthDate|Дата рождения: некорректная дата (ДД.ММ.ГГГГ)']],
    ['a date to come', { birthDate: '2026-01-01' }, { role: 'mentee', on: ON }, ['error|birthDate|Дата рождения: дата ещё не наступила']],
    [
      'an implausible year',
      { birthDate: '1900-01-01', category: 'teacher' },
      { role: 'mentor', on: ON },
      [
        'error|birthDate|Дата рождения: проверьте год (возраст 125)',
        'warning|competenceTags|Компетенции: укажите теги или описание — без них подбор пары невозможен',
      ],
    ],
    ['an unknown category', { category: 'grandmother' as never }, { role: 'mentee', on: ON }, ['error|category|Категория: неизвестное значение «grandmother»']],
    ['no category', { category: undefined }, { role: 'mentee', on: ON }, ['error|category|Категория: поле обязательно']],
    [
      'a parent is never a mentee',
      { category: 'parent', birthDate: null },
      { role: 'mentee', on: ON },
      ['error|category|Категория: «Родитель» не может быть наставляемым ни в одной форме'],
    ],
    [
      'the form decides the categories',
      { category: 'pupil', competenceTags: ['math'] },
      { role: 'mentor', on: ON, form: form('teacher-pupil') },
      [
        'error|birthDate|Дата рождения: наставнику-обучающемуся должно быть от 15 до 19 лет (сейчас 13)',
        'error|category|Категория: «Обучающийся» не может быть наставником в форме «Учитель – ученик»',
      ],
    ],
    [
      'a young specialist has 0–3 years of experience',
      { category: 'young-specialist', birthDate: null, experienceYears: 5, requestTags: ['lessons'] },
      { role: 'mentee', on: ON, form: form('teacher-teacher') },
      ['error|experienceYears|Стаж: у молодого специалиста стаж от 0 до 3 лет (указано 5)'],
    ],
    [
      'a young specialist states the experience',
      { category: 'young-specialist', birthDate: null, experienceYears: null },
      { role: 'mentee', on: ON },
      ['error|experienceYears|Стаж: укажите стаж молодого специалиста (от 0 до 3 лет)'],
    ],
    ['half a year counts', { category: 'young-specialist', birthDate: null, experienceYears: 0.5 }, { role: 'mentee', on: ON }, []],
    [
      'experience is a sane number',
      { category: 'teacher', birthDate: null, experienceYears: -1 },
      { role: 'mentee', on: ON },
      ['error|experienceYears|Стаж: число лет от 0 до 70'],
    ],
    [
      'a partner employee needs the partner',
      { category: 'partner-employee', birthDate: null, competenceTags: ['robotics'] },
      { role: 'mentor', on: ON },
      ['error|partnerId|Организация-партнёр: укажите для сотрудника организации-партнёра'],
    ],
    [
      'an adult category under 18 is a warning',
      { category: 'teacher', birthDate: '2008-10-01', competenceTags: ['math'] },
      { role: 'mentor', on: ON },
      ['warning|birthDate|Дата рождения: для категории «Педагог» возраст 16 — проверьте дату'],
    ],
    [
      'contacts are checked',
      { email: 'ivanova@', phone: '12-34' },
      { role: 'mentee', on: ON },
      ['error|email|Эл. почта: некорректный адрес «ivanova@»', 'error|phone|Телефон: некорректный номер «12-34» (10 цифр, можно с +7 или 8)'],
    ],
    [
      'special groups are for learners',
      { category: 'teacher', birthDate: null, specialGroups: ['gifted'], competenceTags: ['math'] },
      { role: 'mentor', on: ON },
      ['warning|specialGroups|Особые группы: отмечаются только у обучающихся и студентов'],
    ],
    [
      'unknown special group',
      { specialGroups: ['vip' as never] },
      { role: 'mentee', on: ON },
      ['error|specialGroups|Особые группы: неизвестное значение «vip»'],
    ],
    [
      'nothing to match on is a warning',
      { requestTags: [], requestText: '  ' },
      { role: 'mentee', on: ON },
      ['warning|requestTags|Запрос: укажите теги или описание — без них подбор пары невозможен'],
    ],
  ])('%s', (_, overrides, context, expected) => {
    expect(messages(person(overrides), context)).toEqual(expected);
  });

  it('knows which categories can take each role', () => {
    expect(categoriesForRole('mentee')).toEqual(['pupil', 'teacher', 'young-specialist', 'student']);
    expect(categoriesForRole('mentor')).toEqual(['pupil', 'teacher', 'young-specialist', 'alumnus', 'parent', 'student', 'partner-employee']);
  });
});

describe('cell readers', () => {
  it.each([
    ['+7 (900) 123-45-67', '+79001234567'],
    ['89001234567', '+79001234567'],
    ['900 123 45 67', '+79001234567'],
    ['123', null],
    ['тел. 8900', null],
  ])('phone %s → %s', (value, expected) => {
    expect(normalizePhoneRu(value)).toBe(expected);
  });

  it.each([
    ['14.03.2012', '2012-03-14'],
    ['4.3.2012 г.', '2012-03-04'],
    ['2012-03-14', '2012-03-14'],
    ['2012-03-14T00:00:00.000Z', '2012-03-14'],
    [40982, '2012-03-14'],
    ['40982', '2012-03-14'],
    ['31.02.2012', null],
    ['2012', null],
    [2012, null],
    ['14.03.12', null],
    ['март 2012', null],
  ] as const)('date %s → %s', (value, expected) => {
    expect(parseImportDate(value)).toBe(expected);
  });

  it.each([
    ['Ученик', 'pupil'],
    ['обучающаяся', 'pupil'],
    ['Обучающийся', 'pupil'],
    ['учитель математики', 'teacher'],
    ['Молодой специалист', 'young-specialist'],
    ['сотрудник организации-партнёра', 'partner-employee'],
    ['Студентка', 'student'],
    ['young-specialist', 'young-specialist'],
    ['бабушка', null],
    ['', null],
  ] as const)('category %s → %s', (value, expected) => {
    expect(parseCategoryRu(value)).toBe(expected);
  });

  it('reads special groups in many spellings', () => {
    expect(parseSpecialGroupsRu('ОВЗ; одарённый, ТЖС')).toEqual({ groups: ['disability', 'gifted', 'difficult-life-situation'], unknown: [] });
    expect(parseSpecialGroupsRu('Дети-сироты и дети, оставшиеся без попечения родителей')).toEqual({ groups: ['orphan'], unknown: [] });
    expect(parseSpecialGroupsRu('из малообеспеченной сельской семьи\nспортсмен')).toEqual({ groups: ['low-income-rural'], unknown: ['спортсмен'] });
  });
});

describe('bulk import', () => {
  const headers = ['№', 'ФИО', 'Категория', 'Дата рождения', 'Класс', 'Запрос (теги)', 'Запрос (описание)', 'Особые группы', 'Примечание'];
  const tagCatalog = [
    { code: 'math', labelRu: 'Математика' },
    { code: 'olympiad', labelRu: 'Олимпиады' },
  ];
  const context = { role: 'mentee' as const, on: ON, tagCatalog };

  it('maps headers, with aliases and «ФИО» in one column', () => {
    const { mapping, issues } = resolveImportColumns(headers, 'mentee');
    expect(mapping.fields).toEqual([null, 'fullName', 'category', 'birthDate', 'classOrPosition', 'tags', 'text', 'specialGroups', null]);
    expect(issues.map((i) => i.message)).toEqual(['Столбец «№» не распознан и не загружается', 'Столбец «Примечание» не распознан и не загружается']);
  });

  it('reports missing required columns and duplicates', () => {
    const { issues } = resolveImportColumns(['Фамилия', 'Фамилия', 'Дата рождения'], 'mentor');
    expect(issues.map((i) => `${i.severity}|${i.message}`)).toEqual([
      'warning|Столбец «Фамилия» встречается дважды — используется первый',
      'error|В файле нет столбца «Имя»',
      'error|В файле нет столбца «Категория»',
    ]);
  });

  it('offers a template that maps back onto itself and reads as a valid row', () => {
    for (const role of ['mentor', 'mentee'] as const) {
      const { headers: h, example } = participantImportTemplate(role);
      const { mapping, issues } = resolveImportColumns(h, role);
      expect(issues).toEqual([]);
      const report = validateImportRow(example, mapping, { role, on: ON, rowNumber: 2 });
      expect(report.issues).toEqual([]);
      expect(report.status).toBe('ok');
    }
    const csv = participantImportTemplateCsv('mentee');
    expect(csv.startsWith('\ufeffФамилия;Имя;Отчество;Категория;Дата рождения;')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('reads a good row into a participant', () => {
    const { mapping } = resolveImportColumns(headers, 'mentee');
    const report = validateImportRow(
      ['1', 'Иванова Мария Сергеевна', 'ученица', 40982, '7 «Б»', 'Математика; олимпиады', 'Хочу на олимпиаду', 'одарённый', ''],
      mapping,
      { ...context, rowNumber: 2 },
    );
    expect(report).toEqual({
      rowNumber: 2,
      status: 'ok',
      issues: [],
      participant: {
        lastName: 'Иванова',
        firstName: 'Мария',
        middleName: 'Сергеевна',
        category: 'pupil',
        birthDate: '2012-03-14',
        classOrPosition: '7 «Б»',
        experienceYears: null,
        email: null,
        phone: null,
        specialGroups: ['gifted'],
        competenceTags: [],
        competenceText: '',
        requestTags: ['math', 'olympiad'],
        requestText: 'Хочу на олимпиаду',
      },
    });
  });

  it('reports each bad cell with its column, and an unknown tag as a warning kept in the description', () => {
    const { mapping } = resolveImportColumns(headers, 'mentee');
    const report = validateImportRow(['2', 'Петров', 'школьник', '31.02.2013', '', 'Математика; Шахматы', '', 'ОВЗ; спортсмен', ''], mapping, {
      ...context,
      rowNumber: 3,
    });
    expect(report.status).toBe('error');
    expect(report.participant).toBeNull();
    expect(report.issues.map((i) => `${i.severity}|${i.column}|${i.message}`)).toEqual([
      'error|ФИО|ФИО: укажите фамилию и имя',
      'error|Дата рождения|Дата рождения: «31.02.2013» — ожидается дата ДД.ММ.ГГГГ',
      'error|Особые группы|Особые группы: неизвестное значение «спортсмен»',
      'warning|Запрос (теги)|Запрос: тега «Шахматы» нет в каталоге — добавлен в описание',
    ]);
    const warned = validateImportRow(['3', 'Сидоров Иван', 'ученик', '01.09.2012', '', 'Шахматы', 'Турниры', '', ''], mapping, {
      ...context,
      rowNumber: 4,
    });
    expect(warned.status).toBe('warning');
    expect(warned.participant?.requestTags).toEqual([]);
    expect(warned.participant?.requestText).toBe('Турниры; Шахматы');
  });

  it('applies the age rules and names the column', () => {
    const { mapping } = resolveImportColumns(['Фамилия', 'Имя', 'Категория', 'Дата рождения', 'Компетенции'], 'mentor');
    const report = validateImportRow(['Кузнецов', 'Олег', 'обучающийся', '01.01.2012', 'Математика'], mapping, {
      role: 'mentor',
      on: ON,
      rowNumber: 7,
    });
    expect(report.issues).toEqual([
      {
        field: 'birthDate',
        column: 'Дата рождения',
        message: 'Дата рождения: наставнику-обучающемуся должно быть от 15 до 19 лет (сейчас 13)',
        severity: 'error',
      },
    ]);
  });

  it('keeps good rows whatever the bad ones around them, skips empty rows and warns about repeats', () => {
    const { mapping } = resolveImportColumns(headers, 'mentee');
    const rows = [
      ['1', 'Иванова Мария', 'ученица', '14.03.2012', '7Б', 'Математика', '', '', ''],
      ['2', 'Петров', 'кот', 'вчера', null, undefined, '', '', ''],
      ['', '', '', '', '', '', '', '', ''],
      // a row that makes a reader throw must not stop the others
      [
        '4',
        {
          toString: () => {
            throw new Error('broken cell');
          },
        } as never,
        'ученик',
        '01.09.2012',
        '',
        'Математика',
        '',
        '',
        '',
      ],
      ['5', 'Иванова  Мария', 'Ученица', '2012-03-14', '7Б', 'Олимпиады', '', '', ''],
      ['6', 'Смирнов Павел', 'ученик', '15.05.2011', '8А', '', 'Хочу заниматься робототехникой', '', ''],
    ];
    const report = validateImportRows(rows, mapping, context);
    expect(report.rows.map((r) => r.status)).toEqual(['ok', 'error', 'empty', 'error', 'warning', 'ok']);
    expect(report.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(report.summary).toEqual({ total: 6, ok: 2, warning: 1, error: 2, empty: 1 });
    expect(report.rows[3]?.issues[0]?.message).toBe('Строка не прочитана из-за внутренней ошибки; остальные строки загружены');
    expect(report.rows[4]?.issues.map((i) => i.message)).toEqual(['Строка повторяет строку 2 (ФИО и дата рождения)']);
    expect(report.rows[0]?.participant?.lastName).toBe('Иванова');
    expect(report.rows[5]?.participant?.requestText).toBe('Хочу заниматься робототехникой');
    // the same good rows give the same participants alone as amid bad rows
    const alone = validateImportRows([rows[0] as never, rows[5] as never], mapping, context);
    expect(alone.rows.map((r) => r.participant)).toEqual([report.rows[0]?.participant, report.rows[5]?.participant]);
  });
});
