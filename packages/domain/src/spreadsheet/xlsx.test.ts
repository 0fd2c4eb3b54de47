import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../import/xlsx.js';
import { ZipArchive } from '../import/zip.js';
import { screenTableToSheet, spreadsheetFileName, typedCell } from './table.js';
import { columnName, excelDate, writeXlsx } from './xlsx.js';

describe('typedCell', () => {
  it.each([
    ['12', 12],
    ['1 234', 1234],
    ['1\u00a0234,5', 1234.5],
    ['-3,25', -3.25],
    ['0', 0],
  ])('reads %j as the number %j', (text, number) => expect(typedCell(text)).toBe(number));

  it.each(['12,5 %', 'нет данных', '007', '1.5', '12 шт.', '1 23', 'Гимназия № 1'])('keeps %j as text', (text) => expect(typedCell(text)).toBe(text));

  it('reads ДД.ММ.ГГГГ as a date and leaves impossible dates as text', () => {
    expect(typedCell('01.09.2026')).toEqual({ date: '2026-09-01' });
    expect(typedCell('31.02.2026')).toBe('31.02.2026');
  });

  it('treats empty cells and the dash as empty', () => {
    expect(typedCell('  ')).toBeNull();
    expect(typedCell('—')).toBeNull();
  });
});

describe('writeXlsx', () => {
  it('names columns like a spreadsheet does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(excelDate('1900-03-01')).toBe(61);
  });

  it('writes a workbook that the import reader reads back, with typed cells', () => {
    const sheet = screenTableToSheet({
      title: 'Школы района',
      heading: ['Сибай'],
      columns: ['Школа', 'Участников', 'Охват', 'Обновлено'],
      rows: [
        ['Гимназия', '1 204', '12,5 %', '01.09.2026'],
        ['СОШ № 4 <«А»&>', '0', 'нет данных', ''],
      ],
      createdAt: new Date('2026-11-22T10:00:00Z'),
    });
    const bytes = writeXlsx(sheet);
    const zip = new ZipArchive(bytes);
    const xml = strFromU8(zip.read('xl/worksheets/sheet1.xml')!);
    expect(xml).toContain('<v>1204</v>');
    expect(xml).toContain('&lt;«А»&amp;&gt;');
    expect(xml).toContain(`<v>${excelDate('2026-09-01')}</v>`);
    const document = readXlsx(zip);
    const text = JSON.stringify(document);
    expect(text).toContain('Гимназия');
    expect(text).toContain('12,5 %');
    expect(text).toContain('01.09.2026');
  });

  it('makes a file name with the date and without forbidden characters', () => {
    expect(spreadsheetFileName('Школы: Сибай/Курск', new Date(2026, 10, 22))).toBe('Школы Сибай Курск 22.11.2026.xlsx');
  });
});
