import { describe, expect, it } from 'vitest';
import { campaignInputSchema, checkInput, executionMarkSchema, roadmapCreationSchema } from '../index.js';

describe('campaignInputSchema', () => {
  it('everything empty: every field named at once', () => {
    expect(checkInput(campaignInputSchema, { title: ' ', academicYear: '', dueDate: '' }).issues).toEqual([
      { field: 'title', message: 'Название кампании: поле обязательно' },
      { field: 'academicYear', message: 'Учебный год: поле обязательно' },
      { field: 'dueDate', message: 'Срок представления дорожных карт: укажите дату' },
    ]);
    expect(checkInput(campaignInputSchema, {}).issues.map((issue) => issue.field)).toEqual(['title', 'academicYear', 'dueDate']);
  });

  it('a year in another format, a title too long, dates not dates, an emptied period end', () => {
    expect(
      checkInput(campaignInputSchema, { title: 'К'.repeat(501), academicYear: '2025-2026', dueDate: '20.09.2025', periodStart: '2025-02-30', periodEnd: ' ' })
        .issues,
    ).toEqual([
      { field: 'title', message: 'Название кампании: не более 500 символов' },
      { field: 'academicYear', message: 'Учебный год: укажите в формате «2025/2026»' },
      { field: 'dueDate', message: 'Срок представления дорожных карт: некорректная дата (ожидается ГГГГ-ММ-ДД)' },
      { field: 'periodStart', message: 'Начало периода: некорректная дата (ожидается ГГГГ-ММ-ДД)' },
      { field: 'periodEnd', message: 'Конец периода: укажите дату' },
    ]);
  });

  it('the period’s order counts the academic year’s default end, whatever else is wrong', () => {
    expect(checkInput(campaignInputSchema, { title: '', academicYear: '2025/2026', dueDate: '2025-09-20', periodStart: '2026-09-01' }).issues).toEqual([
      { field: 'title', message: 'Название кампании: поле обязательно' },
      { field: 'periodEnd', message: 'Конец периода не может быть раньше его начала' },
    ]);
    expect(
      checkInput(campaignInputSchema, { title: 'К', academicYear: '2025/2026', dueDate: '2025-09-20', periodStart: '2026-01-01', periodEnd: '2025-12-31' }).ok,
    ).toBe(false);
  });

  it('a valid campaign is cleaned: the title’s spaces, the academic year’s period, the ids without repeats', () => {
    expect(
      checkInput(campaignInputSchema, { title: '  Дорожные   карты ', academicYear: ' 2025/2026', dueDate: '2025-09-20 ', organizationIds: ['a', ' a', 'b'] })
        .value,
    ).toEqual({
      title: 'Дорожные карты',
      academicYear: '2025/2026',
      dueDate: '2025-09-20',
      periodStart: '2025-09-01',
      periodEnd: '2026-08-31',
      organizationIds: ['a', 'b'],
    });
    expect(
      checkInput(campaignInputSchema, { title: 'К', academicYear: '2025/2026', dueDate: '2025-09-20', organizationIds: null }).value?.organizationIds,
    ).toEqual([]);
  });
});

describe('roadmapCreationSchema', () => {
  it('everything empty: the programme and both dates', () => {
    expect(checkInput(roadmapCreationSchema, { programmeName: ' ', periodStart: '', periodEnd: '' }).issues).toEqual([
      { field: 'programmeName', message: 'Название программы наставничества: поле обязательно' },
      { field: 'periodStart', message: 'Начало периода: укажите дату' },
      { field: 'periodEnd', message: 'Конец периода: укажите дату' },
    ]);
  });

  it('the end before the start is reported beside the end even when the name is missing; limits', () => {
    expect(checkInput(roadmapCreationSchema, { programmeName: '', periodStart: '2026-09-01', periodEnd: '2026-08-31' }).issues).toEqual([
      { field: 'programmeName', message: 'Название программы наставничества: поле обязательно' },
      { field: 'periodEnd', message: 'Конец периода не может быть раньше его начала' },
    ]);
    expect(checkInput(roadmapCreationSchema, { programmeName: 'П'.repeat(301), title: 'Т'.repeat(1001), periodStart: '2026-9-1' }).issues).toEqual([
      { field: 'programmeName', message: 'Название программы наставничества: не более 300 символов' },
      { field: 'title', message: 'Название: не более 1000 символов' },
      { field: 'periodStart', message: 'Начало периода: некорректная дата (ожидается ГГГГ-ММ-ДД)' },
    ]);
  });

  it('the title and the period may be left out (the API composes and defaults them)', () => {
    expect(checkInput(roadmapCreationSchema, { programmeName: ' Вместе ' }).value).toEqual({
      programmeName: 'Вместе',
      title: null,
      periodStart: null,
      periodEnd: null,
    });
    expect(checkInput(roadmapCreationSchema, { programmeName: 'Вместе', periodStart: '2025-09-01', periodEnd: '2025-09-01' }).ok).toBe(true);
  });
});

describe('executionMarkSchema', () => {
  it('everything empty: the evidence is asked for, as a problem of the form (no field)', () => {
    expect(checkInput(executionMarkSchema, { doneOn: '', documentNumber: ' ', documentDate: null, note: '\n', url: '' }).issues).toEqual([
      { field: '', message: 'Подтверждение: укажите номер документа, примечание, ссылку или файл' },
    ]);
  });

  it('bad dates, a long number and no evidence: all at once', () => {
    expect(checkInput(executionMarkSchema, { doneOn: '12.09.2025', documentNumber: '№'.repeat(101), documentDate: '2025-13-01' }).issues).toEqual([
      { field: 'doneOn', message: 'Дата выполнения: некорректная дата (ожидается ГГГГ-ММ-ДД)' },
      { field: 'documentNumber', message: 'Номер документа: не более 100 символов' },
      { field: 'documentDate', message: 'Дата документа: некорректная дата (ожидается ГГГГ-ММ-ДД)' },
    ]);
    expect(checkInput(executionMarkSchema, { doneOn: '12.09.2025', documentDate: '2025-09-12' }).issues.map((issue) => issue.field)).toEqual(['doneOn', '']);
  });

  it('a link in another scheme or too long, a note too long', () => {
    expect(checkInput(executionMarkSchema, { url: 'javascript:alert(1)', note: 'п'.repeat(1001) }).issues).toEqual([
      { field: 'note', message: 'Примечание: не более 1000 символов' },
      { field: 'url', message: 'Ссылка: ожидается адрес вида https://…' },
    ]);
    expect(checkInput(executionMarkSchema, { url: `https://${'a'.repeat(1995)}` }).issues).toEqual([
      { field: 'url', message: 'Ссылка: не более 2000 символов' },
    ]);
  });

  it('any one piece of evidence is enough; the values are cleaned', () => {
    expect(checkInput(executionMarkSchema, { attachmentId: 'file-1' }).ok).toBe(true);
    expect(checkInput(executionMarkSchema, { note: ' Проведено \n' }).value).toEqual({
      doneOn: null,
      documentNumber: null,
      documentDate: null,
      note: 'Проведено',
      url: null,
      attachmentId: null,
    });
    expect(checkInput(executionMarkSchema, { doneOn: '2025-09-12', documentNumber: ' приказ  № 336 ', documentDate: '2025-09-12' }).value).toMatchObject({
      documentNumber: 'приказ № 336',
    });
  });
});
