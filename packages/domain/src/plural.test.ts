import { describe, expect, it } from 'vitest';
import { pluralRu } from './index.js';

const days = ['день', 'дня', 'дней'] as const;

describe('pluralRu', () => {
  it.each([
    [1, 'день'],
    [21, 'день'],
    [101, 'день'],
    [2, 'дня'],
    [4, 'дня'],
    [22, 'дня'],
    [0, 'дней'],
    [5, 'дней'],
    [11, 'дней'],
    [12, 'дней'],
    [14, 'дней'],
    [25, 'дней'],
    [111, 'дней'],
    [112, 'дней'],
    [-1, 'день'],
    [-5, 'дней'],
  ])('%d → %s', (n, form) => {
    expect(pluralRu(n, days)).toBe(form);
  });

  it('gives fractions the few form (genitive singular: «1,5 дня»)', () => {
    expect(pluralRu(1.5, days)).toBe('дня');
    expect(pluralRu(0.5, days)).toBe('дня');
    expect(pluralRu(21.5, days)).toBe('дня');
  });
});
