import { describe, expect, it } from 'vitest';
import { mergeFormCatalog } from '../programmes/catalog.js';
import { statFormRows, type StatFormCount, type StatFormRow } from './stat-form.js';

const counts: StatFormCount[] = [
  { role: 'mentor', form: 'teacher-pupil', category: 'teacher', count: 5 },
  { role: 'mentor', form: 'teacher-pupil', category: 'young-specialist', count: 2 },
  { role: 'mentee', form: 'teacher-pupil', category: 'pupil', count: 30 },
  { role: 'mentee', form: 'pupil-pupil', category: 'pupil', count: 10 },
  { role: 'mentor', form: 'pupil-pupil', category: 'pupil', count: 8 },
  { role: 'mentee', form: 'teacher-teacher', category: 'young-specialist', count: 3 },
  { role: 'mentee', form: 'teacher-pupil', category: 'pupil', count: 2 }, // the same key again: summed
];

const brief = (rows: StatFormRow[]) => rows.map((r) => [r.kind, r.role, r.form, r.category, r.count]);

describe('statFormRows', () => {
  it('groups by role × form × category in catalogue order, with totals (hand-counted)', () => {
    expect(brief(statFormRows(counts, { includeZeros: false }))).toEqual([
      ['detail', 'mentor', 'pupil-pupil', 'pupil', 8],
      ['formTotal', 'mentor', 'pupil-pupil', null, 8],
      ['detail', 'mentor', 'teacher-pupil', 'teacher', 5],
      ['detail', 'mentor', 'teacher-pupil', 'young-specialist', 2],
      ['formTotal', 'mentor', 'teacher-pupil', null, 7],
      ['roleCategoryTotal', 'mentor', null, 'pupil', 8],
      ['roleCategoryTotal', 'mentor', null, 'teacher', 5],
      ['roleCategoryTotal', 'mentor', null, 'young-specialist', 2],
      ['roleTotal', 'mentor', null, null, 15],
      ['detail', 'mentee', 'pupil-pupil', 'pupil', 10],
      ['formTotal', 'mentee', 'pupil-pupil', null, 10],
      ['detail', 'mentee', 'teacher-teacher', 'young-specialist', 3],
      ['formTotal', 'mentee', 'teacher-teacher', null, 3],
      ['detail', 'mentee', 'teacher-pupil', 'pupil', 32],
      ['formTotal', 'mentee', 'teacher-pupil', null, 32],
      ['roleCategoryTotal', 'mentee', null, 'pupil', 42],
      ['roleCategoryTotal', 'mentee', null, 'young-specialist', 3],
      ['roleTotal', 'mentee', null, null, 45],
      ['total', null, null, null, 60],
    ]);
  });

  it('uses the programmes catalogue labels', () => {
    const rows = statFormRows(counts, { includeZeros: false });
    expect(rows[2]).toEqual({
      kind: 'detail',
      role: 'mentor',
      form: 'teacher-pupil',
      category: 'teacher',
      roleRu: 'Наставник',
      formRu: 'Учитель – ученик',
      categoryRu: 'Педагог',
      count: 5,
    });
    expect(rows[4]).toMatchObject({ formRu: 'Учитель – ученик', categoryRu: 'Итого по форме' });
    expect(rows[5]).toMatchObject({ formRu: 'Итого по категории (все формы)', categoryRu: 'Обучающийся' });
    expect(rows.at(-1)).toMatchObject({ roleRu: 'Всего', count: 60 });
  });

  it('keeps the fixed shape by default: every category a form admits, with 0', () => {
    const rows = statFormRows(counts);
    const employerPupilMentors = rows.filter((r) => r.kind === 'detail' && r.role === 'mentor' && r.form === 'employer-pupil');
    expect(employerPupilMentors.map((r) => [r.category, r.count])).toEqual([
      ['alumnus', 0],
      ['parent', 0],
      ['partner-employee', 0],
    ]);
    expect(rows.find((r) => r.kind === 'formTotal' && r.role === 'mentor' && r.form === 'employer-pupil')?.count).toBe(0);
    expect(rows.find((r) => r.kind === 'total')?.count).toBe(60);
    // every federal form appears for both roles
    for (const role of ['mentor', 'mentee'] as const) {
      expect(rows.filter((r) => r.kind === 'formTotal' && r.role === role)).toHaveLength(7);
    }
  });

  it('no counts at all: zeros in the fixed shape, or only the totals', () => {
    expect(statFormRows([]).every((r) => r.count === 0)).toBe(true);
    expect(brief(statFormRows([], { includeZeros: false }))).toEqual([
      ['roleTotal', 'mentor', null, null, 0],
      ['roleTotal', 'mentee', null, null, 0],
      ['total', null, null, null, 0],
    ]);
  });

  it("a district's own forms come after the federal ones with their labels; unknown codes show the code", () => {
    const { forms } = mergeFormCatalog([
      {
        level: 'district',
        code: 'sibay',
        forms: [{ code: 'parent-pupil', labelRu: 'Родитель – ученик', mentorCategories: ['parent'], menteeCategories: ['pupil'] }],
      },
    ]);
    const rows = statFormRows(
      [
        { role: 'mentor', form: 'parent-pupil', category: 'parent', count: 4 },
        { role: 'mentor', form: 'legacy-form', category: 'teacher', count: 1 },
        { role: 'mentor', form: 'teacher-pupil', category: 'teacher', count: 2 },
      ],
      { forms, includeZeros: false },
    );
    expect(rows.filter((r) => r.kind === 'formTotal').map((r) => [r.formRu, r.count])).toEqual([
      ['Учитель – ученик', 2],
      ['Родитель – ученик', 4],
      ['legacy-form', 1],
    ]);
  });

  it('rejects negative or non-numeric counts and unknown categories', () => {
    expect(() => statFormRows([{ role: 'mentor', form: 'teacher-pupil', category: 'teacher', count: -1 }])).toThrow(RangeError);
    expect(() => statFormRows([{ role: 'mentor', form: 'teacher-pupil', category: 'teacher', count: Number.NaN }])).toThrow(RangeError);
    expect(() => statFormRows([{ role: 'mentor', form: 'teacher-pupil', category: 'robot' as never, count: 1 }])).toThrow(RangeError);
  });
});
