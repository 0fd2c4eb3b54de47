import { describe, expect, it } from 'vitest';
import { validateCampaign, validateExecutionMark, validateRoadmapCreation } from './inputs';

describe('the campaign form', () => {
  const draft = { title: 'Дорожные карты на 2025/2026 учебный год', academicYear: '2025/2026', dueDate: '20.09.2025', organizationIds: '' };

  it('everything wrong at once: the schema’s words, the typed date’s own, «none chosen»', () => {
    expect(validateCampaign({ ...draft, title: ' ', academicYear: '2025', dueDate: '20.09' }, { everyone: false, chosen: [] })).toEqual({
      errors: {
        title: 'Название кампании: поле обязательно',
        academicYear: 'Учебный год: укажите в формате «2025/2026»',
        dueDate: 'Срок представления дорожных карт: укажите дату в формате ДД.ММ.ГГГГ',
        organizationIds: 'Выберите хотя бы одну организацию',
      },
      values: null,
    });
    expect(validateCampaign({ ...draft, dueDate: '' }, { everyone: true, chosen: [] }).errors).toEqual({
      dueDate: 'Срок представления дорожных карт: укажите дату',
    });
  });

  it('a valid form: the API’s input, all schools as an empty list', () => {
    expect(validateCampaign(draft, { everyone: true, chosen: ['x'] }).values).toEqual({
      title: 'Дорожные карты на 2025/2026 учебный год',
      academicYear: '2025/2026',
      dueDate: '2025-09-20',
      periodStart: '2025-09-01',
      periodEnd: '2026-08-31',
      organizationIds: [],
    });
    expect(validateCampaign(draft, { everyone: false, chosen: ['a', 'b'] }).values?.organizationIds).toEqual(['a', 'b']);
  });
});

describe('the roadmap creation form', () => {
  it('an empty name and dates: required; a half-typed date: its format; the order beside the end', () => {
    expect(validateRoadmapCreation({ programmeName: '', periodStart: '', periodEnd: '31.08' })).toEqual({
      errors: {
        programmeName: 'Название программы наставничества: поле обязательно',
        periodStart: 'Начало периода: укажите дату',
        periodEnd: 'Конец периода: укажите дату в формате ДД.ММ.ГГГГ',
      },
      values: null,
    });
    expect(validateRoadmapCreation({ programmeName: 'Вместе', periodStart: '01.09.2026', periodEnd: '31.08.2026' }).errors).toEqual({
      periodEnd: 'Конец периода не может быть раньше его начала',
    });
  });

  it('a valid form: ISO dates, the name cleaned', () => {
    expect(validateRoadmapCreation({ programmeName: '  Вместе ', periodStart: '01.09.2025', periodEnd: '31.08.2026' })).toEqual({
      errors: {},
      values: { programmeName: 'Вместе', periodStart: '2025-09-01', periodEnd: '2026-08-31' },
    });
  });
});

describe('the execution mark dialog', () => {
  const empty = { doneOn: '', documentNumber: '', documentDate: '', note: '', url: '' };

  it('no evidence is the form’s message, with the fields’ problems beside them', () => {
    expect(validateExecutionMark({ ...empty, doneOn: '12.09', documentDate: '2025-09-12' }, false)).toEqual({
      errors: { doneOn: 'Дата выполнения: укажите дату в формате ДД.ММ.ГГГГ' },
      formError: 'Подтверждение: укажите номер документа, примечание, ссылку или файл',
      values: null,
    });
    expect(validateExecutionMark({ ...empty, url: 'ftp://x' }, false)).toMatchObject({
      errors: { url: 'Ссылка: ожидается адрес вида https://…' },
      formError: null,
    });
  });

  it('a chosen file is evidence; an empty date is today (left to the API)', () => {
    expect(validateExecutionMark(empty, true)).toEqual({
      errors: {},
      formError: null,
      values: { doneOn: null, documentNumber: null, documentDate: null, note: null, url: null },
    });
    expect(validateExecutionMark({ ...empty, doneOn: '12.09.2025', documentNumber: ' приказ № 336 ' }, false).values).toMatchObject({
      doneOn: '2025-09-12',
      documentNumber: 'приказ № 336',
    });
  });
});
