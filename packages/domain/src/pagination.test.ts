import { expect, it } from 'vitest';
import { MAX_PAGE_OFFSET, MAX_PAGE_SIZE, normalizePage, pageProblem } from './pagination.js';
import { academicYearOf, academicYearPeriod, isValidAcademicYear, periodLabelRu } from './academic-year.js';
import { districtSchemaName } from './codes.js';
import { formatDateRu } from './dates.js';

it('clamps pages to the allowed window', () => {
  expect(normalizePage()).toEqual({ limit: 20, offset: 0 });
  expect(normalizePage({ limit: 10_000, offset: -5 })).toEqual({ limit: MAX_PAGE_SIZE, offset: 0 });
  expect(normalizePage({ limit: 0 })).toEqual({ limit: 1, offset: 0 });
});

it('refuses pages outside the window, naming the field', () => {
  expect(pageProblem()).toBeNull();
  expect(pageProblem({ limit: null, offset: null })).toBeNull();
  expect(pageProblem({ limit: 1, offset: 0 })).toBeNull();
  expect(pageProblem({ limit: MAX_PAGE_SIZE, offset: MAX_PAGE_OFFSET })).toBeNull();
  expect(pageProblem({ limit: -1, offset: 2147483647 })).toEqual({ field: 'page.limit', message: 'Поле «page.limit»: значение от 1 до 100.' });
  expect(pageProblem({ limit: 0 })?.field).toBe('page.limit');
  expect(pageProblem({ limit: MAX_PAGE_SIZE + 1 })?.field).toBe('page.limit');
  expect(pageProblem({ limit: 2.5 })?.field).toBe('page.limit');
  expect(pageProblem({ offset: -1 })?.field).toBe('page.offset');
  expect(pageProblem({ offset: 2147483647 })).toEqual({ field: 'page.offset', message: `Поле «page.offset»: значение от 0 до ${MAX_PAGE_OFFSET}.` });
});

it('knows academic years and Russian dates', () => {
  expect(isValidAcademicYear('2025/2026')).toBe(true);
  expect(isValidAcademicYear('2025/2027')).toBe(false);
  expect(academicYearOf(new Date(Date.UTC(2025, 8, 1)))).toBe('2025/2026');
  expect(academicYearOf(new Date(Date.UTC(2026, 7, 31)))).toBe('2025/2026');
  expect(formatDateRu(new Date(Date.UTC(2025, 8, 20)))).toBe('20.09.2025');
});

it('names a roadmap period in words, several academic years as such (read back as they are)', () => {
  expect(academicYearPeriod('2025-08-31')).toEqual({ periodStart: '2024-09-01', periodEnd: '2025-08-31' });
  expect(academicYearPeriod('2025-09-01')).toEqual({ periodStart: '2025-09-01', periodEnd: '2026-08-31' });
  expect(periodLabelRu('2025-09-01', '2026-08-31')).toBe('2025/2026 учебный год');
  expect(periodLabelRu('2021-09-01', '2024-08-31')).toBe('2021–2024 учебные годы');
  expect(periodLabelRu('2021-09-01', '2024-08-31', '-')).toBe('2021-2024 учебные годы');
  expect(periodLabelRu('2022-01-01', '2025-12-31')).toBe('2022–2025 гг.');
  expect(periodLabelRu('2025-01-01', '2025-12-31')).toBe('2025 год');
});

it('derives safe schema names', () => {
  expect(districtSchemaName('zato-svobodny')).toBe('district_zato_svobodny');
  expect(() => districtSchemaName('a; drop schema core')).toThrow();
});
