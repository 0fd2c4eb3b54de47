import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { lostText, parseRoadmapDocument, type ImportPreview, type ImportResult } from './index.js';

/**
 * Excel workbooks built in the test from small XML strings: the approval block and the title above
 * the table, shared and inline strings, a number-formatted date, merged cells (a section row across
 * the table, a responsible person over two rows), a signature below the table.
 */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

type Cell = string | { value: number; date?: boolean } | { inline: string };

/** Sheet rows by row number; columns A, B, C … in order (null skips a column). */
function xlsx(rows: Record<number, Array<Cell | null>>, merges: string[] = [], sheetName = 'Дорожная карта'): { bytes: Uint8Array; texts: string[] } {
  const shared: string[] = [];
  const texts: string[] = [];
  const sheetRows = Object.entries(rows)
    .map(([r, cells]) => {
      const xmlCells = cells
        .map((cell, i) => {
          if (cell === null) return '';
          const ref = `${String.fromCharCode(65 + i)}${r}`;
          if (typeof cell === 'string') {
            texts.push(cell);
            shared.push(cell);
            return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
          }
          if ('inline' in cell) {
            texts.push(cell.inline);
            return `<c r="${ref}" t="inlineStr"><is><t>${esc(cell.inline)}</t></is></c>`;
          }
          return `<c r="${ref}"${cell.date ? ' s="1"' : ''}><v>${cell.value}</v></c>`;
        })
        .join('');
      return `<row r="${r}">${xmlCells}</row>`;
    })
    .join('');
  const mergeXml = merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  const files = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    'xl/workbook.xml': `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/sharedStrings.xml': `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
    'xl/styles.xml':
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>' +
      '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData>${mergeXml}</worksheet>`,
  };
  return { bytes: zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))), texts };
}

function preview(result: ImportResult): ImportPreview {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result;
}

describe('XLSX: a roadmap sheet', () => {
  // 45184 is 15.09.2023 in Excel's day numbers.
  const { bytes, texts } = xlsx(
    {
      1: [null, null, null, 'УТВЕРЖДАЮ'],
      2: [null, null, null, 'Директор МБОУ «СОШ № 5»'],
      3: [null, null, null, '__________ И.П. Орлова'],
      4: [null, null, null, '«31» августа 2023 г.'],
      6: ['Дорожная карта реализации программы наставничества «Наставник рядом» на 2023-2024 учебный год'],
      8: ['№', 'Наименование мероприятия', 'Срок исполнения', 'Ответственные', 'Показатели эффективности'],
      9: ['1. Подготовительный этап'],
      10: [{ value: 1.1 }, 'Издание приказа о программе наставничества', { value: 45184, date: true }, 'директор И.П. Орлова', '100% локальных актов'],
      11: [{ value: 1.2 }, { inline: 'Анкетирование педагогов' }, 'Октябрь 2023', null, 'не менее 80% педагогов'],
      12: ['2. Основной этап'],
      13: ['2.1', 'Встречи наставнических пар', 'ежемесячно', 'наставники', 'не менее 9 встреч'],
      15: ['Исполнитель: Л.А. Гусева, тел. 8 (3822) 00-00-00'],
    },
    ['A6:E6', 'A9:E9', 'D10:D11', 'A12:E12'],
  );
  const result = preview(parseRoadmapDocument({ fileName: 'карта.xlsx', bytes }));

  it('reads the approval block and the title above the table', () => {
    expect(result.format).toBe('xlsx');
    expect(result.header.approval).toMatchObject({ position: 'Директор', organization: 'МБОУ «СОШ № 5»', name: 'И.П. Орлова', date: '2023-08-31' });
    expect(result.header.programmeName).toBe('Наставник рядом');
    expect(result.header.period).toMatchObject({ periodStart: '2023-09-01', periodEnd: '2024-08-31' });
  });

  it('maps columns, reads merged section rows, dates, numbers and vertical merges', () => {
    expect(result.columns.map((c) => c.mappedTo)).toEqual(['number', 'activity', 'deadline', 'responsible', 'indicator']);
    expect(result.sections.map((s) => [s.number, s.title, s.items.length])).toEqual([
      ['1.', 'Подготовительный этап', 2],
      ['2.', 'Основной этап', 1],
    ]);
    const [first, second] = result.sections[0]!.items;
    expect(first).toMatchObject({
      number: '1.1',
      deadlineText: '15.09.2023',
      deadline: { kind: 'date', due: '2023-09-15' },
      indicator: '100% локальных актов',
    });
    expect(second).toMatchObject({ number: '1.2', activity: 'Анкетирование педагогов', responsible: 'директор И.П. Орлова' });
    expect(result.sections[1]!.items[0]!.deadline.kind).toBe('recurring');
  });

  it('keeps the signature below the table as text after it, and loses nothing', () => {
    expect(result.postscript).toEqual(['Исполнитель: Л.А. Гусева, тел. 8 (3822) 00-00-00']);
    expect(lostText(result, texts)).toEqual([]);
  });
});

describe('XLSX: bad workbooks', () => {
  it('a PNG named .xlsx, a workbook without its parts', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(parseRoadmapDocument({ fileName: 'a.xlsx', bytes: png })).toEqual({ ok: false, code: 'NOT_XLSX', message: 'Файл не является книгой Excel (.xlsx)' });
    const broken = zipSync({
      '[Content_Types].xml': strToU8('<Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'),
    });
    expect(parseRoadmapDocument({ fileName: 'b.xlsx', bytes: broken })).toEqual({
      ok: false,
      code: 'CORRUPT',
      message: 'Файл повреждён или не является книгой Excel',
    });
  });

  it('an empty sheet has no roadmap table', () => {
    const { bytes } = xlsx({ 1: ['Дорожная карта'] });
    expect(parseRoadmapDocument({ fileName: 'c.xlsx', bytes })).toEqual({ ok: false, code: 'NO_TABLE', message: 'В документе не найдена таблица мероприятий' });
  });

  it('a workbook named .docx is read as a workbook, with a warning', () => {
    const { bytes } = xlsx({ 1: ['№', 'Мероприятия', 'Сроки'], 2: ['1.1', 'Встреча', 'май 2024'] });
    const result = preview(parseRoadmapDocument({ fileName: 'карта.docx', bytes }));
    expect(result.format).toBe('xlsx');
    expect(result.warnings[0]!.message).toMatch(/по содержимому это книга Excel/);
  });
});
