import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { lostText, parseRoadmapDocument, type ImportPreview, type ImportResult } from './index.js';

/**
 * Word documents built in the test from small XML strings (no binary fixtures): the shapes of the
 * seeds — approval blocks side by side in a borderless table, a title in several runs, a roadmap
 * table with full-width section rows, auto-numbered «№» cells, vertically merged cells, HTML
 * remnants, a cell broken over two rows — and the bad files the import must refuse.
 */

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Every text written into the document, for the «nothing lost» check. */
let written: string[] = [];

function run(text: string, bold = false): string {
  written.push(text);
  return `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}
function p(text: string, numbering?: { numId: number; ilvl: number }): string {
  const pPr = numbering ? `<w:pPr><w:numPr><w:ilvl w:val="${numbering.ilvl}"/><w:numId w:val="${numbering.numId}"/></w:numPr></w:pPr>` : '';
  return `<w:p>${pPr}${text ? run(text) : ''}</w:p>`;
}
interface CellOptions {
  span?: number;
  vMerge?: 'restart' | 'continue';
  numbering?: { numId: number; ilvl: number };
}
function tc(content: string | string[], options: CellOptions = {}): string {
  const props = [options.span ? `<w:gridSpan w:val="${options.span}"/>` : '', options.vMerge ? `<w:vMerge w:val="${options.vMerge}"/>` : ''].join('');
  const paragraphs = (Array.isArray(content) ? content : [content]).map((t) => p(t, options.numbering)).join('');
  return `<w:tc><w:tcPr>${props}</w:tcPr>${paragraphs || '<w:p/>'}</w:tc>`;
}
const tr = (...cells: string[]) => `<w:tr><w:trPr/>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr/><w:tblGrid/>${rows.join('')}</w:tbl>`;

const CONTENT_TYPES_DOCX =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

const NUMBERING =
  `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0">` +
  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>' +
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>' +
  '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';

function docx(body: string, parts: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES_DOCX),
    '_rels/.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`),
  };
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(xml);
  return zipSync(files);
}

function preview(result: ImportResult): ImportPreview {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result;
}

const HEADINGS = ['№ п/п', 'Мероприятия', 'Срок реализации', 'Ответственный исполнитель', 'Результат. Вид документа'];

function roadmapBody(): string {
  written = [];
  const approvalTable = tbl(
    tr(
      tc(['СОГЛАСОВАНО', 'Начальник управления образования', 'Администрации города Томска', '____________ А.Б. Петров', '«___» __________ 2023 г.']),
      tc(''),
      tc(['УТВЕРЖДАЮ', 'Директор МАОУ «Лицей № 7»', '____________ В.Г. Смирнова', 'Приказ № 45-о от 30.08.2023', '«31» августа 2023 г.']),
    ),
  );
  const title =
    `<w:p>${run('Дорожная ', true)}${run('карта', true)}</w:p>` +
    p('реализации целевой модели наставничества «Вместе в будущее»') +
    p('в МАОУ «Лицей № 7» на 2023-2024 учебный год');
  const numbered = (text: string) => tc(text, { numbering: { numId: 1, ilvl: 1 } });
  const table = tbl(
    tr(...HEADINGS.map((h) => tc(h))),
    tr(tc('Организационный этап', { span: 5, numbering: { numId: 1, ilvl: 0 } })),
    tr(numbered(''), tc('Издание приказа о внедрении целевой модели наставничества'), tc('до 15.09.2023'), tc('директор В.Г. Смирнова'), tc('Приказ')),
    tr(
      numbered(''),
      tc(['Назначение куратора программы', 'и наставников']),
      tc('Сентябрь 2023'),
      tc('директор В.Г. Смирнова'),
      tc('<p>Приказ о назначении куратора</p><p>Приказ о закреплении пар</p>'),
    ),
    tr(tc('Основной этап', { span: 5, numbering: { numId: 1, ilvl: 0 } })),
    tr(
      numbered(''),
      tc('Проведение анкетирования педагогов для выявления'),
      tc('Октябрь'),
      tc('педагог-психолог Е.К. Лунева', { vMerge: 'restart' }),
      tc('Анкеты'),
    ),
    tr(tc(''), tc('профессиональных затруднений'), tc('2023'), tc('', { vMerge: 'continue' }), tc('')),
    tr(numbered(''), tc('Формирование наставнических пар'), tc('до 01.11.2023'), tc('', { vMerge: 'continue' }), tc('Приказ о закреплении пар')),
    tr(numbered(''), tc('Итоговая конференция наставников'), tc('Май 2024'), tc('куратор Л.А. Гусева'), tc('')),
  );
  const after = p('Заместитель директора по УВР ____________ Л.А. Гусева');
  return approvalTable + p('') + title + table + after;
}

describe('DOCX: a roadmap in the shape of the seeds', () => {
  const body = roadmapBody();
  const source = [...written];
  const result = preview(parseRoadmapDocument({ fileName: 'Дорожная карта.docx', bytes: docx(body, { 'word/numbering.xml': NUMBERING }) }));

  it('reads the header: approval and agreement side by side, title in several runs, programme, period', () => {
    expect(result.format).toBe('docx');
    expect(result.header.title).toBe('Дорожная карта реализации целевой модели наставничества «Вместе в будущее» в МАОУ «Лицей № 7» на 2023-2024 учебный год');
    expect(result.header.programmeName).toBe('Вместе в будущее');
    expect(result.header.organization).toBe('МАОУ «Лицей № 7»');
    expect(result.header.period).toMatchObject({ periodStart: '2023-09-01', periodEnd: '2024-08-31', source: 'document' });
    expect(result.header.approval).toMatchObject({
      heading: 'УТВЕРЖДАЮ',
      position: 'Директор',
      organization: 'МАОУ «Лицей № 7»',
      name: 'В.Г. Смирнова',
      date: '2023-08-31',
      orderNumber: '45-о',
      orderDate: '2023-08-30',
    });
    expect(result.header.agreement).toMatchObject({
      heading: 'СОГЛАСОВАНО',
      position: 'Начальник',
      authority: 'управления образования Администрации города Томска',
      name: 'А.Б. Петров',
      date: null,
      dateText: '«___» __________ 2023 г.',
    });
  });

  it('maps the columns by their headings', () => {
    expect(result.columns.map((c) => c.mappedTo)).toEqual(['number', 'activity', 'deadline', 'responsible', 'expectedResult']);
  });

  it('reads sections from full-width rows and items with auto-numbered «№» cells', () => {
    expect(result.stats).toMatchObject({ sections: 2, items: 5 });
    expect(result.sections.map((s) => [s.number, s.title])).toEqual([
      ['1.', 'Организационный этап'],
      ['2.', 'Основной этап'],
    ]);
    expect(result.sections[0]!.items.map((i) => i.number)).toEqual(['1.1.', '1.2.']);
    expect(result.sections[1]!.items.map((i) => i.number)).toEqual(['2.1.', '2.2.', '2.3.']);
  });

  it('keeps paragraphs of a cell as lines, cleans HTML remnants, merges a row broken in two', () => {
    const [first, second] = result.sections[0]!.items;
    expect(first).toMatchObject({
      activity: 'Издание приказа о внедрении целевой модели наставничества',
      deadlineText: 'до 15.09.2023',
      deadline: { kind: 'date', due: '2023-09-15', before: true },
      responsible: 'директор В.Г. Смирнова',
      expectedResult: 'Приказ',
    });
    expect(second!.activity).toBe('Назначение куратора программы\nи наставников');
    expect(second!.expectedResult).toBe('Приказ о назначении куратора\nПриказ о закреплении пар');
    const broken = result.sections[1]!.items[0]!;
    expect(broken.activity).toBe('Проведение анкетирования педагогов для выявления профессиональных затруднений');
    expect(broken.deadlineText).toBe('Октябрь 2023');
    expect(broken.deadline.kind).toBe('months');
    expect(broken.issues.map((i) => i.message)).toContain('строка без номера присоединена к предыдущему мероприятию');
  });

  it('repeats a vertically merged cell in the items it spans', () => {
    const pairs = result.sections[1]!.items[1]!;
    expect(pairs.activity).toBe('Формирование наставнических пар');
    expect(pairs.responsible).toBe('педагог-психолог Е.К. Лунева');
  });

  it('keeps the text after the table and loses nothing', () => {
    expect(result.postscript).toEqual(['Заместитель директора по УВР ____________ Л.А. Гусева']);
    expect(lostText(result, source)).toEqual([]);
  });
});

describe('DOCX: a table without headings', () => {
  it('recognises the columns by their content', () => {
    written = [];
    const body =
      p('План мероприятий по наставничеству на 2024-2025 учебный год') +
      tbl(
        tr(tc('1.1'), tc('Анкетирование молодых педагогов'), tc('Сентябрь 2024'), tc('зам. директора по УВР И.И. Иванова')),
        tr(tc('1.2'), tc('Закрепление наставнических пар'), tc('до 01.10.2024'), tc('директор П.П. Петров')),
        tr(tc('1.3'), tc('Открытые уроки наставников'), tc('В течение года'), tc('наставники')),
      );
    const result = preview(parseRoadmapDocument({ fileName: 'plan.docx', bytes: docx(body) }));
    expect(result.columns.map((c) => [c.mappedTo, c.source])).toEqual([
      ['number', 'content'],
      ['activity', 'content'],
      ['deadline', 'content'],
      ['responsible', 'content'],
    ]);
    expect(result.stats.items).toBe(3);
    expect(result.sections[0]!.items[2]).toMatchObject({ number: '1.3', deadline: { kind: 'continuous', due: '2025-08-31' } });
    expect(result.warnings.map((w) => w.message)).toContain('у таблицы нет строки заголовков — столбцы определены по содержимому');
  });

  it('applies the curator’s column mapping over the guesses', () => {
    const body = tbl(
      tr(tc('№'), tc('Что делаем'), tc('Когда'), tc('Кто')),
      tr(tc('1.1'), tc('Анкетирование'), tc('Сентябрь 2024'), tc('Иванова И.И.')),
      tr(tc('1.2'), tc('Встреча наставников'), tc('Октябрь 2024'), tc('Петров П.П.')),
    );
    const bytes = docx(body);
    const guessed = preview(parseRoadmapDocument({ fileName: 'plan.docx', bytes }));
    expect(guessed.columns[2]).toMatchObject({ mappedTo: 'deadline', source: 'content' });
    const manual = preview(parseRoadmapDocument({ fileName: 'plan.docx', bytes }, { columnMapping: { 1: 'content', 3: null } }));
    expect(manual.columns.map((c) => [c.mappedTo, c.source])).toEqual([
      ['number', 'heading'],
      ['content', 'manual'],
      ['deadline', 'content'],
      [null, 'manual'],
    ]);
    const item = manual.sections[0]!.items[0]!;
    expect(item.content).toBe('Анкетирование');
    expect(item.responsible).toBe('');
    expect(item.unmapped).toEqual([expect.objectContaining({ text: 'Иванова И.И.', heading: 'Кто', reason: 'столбец не распознан' })]);
  });
});

describe('DOCX: tables merged by LibreOffice into one table on the union of their grids', () => {
  /**
   * What LibreOffice writes for a .doc whose sections were separate tables of different column widths:
   * ONE table over the union of their column edges (here 8 grid columns), each former table's rows
   * spanning other grid columns. Placed at their first grid column, the second table's cells would land
   * between the heading's columns; by their edges they go to the heading's columns.
   */
  const grid = `<w:tblGrid>${[500, 300, 2500, 400, 1400, 300, 1900, 1500].map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  const union = (...rows: string[]) => `<w:tbl><w:tblPr/>${grid}${rows.join('')}</w:tbl>`;
  // Edges of the first former table: 0|1|3|5|7|8; of the second: 0|2|4|6|7|8.
  const first = (...texts: string[]) => tr(...texts.map((t, i) => tc(t, { span: [1, 2, 2, 2, 1][i] })));
  const second = (...texts: string[]) => tr(...texts.map((t, i) => tc(t, { span: [2, 2, 2, 1, 1][i] })));
  const body = union(
    first('№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'),
    tr(tc('1. Организационный этап', { span: 8 })),
    first('1.1.', 'Издание приказа о наставничестве', 'до 15.09.2024', 'директор', 'Приказ'),
    tr(tc('2.', { span: 2 }), tc('Основной этап', { span: 6 })),
    second('2.1.', 'Закрепление наставнических пар', 'Октябрь 2024', 'куратор', 'Приказ о парах'),
    `<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>${tc('и встречи пар', { span: 2 })}${tc('', { span: 4 })}</w:tr>`,
    second('2.2.', 'Итоговая конференция', 'Май 2025', 'куратор', 'Отчёт'),
  );
  const result = preview(parseRoadmapDocument({ fileName: 'merged.docx', bytes: docx(body) }));

  it('puts every cell in the heading column it lies under, and keeps the sections', () => {
    expect(result.columns.map((c) => c.mappedTo)).toEqual(['number', 'activity', 'deadline', 'responsible', 'expectedResult']);
    expect(result.sections.map((s) => [s.number, s.title])).toEqual([
      ['1.', 'Организационный этап'],
      ['2.', 'Основной этап'],
    ]);
    const items = result.sections.flatMap((s) => s.items.map((i) => [i.number, i.activity, i.deadlineText, i.responsible, i.expectedResult]));
    expect(items).toEqual([
      ['1.1.', 'Издание приказа о наставничестве', 'до 15.09.2024', 'директор', 'Приказ'],
      ['2.1.', 'Закрепление наставнических пар и встречи пар', 'Октябрь 2024', 'куратор', 'Приказ о парах'],
      ['2.2.', 'Итоговая конференция', 'Май 2025', 'куратор', 'Отчёт'],
    ]);
  });
});

describe('DOCX: the heading row in a table of its own, each section a table below it', () => {
  const row = (...cells: string[]) => tr(...cells.map((c) => tc(c)));
  const body =
    p('Дорожная карта на 2024-2025 учебный год') +
    tbl(row(...HEADINGS)) +
    p('') +
    tbl(row('1.', 'Организационный этап', '', '', ''), row('1.1.', 'Издание приказа', 'Сентябрь 2024', 'директор', 'Приказ')) +
    tbl(
      row('2.', 'Основной этап', '', '', ''),
      row('2.1.', 'Закрепление пар', 'Октябрь 2024', 'куратор', 'Приказ о парах'),
      row('2.2.', 'Итоговая конференция', 'Май 2025', 'куратор', 'Отчёт'),
    );
  const result = preview(parseRoadmapDocument({ fileName: 'tables.docx', bytes: docx(body) }));

  it('reads the tables below as the rows of the heading row: every section, every column mapped', () => {
    expect(result.columns.map((c) => c.mappedTo)).toEqual(['number', 'activity', 'deadline', 'responsible', 'expectedResult']);
    expect(result.sections.map((s) => [s.number, s.title, s.items.map((i) => [i.number, i.deadlineText, i.responsible])])).toEqual([
      ['1.', 'Организационный этап', [['1.1.', 'Сентябрь 2024', 'директор']]],
      [
        '2.',
        'Основной этап',
        [
          ['2.1.', 'Октябрь 2024', 'куратор'],
          ['2.2.', 'Май 2025', 'куратор'],
        ],
      ],
    ]);
  });
});

describe('DOCX: Word markup that is not text', () => {
  it('skips deleted revisions and fallback copies, keeps tabs and breaks as spaces and lines', () => {
    const body =
      p('Дорожная карта на 2023-2024 гг.') +
      tbl(
        tr(tc('№'), tc('Наименование мероприятий'), tc('Сроки')),
        tr(
          tc('1.1'),
          '<w:tc><w:p><w:r><w:t>Встреча</w:t></w:r><w:del w:id="1"><w:r><w:delText>удалено</w:delText></w:r></w:del><w:r><w:tab/><w:t>наставников</w:t><w:br/><w:t>и наставляемых</w:t></w:r>' +
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t> (выбор)</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>копия</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p></w:tc>',
          tc('Октябрь 2023'),
        ),
      );
    const result = preview(parseRoadmapDocument({ fileName: 'x.docx', bytes: docx(body) }));
    expect(result.sections[0]!.items[0]!.activity).toBe('Встреча наставников\nи наставляемых (выбор)');
  });

  it('does not expand entities declared in a DOCTYPE', () => {
    const xml =
      `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ааааааааааааааа"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
      `<w:document ${W}><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>№</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Мероприятия</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Сроки</w:t></w:r></w:p></w:tc></w:tr>` +
      `<w:tr><w:tc><w:p><w:r><w:t>1.1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>май 2024</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`;
    const bytes = zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES_DOCX), 'word/document.xml': strToU8(xml) });
    const result = preview(parseRoadmapDocument({ fileName: 'x.docx', bytes }));
    expect(result.sections[0]!.items[0]!.activity).toBe('&b;');
  });
});

// ————— bad files —————

const validDocx = () => docx(roadmapBody(), { 'word/numbering.xml': NUMBERING });

function expectFailure(result: ImportResult, code: string, message: string | RegExp) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe(code);
  if (typeof message === 'string') expect(result.message).toBe(message);
  else expect(result.message).toMatch(message);
}

describe('DOCX: bad files get a clear Russian error, never an exception', () => {
  it('a corrupt DOCX: truncated, garbled inside, or without its document part', () => {
    const good = validDocx();
    expectFailure(
      parseRoadmapDocument({ fileName: 'a.docx', bytes: good.slice(0, Math.floor(good.length / 2)) }),
      'CORRUPT',
      'Файл повреждён или не является документом Word',
    );

    const garbled = good.slice();
    // Overwrite the compressed data of the first entries (keeping the directory intact).
    for (let i = 200; i < Math.min(garbled.length - 400, 1200); i++) garbled[i] = (i * 37) & 0xff;
    expectFailure(parseRoadmapDocument({ fileName: 'b.docx', bytes: garbled }), 'CORRUPT', 'Файл повреждён или не является документом Word');

    const noDocument = zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES_DOCX), 'word/styles.xml': strToU8('<x/>') });
    expectFailure(parseRoadmapDocument({ fileName: 'c.docx', bytes: noDocument }), 'CORRUPT', 'Файл повреждён или не является документом Word');

    const badXml = zipSync({
      '[Content_Types].xml': strToU8(CONTENT_TYPES_DOCX),
      'word/document.xml': strToU8(`<w:document ${W}><w:body><w:p><w:r><w:t>текст`),
    });
    expectFailure(parseRoadmapDocument({ fileName: 'd.docx', bytes: badXml }), 'CORRUPT', 'Файл повреждён или не является документом Word');
  });

  it('a zip bomb: an entry declared far above the limit is refused before inflating', () => {
    const bomb = zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES_DOCX), 'word/document.xml': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expectFailure(parseRoadmapDocument({ fileName: 'bomb.docx', bytes: bomb }), 'ZIP_BOMB', /^Файл слишком большой после распаковки/);
  });

  it('a zip bomb that lies about its size is stopped while inflating', () => {
    const size = 4 * 1024 * 1024;
    const bomb = zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES_DOCX), 'word/document.xml': new Uint8Array(size) }, { level: 9 });
    // Rewrite the declared uncompressed size of word/document.xml in the central directory to 1 KB.
    const name = strToU8('word/document.xml');
    let patched = false;
    for (let at = bomb.length - 22; at >= 0 && !patched; at--) {
      if (bomb[at] === 0x50 && bomb[at + 1] === 0x4b && bomb[at + 2] === 1 && bomb[at + 3] === 2) {
        const nameLength = bomb[at + 28]! | (bomb[at + 29]! << 8);
        if (nameLength === name.length && name.every((b, i) => bomb[at + 46 + i] === b)) {
          bomb.set([0x00, 0x04, 0x00, 0x00], at + 24);
          patched = true;
        }
      }
    }
    expect(patched).toBe(true);
    expectFailure(parseRoadmapDocument({ fileName: 'liar.docx', bytes: bomb }), 'ZIP_BOMB', /^Файл слишком большой после распаковки/);
  });

  it('an absurd compression ratio is refused even under the size limit', () => {
    const dense = zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES_DOCX), 'word/document.xml': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expectFailure(parseRoadmapDocument({ fileName: 'dense.docx', bytes: dense }), 'ZIP_BOMB', /сжат подозрительно сильно/);
  });

  it('a stricter unpacked limit from the options', () => {
    expectFailure(parseRoadmapDocument({ fileName: 'a.docx', bytes: validDocx() }, { maxUnpackedBytes: 1000 }), 'ZIP_BOMB', /более 0,0 МБ/);
  });

  it('a PNG, a PDF, an old .doc and a text file named .docx', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);
    expectFailure(parseRoadmapDocument({ fileName: 'scan.docx', bytes: png }), 'NOT_DOCX', 'Файл не является документом Word (.docx)');
    expectFailure(parseRoadmapDocument({ fileName: 'scan.docx', bytes: strToU8('%PDF-1.7\n…') }), 'NOT_DOCX', 'Файл не является документом Word (.docx)');
    const cfb = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expectFailure(parseRoadmapDocument({ fileName: 'old.docx', bytes: cfb }), 'NOT_DOCX', /^Файл не является документом Word \(\.docx\): .*\.doc/);
    expectFailure(parseRoadmapDocument({ fileName: 'old.doc', bytes: cfb }), 'LEGACY_FORMAT', /\.docx/);
    expectFailure(
      parseRoadmapDocument({ fileName: 'notes.docx', bytes: strToU8('№\tМероприятия\n1.1\tВстреча') }),
      'NOT_DOCX',
      'Файл не является документом Word (.docx)',
    );
    const otherZip = zipSync({ 'readme.txt': strToU8('hello') });
    expectFailure(parseRoadmapDocument({ fileName: 'archive.docx', bytes: otherZip }), 'NOT_DOCX', 'Файл не является документом Word (.docx)');
  });

  it('a document without a roadmap table, or with a table of headings only', () => {
    expectFailure(
      parseRoadmapDocument({ fileName: 'a.docx', bytes: docx(p('Дорожная карта') + p('Таблица будет позже')) }),
      'NO_TABLE',
      'В документе не найдена таблица мероприятий',
    );
    const headingsOnly = docx(p('Дорожная карта') + tbl(tr(...HEADINGS.map((h) => tc(h))), tr(...HEADINGS.map(() => tc('')))));
    expectFailure(parseRoadmapDocument({ fileName: 'b.docx', bytes: headingsOnly }), 'NO_TABLE', 'В документе не найдена таблица мероприятий');
  });

  it('a 60 MB file is refused by size; an empty file too', () => {
    expectFailure(
      parseRoadmapDocument({ fileName: 'huge.docx', bytes: new Uint8Array(60 * 1024 * 1024) }),
      'TOO_LARGE',
      'Файл слишком большой: 60,0 МБ, допускается не более 20,0 МБ',
    );
    expectFailure(parseRoadmapDocument({ fileName: 'small.docx', bytes: validDocx() }, { maxBytes: 100 }), 'TOO_LARGE', /^Файл слишком большой/);
    expectFailure(parseRoadmapDocument({ fileName: 'empty.docx', bytes: new Uint8Array(0) }), 'EMPTY_FILE', 'Файл пуст');
  });

  it('a Word document named .txt is read as Word, with a warning', () => {
    const result = preview(parseRoadmapDocument({ fileName: 'roadmap.txt', bytes: validDocx() }));
    expect(result.format).toBe('docx');
    expect(result.warnings[0]!.message).toMatch(/^Расширение файла «\.txt», но по содержимому это документ Word/);
  });
});
