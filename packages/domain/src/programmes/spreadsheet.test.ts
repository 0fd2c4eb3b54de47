import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isSpreadsheetZip, looksBinary, readFirstSheetRows } from './spreadsheet.js';

const book = (sheet: string) =>
  zipSync({
    'xl/workbook.xml': strToU8(
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="A" sheetId="1"/></sheets></workbook>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheet}</sheetData></worksheet>`,
    ),
  });

describe('readFirstSheetRows', () => {
  it('keeps empty rows inside the table as [] and does not lose short rows after a gap', () => {
    const bytes = book(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Фамилия</t></is></c><c r="B1" t="inlineStr"><is><t>Имя</t></is></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Орлова</t></is></c><c r="B2" t="inlineStr"><is><t>Анна</t></is></c></row>' +
        '<row r="4"><c r="A4" t="inlineStr"><is><t>Белов</t></is></c><c r="B4" t="inlineStr"><is><t>Иван</t></is></c></row>',
    );
    expect(isSpreadsheetZip(bytes)).toBe(true);
    expect(readFirstSheetRows(bytes)).toEqual({ ok: true, headerRowNumber: 1, rows: [['Фамилия', 'Имя'], ['Орлова', 'Анна'], [], ['Белов Иван']] });
  });

  it('a broken archive or a book without a table gives a Russian message', () => {
    const broken = readFirstSheetRows(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(broken).toMatchObject({ ok: false, message: expect.stringContaining('XLSX') });
    expect(readFirstSheetRows(book(''))).toMatchObject({ ok: false, message: expect.stringContaining('нет таблицы') });
    expect(looksBinary(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0]))).toBe(true);
    expect(looksBinary(strToU8('Фамилия;Имя\r\n'))).toBe(false);
  });
});
