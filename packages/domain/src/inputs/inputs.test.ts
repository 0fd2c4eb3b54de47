import { describe, expect, it } from 'vitest';
import { checkInput, headcountSchema, newDistrictSchema, programmeInputSchema } from '../index.js';

describe('checkInput over the shared input schemas', () => {
  it('an empty programme names every missing field at once, in the form’s order', () => {
    const result = checkInput(programmeInputSchema, { name: ' ', forms: [], periodStart: '', periodEnd: '' });
    expect(result.issues).toEqual([
      { field: 'name', message: 'Название программы: поле обязательно' },
      { field: 'forms', message: 'Формы наставничества: выберите хотя бы одну' },
      { field: 'periodStart', message: 'Начало программы: укажите дату' },
      { field: 'periodEnd', message: 'Окончание программы: укажите дату' },
    ]);
  });

  it('a programme is cleaned: spaces collapsed, repeats dropped, the traditional kind by default', () => {
    const result = checkInput(programmeInputSchema, {
      name: '  Вместе   2026 ',
      forms: ['pupil-pupil', ' pupil-pupil', ''],
      kinds: [],
      targetGroups: ['5–9 классы', '5–9 классы'],
      periodStart: '2026-09-01',
      periodEnd: '2027-05-31',
      curatorName: '  ',
    });
    expect(result.value).toEqual({
      name: 'Вместе 2026',
      forms: ['pupil-pupil'],
      kinds: ['traditional'],
      targetGroups: ['5–9 классы'],
      periodStart: '2026-09-01',
      periodEnd: '2027-05-31',
      curatorName: null,
    });
  });

  it('unknown codes, a name too long and an end before the start are all reported', () => {
    const result = checkInput(programmeInputSchema, {
      name: 'я'.repeat(301),
      forms: ['pupil-pupil', 'boss-pupil'],
      kinds: ['secret'],
      periodStart: '2027-01-01',
      periodEnd: '2026-01-01',
    });
    expect(result.issues).toEqual([
      { field: 'name', message: 'Название программы: не более 300 символов' },
      { field: 'forms', message: 'Форма наставничества: неизвестный код «boss-pupil»' },
      { field: 'kinds', message: 'Вид наставничества: неизвестный код «secret»' },
      { field: 'periodEnd', message: 'Окончание программы: не раньше начала' },
    ]);
  });

  it('a new district: one message per field, the code’s format before its length', () => {
    expect(checkInput(newDistrictSchema, { regionId: '', code: 'Sibay!', name: '', authorityName: 'x'.repeat(501) }).issues).toEqual([
      { field: 'regionId', message: 'Поле «Регион» обязательно.' },
      { field: 'code', message: expect.stringContaining('Поле «Код»: допускаются строчные латинские буквы') },
      { field: 'name', message: 'Поле «Название» обязательно.' },
      { field: 'authorityName', message: 'Поле «Орган управления образованием»: не более 500 символов.' },
    ]);
    expect(checkInput(newDistrictSchema, { regionId: 'r', code: 'a'.repeat(55), name: 'N', authorityName: 'A' }).issues).toEqual([
      { field: 'code', message: 'Поле «Код»: не более 54 символов.' },
    ]);
  });

  it('a headcount: a missing count is required, a wrong one out of range, a year in its format', () => {
    expect(checkInput(headcountSchema, { academicYear: '2025-2026', pupils: undefined, teachers: 10_001 }).issues).toEqual([
      { field: 'academicYear', message: 'Поле «Учебный год»: учебный год в формате «2025/2026».' },
      { field: 'pupils', message: 'Поле «Число обучающихся» обязательно.' },
      { field: 'teachers', message: 'Поле «Число педагогов»: значение от 0 до 10000.' },
    ]);
    expect(checkInput(headcountSchema, { academicYear: '2025/2026', pupils: 1.5, teachers: -1 }).issues.map((i) => i.field)).toEqual(['pupils', 'teachers']);
  });
});
