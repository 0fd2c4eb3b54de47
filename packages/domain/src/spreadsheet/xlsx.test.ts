import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../import/xlsx.js';
import { ZipArchive } from '../import/zip.js';
import { screenTableToSheet, spreadsheetFileName, typedCell } from './table.js';
import { columnName, excelDate, writeWorkbook, writeXlsx } from './xlsx.js';

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

  it('writes a book of several sheets; a text-only sheet keeps dates, phones and numbers as typed text', () => {
    const bytes = writeWorkbook({
      title: 'Шаблон',
      createdAt: new Date('2026-11-22T10:00:00Z'),
      sheets: [
        {
          name: 'Участники',
          columns: [
            { label: 'Фамилия', width: 20 },
            { label: 'Дата рождения', width: 16 },
            { label: 'Телефон', width: 18 },
            { label: 'Класс', width: 8 },
          ],
          rows: [['Иванова <«А»&>', '14.03.2012', '+7 900 123-45-67', '007']],
          textOnly: true,
        },
        { name: 'Подсказки', columns: [{ label: 'Столбец', width: 32 }], rows: [['Дата рождения'], [{ date: '2012-03-14' }], [12]], textOnly: true },
        // The same tab name again is made unique: Excel refuses a book with two equal names.
        { name: 'подсказки', heading: ['Итоги'], columns: [{ label: 'Число', width: 10 }], rows: [[1204]] },
      ],
    });
    const zip = new ZipArchive(bytes);
    const workbook = strFromU8(zip.read('xl/workbook.xml')!);
    expect([...workbook.matchAll(/<sheet name="([^"]+)" sheetId="(\d)" r:id="rId(\d)"\/>/g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      ['Участники', '1', '1'],
      ['Подсказки', '2', '2'],
      ['подсказки (2)', '3', '3'],
    ]);
    expect(workbook).toContain(`localSheetId="2" hidden="1">'подсказки (2)'!$A$3:$A$4</definedName>`);
    const contentTypes = strFromU8(zip.read('[Content_Types].xml')!);
    for (const n of [1, 2, 3]) {
      expect(contentTypes).toContain(`/xl/worksheets/sheet${n}.xml`);
      expect(strFromU8(zip.read('xl/_rels/workbook.xml.rels')!)).toContain(`Target="worksheets/sheet${n}.xml"`);
    }
    expect(strFromU8(zip.read('xl/_rels/workbook.xml.rels')!)).toContain(
      'Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"',
    );

    // Text-only: inline strings in the «@» style (numFmt 49), the columns too (rows typed in later).
    const styles = strFromU8(zip.read('xl/styles.xml')!);
    const cellXfs = [...styles.slice(styles.indexOf('<cellXfs')).matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
    const first = strFromU8(zip.read('xl/worksheets/sheet1.xml')!);
    const textStyle = Number(/<c r="B2" s="(\d+)" t="inlineStr"><is><t xml:space="preserve">14\.03\.2012<\/t>/.exec(first)?.[1]);
    expect(cellXfs[textStyle]).toContain('numFmtId="49"');
    expect(first).toContain(`<c r="C2" s="${textStyle}" t="inlineStr"><is><t xml:space="preserve">+7 900 123-45-67</t></is></c>`);
    expect(first).toContain('<t xml:space="preserve">007</t>');
    expect(first).toContain('Иванова &lt;«А»&amp;&gt;');
    expect(first).toContain(`<col min="2" max="2" width="16" style="${textStyle}" customWidth="1"/>`);
    expect(first).not.toContain('<v>');
    // The header row is bold and frozen.
    expect(first).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    const headerStyle = Number(/<c r="A1" s="(\d+)" t="inlineStr"><is><t xml:space="preserve">Фамилия<\/t>/.exec(first)?.[1]);
    const boldFonts = [...styles.slice(styles.indexOf('<fonts'), styles.indexOf('</fonts>')).matchAll(/<font>(.*?)<\/font>/g)].map((m) =>
      m[1]!.includes('<b/>'),
    );
    expect(boldFonts[Number(/fontId="(\d+)"/.exec(cellXfs[headerStyle]!)![1])]).toBe(true);
    // A date and a number on a text-only sheet become their text; on a typed sheet a number stays a number.
    const second = strFromU8(zip.read('xl/worksheets/sheet2.xml')!);
    expect(second).toContain('<t xml:space="preserve">14.03.2012</t>');
    expect(second).toContain('<t xml:space="preserve">12</t>');
    expect(strFromU8(zip.read('xl/worksheets/sheet3.xml')!)).toContain('<v>1204</v>');

    // The import reader reads every sheet back, the text as typed.
    const tables = readXlsx(zip).blocks.flatMap((b) => (b.kind === 'table' ? [b.table.rows.map((r) => r.cells)] : []));
    expect(tables[0]).toEqual([
      ['Фамилия', 'Дата рождения', 'Телефон', 'Класс'],
      ['Иванова <«А»&>', '14.03.2012', '+7 900 123-45-67', '007'],
    ]);
    expect(tables[1]).toEqual([['Столбец'], ['Дата рождения'], ['14.03.2012'], ['12']]);
  });

  it('makes a file name with the date and without forbidden characters', () => {
    expect(spreadsheetFileName('Школы: Сибай/Курск', new Date(2026, 10, 22))).toBe('Школы Сибай Курск 22.11.2026.xlsx');
  });
});
