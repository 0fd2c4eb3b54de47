import { describe, expect, it } from 'vitest';
import { formatMeanRu, formatPercentRu, formatShareRu } from './format.js';

describe('Russian number formats', () => {
  it('shares: one decimal, comma, truncated, exact from integers', () => {
    expect(formatShareRu(1, 8)).toBe('12,5 %');
    expect(formatShareRu(2, 3)).toBe('66,6 %');
    expect(formatShareRu(29, 100)).toBe('29,0 %');
    expect(formatShareRu(57, 100)).toBe('57,0 %');
    expect(formatShareRu(0, 5)).toBe('0,0 %');
    expect(formatShareRu(3, 2)).toBe('150,0 %');
  });

  it('shares without data', () => {
    expect(formatShareRu(1, 0)).toBe('нет данных');
    expect(formatShareRu(null, 5)).toBe('нет данных');
    expect(formatShareRu(1, null)).toBe('нет данных');
    expect(formatShareRu(-1, 5)).toBe('нет данных');
  });

  it('means: rounded half away from zero, optional sign, optional truncation', () => {
    expect(formatMeanRu(87, 20)).toBe('4,4');
    expect(formatMeanRu(-1, 4)).toBe('−0,3');
    expect(formatMeanRu(3, 3, { signed: true })).toBe('+1,0');
    expect(formatMeanRu(0, 3, { signed: true })).toBe('0,0');
    expect(formatMeanRu(179, 2, { truncate: true })).toBe('89,5');
    expect(formatMeanRu(1999, 20, { truncate: true })).toBe('99,9');
    expect(formatMeanRu(1999, 20)).toBe('100,0');
    expect(formatMeanRu(1, 0)).toBe('нет данных');
  });

  it('percent values (targets): no trailing «,0»', () => {
    expect(formatPercentRu(70)).toBe('70 %');
    expect(formatPercentRu(12.5)).toBe('12,5 %');
    expect(formatPercentRu(0.29 * 100)).toBe('29 %');
    expect(formatPercentRu(null)).toBe('нет данных');
  });
});
