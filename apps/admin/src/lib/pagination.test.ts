import { expect, it } from 'vitest';
import { hasNextPage, hasPreviousPage, offsetOfPage, pageCount, pageFromParam, pageSummary } from './pagination';

it('reads the page from the URL defensively', () => {
  expect(pageFromParam(null)).toBe(1);
  expect(pageFromParam('3')).toBe(3);
  expect(pageFromParam('-1')).toBe(1);
  expect(pageFromParam('abc')).toBe(1);
  expect(pageFromParam('2.5')).toBe(1);
  expect(offsetOfPage(3)).toBe(40);
});

it('says what is shown, in Russian', () => {
  expect(pageSummary({ offset: 0, limit: 20, count: 20, total: 57 })).toBe('Показано 1–20 из 57');
  expect(pageSummary({ offset: 40, limit: 20, count: 17, total: 57 })).toBe('Показано 41–57 из 57');
  expect(pageSummary({ offset: 0, limit: 20, count: 0, total: 0 })).toBe('Записей нет');
  expect(pageSummary({ offset: 0, limit: 20, count: 0, total: 0 }, true)).toBe('Ничего не найдено');
});

it('knows when there are more pages', () => {
  expect(hasPreviousPage({ offset: 0 })).toBe(false);
  expect(hasNextPage({ offset: 0, count: 20, total: 57 })).toBe(true);
  expect(hasNextPage({ offset: 40, count: 17, total: 57 })).toBe(false);
  expect(pageCount({ limit: 20, total: 57 })).toBe(3);
  expect(pageCount({ limit: 20, total: 0 })).toBe(1);
});
