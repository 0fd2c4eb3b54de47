import { describe, expect, it } from 'vitest';
import { sumCounts, weightedCoverage } from './rollup.js';

describe('weightedCoverage', () => {
  it('Σ participants ÷ Σ headcounts, not the mean of the schools’ percentages', () => {
    // School A: 50 of 100 (50 %); school B: 10 of 900 (1,1 %).
    // Mean of percentages: (50 + 1,11) ÷ 2 = 25,6 % — wrong; district: 60 ÷ 1000 = 6,0 %.
    const rows = [
      { participants: 50, groupSize: 100 },
      { participants: 10, groupSize: 900 },
    ];
    const meanOfPercentages = ((50 / 100) * 100 + (10 / 900) * 100) / 2;
    expect(meanOfPercentages).toBeCloseTo(25.56, 2);
    const kpi = weightedCoverage(rows);
    expect(kpi).toMatchObject({ code: 'coverage', value: 6, display: '6,0 %', numerator: 60, denominator: 1000, rowsCounted: 2, rowsWithoutData: 0 });
    expect(kpi.target).toEqual({ value: 10, met: false, textRu: 'не менее 10 %' });
    expect(kpi.formulaRu).toBe('Σ участники ÷ Σ численность группы × 100 %');
    expect(kpi.inputs).toContainEqual({ label: 'Учтено организаций', value: 2 });
  });

  it('leaves out rows without a headcount or with an empty group, from both sums', () => {
    const kpi = weightedCoverage([
      { participants: 30, groupSize: 200 },
      { participants: 40, groupSize: null }, // would inflate the share if its participants were counted
      { participants: 5, groupSize: 0 },
      { participants: null, groupSize: 300 },
      { participants: 20, groupSize: 100 },
    ]);
    expect(kpi).toMatchObject({ numerator: 50, denominator: 300, display: '16,6 %', rowsCounted: 2, rowsWithoutData: 3 });
    expect(kpi.inputs).toContainEqual({ label: 'Без данных (организаций)', value: 3 });
  });

  it('no usable rows: «нет данных»', () => {
    for (const rows of [[], [{ participants: 3, groupSize: 0 }], [{ participants: null, groupSize: null }]]) {
      const kpi = weightedCoverage(rows);
      expect(kpi.value).toBeNull();
      expect(kpi.display).toBe('нет данных');
      expect(kpi.target?.met).toBeNull();
    }
  });

  it('a region over its districts, with its own target and wording; inconsistent sums are flagged', () => {
    const kpi = weightedCoverage(
      [
        { participants: 700, groupSize: 1000 },
        { participants: 1500, groupSize: 2000 },
      ],
      { target: 70, rowsRu: 'муниципалитетов', groupRu: 'обучающиеся' },
    );
    expect(kpi).toMatchObject({ value: (2200 / 3000) * 100, display: '73,3 %', target: { met: true }, labelRu: 'Охват целевой группы: обучающиеся' });
    expect(kpi.inputs).toContainEqual({ label: 'Учтено муниципалитетов', value: 2 });
    expect(weightedCoverage([{ participants: 120, groupSize: 100 }]).inconsistent).toBe(true);
  });
});

describe('sumCounts', () => {
  it('sums each column and counts the rows without a value', () => {
    const rows = [
      { pupils: 500, teachers: 40, participants: 120 },
      { pupils: 300, teachers: null, participants: 80 },
      { pupils: 200, participants: undefined },
      { pupils: -1, teachers: 10, participants: Number.NaN },
    ];
    expect(sumCounts(rows, ['pupils', 'teachers', 'participants'])).toEqual({
      pupils: { sum: 1000, reported: 3, missing: 1 },
      teachers: { sum: 50, reported: 2, missing: 2 },
      participants: { sum: 200, reported: 2, missing: 2 },
    });
  });

  it('a column nobody reported is null, not 0; zeros are reported values', () => {
    expect(sumCounts([{ a: null }, {}], ['a'])).toEqual({ a: { sum: null, reported: 0, missing: 2 } });
    expect(sumCounts([{ a: 0 }], ['a'])).toEqual({ a: { sum: 0, reported: 1, missing: 0 } });
    expect(sumCounts([], ['a'])).toEqual({ a: { sum: null, reported: 0, missing: 0 } });
  });
});
