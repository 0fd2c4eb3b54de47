import { describe, expect, it } from 'vitest';
import { readHeader } from './header.js';
import { layoutPdf, PDF_FURNITURE_WARNING, type PdfPageLayout, type PdfRule, type PdfTextRun } from './pdf-layout.js';
import { previewFromSource } from './preview.js';
import type { SourceDocument, SourceTable } from './source.js';

/**
 * Made-up page layouts (what the API's pdf.js reader hands over): text runs with positions and ruling
 * lines, top-left origin. Runs are 0.5 em wide per character, like a condensed font.
 */

const SIZE = 10;

function run(text: string, x: number, baseline: number, size = SIZE): PdfTextRun {
  return { text, x, y: baseline - size, width: text.length * size * 0.5, height: size };
}

/** Runs of several lines starting at `x`, 12 pt apart. */
function lines(texts: readonly string[], x: number, firstBaseline: number): PdfTextRun[] {
  return texts.map((t, i) => run(t, x, firstBaseline + i * 12));
}

/** Right-aligned lines ending at `right`. */
function rightLines(texts: readonly string[], right: number, firstBaseline: number): PdfTextRun[] {
  return texts.map((t, i) => run(t, right - t.length * SIZE * 0.5, firstBaseline + i * 12));
}

interface Cell {
  r0: number;
  c0: number;
  r1?: number;
  c1?: number;
  lines: string[];
}

/** A ruled table: every cell drawn as its four borders (Word draws them cell by cell), text inside. */
function table(xs: readonly number[], ys: readonly number[], cells: readonly Cell[], thinRects = false): { runs: PdfTextRun[]; rules: PdfRule[] } {
  const runs: PdfTextRun[] = [];
  const rules: PdfRule[] = [];
  for (const cell of cells) {
    const x1 = xs[cell.c0] as number;
    const x2 = xs[(cell.c1 ?? cell.c0) + 1] as number;
    const y1 = ys[cell.r0] as number;
    const y2 = ys[(cell.r1 ?? cell.r0) + 1] as number;
    if (thinRects) {
      // Borders as thin filled rectangles (LibreOffice): opposite corners of a 0.5 pt box.
      rules.push({ x1, y1, x2, y2: y1 + 0.5 }, { x1, y1: y2, x2, y2: y2 + 0.5 }, { x1, y1, x2: x1 + 0.5, y2 }, { x1: x2, y1, x2: x2 + 0.5, y2 });
    } else {
      rules.push({ x1, y1, x2, y2: y1 }, { x1, y1: y2, x2, y2 }, { x1, y1, x2: x1, y2 }, { x1: x2, y1, x2, y2 });
    }
    runs.push(...lines(cell.lines, x1 + 3, y1 + 12));
  }
  return { runs, rules };
}

/** A grid of one-line cells, row by row. */
function simpleCells(rows: ReadonlyArray<readonly string[]>, firstRow = 0): Cell[] {
  return rows.flatMap((row, r) => row.map((text, c) => ({ r0: firstRow + r, c0: c, lines: text ? [text] : [] })));
}

const page = (parts: Array<{ runs: PdfTextRun[]; rules?: PdfRule[] }>, width = 595, height = 842): PdfPageLayout => ({
  width,
  height,
  runs: parts.flatMap((p) => p.runs),
  rules: parts.flatMap((p) => p.rules ?? []),
});

const tablesOf = (doc: SourceDocument): SourceTable[] => doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const paragraphsOf = (doc: SourceDocument): string[] => doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
const rowsEvery = (n: number, from: number, height = 20) => Array.from({ length: n + 1 }, (_, i) => from + i * height);

const XS = [40, 70, 270, 350, 450, 555];
const HEADING = ['№', 'Наименование мероприятия', 'Срок', 'Ответственный', 'Результат'];

describe('layoutPdf: ruled tables', () => {
  it('reads a ruled table: cells, a wrapped cell, a section row spanning the table', () => {
    const ys = [100, 120, 140, 172, 192];
    const cells: Cell[] = [
      ...simpleCells([HEADING]),
      { r0: 1, c0: 0, c1: 4, lines: ['1. Организационный этап'] },
      { r0: 2, c0: 0, lines: ['1.1'] },
      { r0: 2, c0: 1, lines: ['Встреча наставников и', 'наставляемых'] },
      { r0: 2, c0: 2, lines: ['сентябрь'] },
      { r0: 2, c0: 3, lines: ['Куратор'] },
      { r0: 2, c0: 4, lines: ['Протокол'] },
      ...simpleCells([['1.2', 'Анкетирование', 'октябрь', 'Педагог-психолог', 'Анкеты']], 3),
    ];
    const doc = layoutPdf([page([table(XS, ys, cells)])]);
    const [t] = tablesOf(doc);
    expect(tablesOf(doc)).toHaveLength(1);
    expect(t?.width).toBe(5);
    expect(t?.rows.map((r) => r.cells)).toEqual([
      HEADING,
      ['1. Организационный этап', '', '', '', ''],
      ['1.1', 'Встреча наставников и наставляемых', 'сентябрь', 'Куратор', 'Протокол'],
      ['1.2', 'Анкетирование', 'октябрь', 'Педагог-психолог', 'Анкеты'],
    ]);
    expect(t?.rows.map((r) => r.fullWidth)).toEqual([false, true, false, false]);
    expect(t?.rows.map((r) => r.source)).toEqual([1, 2, 3, 4]);
  });

  it('takes thin filled rectangles as borders, and a new capitalised sentence in a cell as a new line', () => {
    const ys = [100, 120, 152];
    const cells: Cell[] = [...simpleCells([['№', 'Мероприятие', 'Срок']]), ...simpleCells([['1', '', 'май']], 1)];
    (cells[4] as Cell).lines = ['Семинар.', 'Обмен опытом'];
    const doc = layoutPdf([page([table([40, 70, 300, 400], ys, cells, true)])]);
    expect(tablesOf(doc)[0]?.rows.map((r) => r.cells)).toEqual([
      ['№', 'Мероприятие', 'Срок'],
      ['1', 'Семинар.\nОбмен опытом', 'май'],
    ]);
  });

  it('reads a table open at its sides: rows ruled across, verticals only between the columns', () => {
    const xs = [40, 70, 300, 400];
    const ys = rowsEvery(2, 100);
    const rules: PdfRule[] = [...ys.map((y) => ({ x1: 40, y1: y, x2: 400, y2: y })), ...[70, 300].map((x) => ({ x1: x, y1: 100, x2: x, y2: 140 }))];
    const runs = [
      ['№', 'Мероприятие', 'Срок'],
      ['1', 'Встреча', 'май'],
    ].flatMap((row, r) => row.map((text, c) => run(text, (xs[c] as number) + 3, 112 + r * 20)));
    const [t] = tablesOf(layoutPdf([page([{ runs, rules }])]));
    expect(t?.rows.map((r) => r.cells)).toEqual([
      ['№', 'Мероприятие', 'Срок'],
      ['1', 'Встреча', 'май'],
    ]);
  });

  it('reads a merged stage column as a vertical merge: text on the first row, the rows below continue it', () => {
    const xs = [40, 150, 350, 450];
    const ys = rowsEvery(4, 100);
    const cells: Cell[] = [
      ...simpleCells([['Наименование этапа', 'Мероприятие', 'Срок']]),
      { r0: 1, r1: 3, c0: 0, lines: ['Подготовительный'] },
      ...[1, 2, 3].flatMap((r) => [
        { r0: r, c0: 1, lines: [`Мероприятие ${r}`] },
        { r0: r, c0: 2, lines: [`0${r}.09.2024`] },
      ]),
    ];
    const [t] = tablesOf(layoutPdf([page([table(xs, ys, cells)])]));
    expect(t?.rows.map((r) => r.cells[0])).toEqual(['Наименование этапа', 'Подготовительный', '', '']);
    expect(t?.rows.map((r) => r.merged[0])).toEqual([null, null, 'Подготовительный', 'Подготовительный']);
    expect(t?.rows[3]?.cells.slice(1)).toEqual(['Мероприятие 3', '03.09.2024']);
  });

  it('joins a table continued on the next page and drops its repeated heading row and the page number', () => {
    const first = table(XS, rowsEvery(3, 700), [
      ...simpleCells([HEADING]),
      { r0: 1, c0: 0, c1: 4, lines: ['1. Организационный этап'] },
      ...simpleCells([['1.1', 'Встреча', 'сентябрь', 'Куратор', 'Протокол']], 2),
    ]);
    const second = table(XS, rowsEvery(3, 60), [
      ...simpleCells([HEADING]),
      ...simpleCells([['1.2', 'Семинар', 'октябрь', 'Наставники', 'Отчёт']], 1),
      { r0: 2, c0: 0, c1: 4, lines: ['2. Основной этап'] },
    ]);
    const doc = layoutPdf([page([first, { runs: [run('1', 297, 820)] }]), page([{ runs: [run('2', 297, 30)] }, second])]);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['table']);
    const [t] = tablesOf(doc);
    expect(t?.rows.map((r) => r.cells[0])).toEqual(['№', '1. Организационный этап', '1.1', '1.2', '2. Основной этап']);
    expect(t?.rows.map((r) => r.source)).toEqual([1, 2, 3, 4, 5]);
  });

  it('drops running headers and footers repeated on the pages, so the table goes on across them', () => {
    const furniture = (n: number) => ({ runs: [run('ПРОЕКТ', 270, 24), run(`Страница ${n} из 3`, 260, 820)] });
    const parts = [1, 2, 3].map((n) =>
      table(XS, rowsEvery(2, n === 1 ? 700 : 60), [...simpleCells([HEADING]), ...simpleCells([[`${n}`, `Мероприятие ${n}`, 'май', 'Куратор', 'Отчёт']], 1)]),
    );
    const doc = layoutPdf(parts.map((part, i) => page([furniture(i + 1), part])));
    expect(doc.blocks.map((b) => (b.kind === 'table' ? `table of ${b.table.rows.length}` : b.text))).toEqual(['ПРОЕКТ', 'table of 4']);
    expect(doc.warnings).toEqual([PDF_FURNITURE_WARNING]);
  });

  it('joins a row broken by the page break back together', () => {
    const first = table(XS, rowsEvery(2, 700), [...simpleCells([HEADING]), ...simpleCells([['1', 'Встреча наставников', 'май', 'Куратор', 'Протокол']], 1)]);
    const second = table(XS, rowsEvery(3, 60), [
      ...simpleCells([HEADING]),
      ...simpleCells([['', 'и наставляемых', '', '', '']], 1),
      ...simpleCells([['2', 'Семинар', 'июнь', 'Куратор', 'Отчёт']], 2),
    ]);
    const [t] = tablesOf(layoutPdf([page([first]), page([second])]));
    expect(t?.rows.map((r) => r.cells)).toEqual([
      HEADING,
      ['1', 'Встреча наставников и наставляемых', 'май', 'Куратор', 'Протокол'],
      ['2', 'Семинар', 'июнь', 'Куратор', 'Отчёт'],
    ]);
  });

  it('joins a row broken by the page break whose rest holds a name in capitals, not a row that starts anew', () => {
    const first = table(XS, rowsEvery(2, 700), [
      ...simpleCells([HEADING]),
      ...simpleCells([['1.1.', 'Встреча наставников и', 'Март 2024', 'зам. директора А.Б.', 'Протокол № 1-']], 1),
    ]);
    const second = table(XS, rowsEvery(4, 60), [
      ...simpleCells([HEADING]),
      ...simpleCells([['', 'наставляемых «Тема 1»', '', 'Иванова', '1']], 1),
      ...simpleCells([['', 'Встреча с родителями', '', 'Куратор', '']], 2),
      ...simpleCells([['1.2.', 'Семинар', 'Апрель 2024', 'Куратор', 'Отчёт']], 3),
    ]);
    const [t] = tablesOf(layoutPdf([page([first]), page([second])]));
    expect(t?.rows.map((r) => r.cells)).toEqual([
      HEADING,
      ['1.1.', 'Встреча наставников и наставляемых «Тема 1»', 'Март 2024', 'зам. директора А.Б. Иванова', 'Протокол № 1-1'],
      ['', 'Встреча с родителями', '', 'Куратор', ''],
      ['1.2.', 'Семинар', 'Апрель 2024', 'Куратор', 'Отчёт'],
    ]);
  });

  it('joins a row whose texts all go on unfinished sentences above, though they open with a quotation mark', () => {
    const first = table(XS, rowsEvery(2, 700), [
      ...simpleCells([HEADING]),
      ...simpleCells([['', 'Результат: реализована программа с одаренными детьми', '', '', '']], 1),
    ]);
    const second = table(XS, rowsEvery(3, 60), [
      ...simpleCells([HEADING]),
      ...simpleCells([['', '«Вместе» для каждой пары', '', '', '']], 1),
      ...simpleCells([['2', '«Круглый стол»', 'май', 'Куратор', '']], 2),
    ]);
    const [t] = tablesOf(layoutPdf([page([first]), page([second])]));
    expect(t?.rows.map((r) => r.cells[1])).toEqual([
      HEADING[1],
      'Результат: реализована программа с одаренными детьми «Вместе» для каждой пары',
      '«Круглый стол»',
    ]);
  });

  it("takes a row across the table going on in lower case for the item's text cut by a page, not a section", () => {
    const cells: Cell[] = [
      ...simpleCells([HEADING, ['1.1', 'Организация контроля результатов', 'май', 'Куратор', 'Отчёт']]),
      { r0: 2, c0: 0, c1: 4, lines: ['наставниками'] },
      ...simpleCells([['1.2', 'Итоговая конференция', 'июнь', 'Куратор', 'Протокол']], 3),
    ];
    const preview = previewFromSource(layoutPdf([page([table(XS, rowsEvery(4, 100), cells)])]), { fileName: 'x.pdf', format: 'pdf' });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.sections.map((s) => s.title)).toEqual(['']);
    expect(preview.sections[0]?.items.map((i) => i.activity)).toEqual(['Организация контроля результатов наставниками', 'Итоговая конференция']);
  });

  it('continues a merged stage cell cut by the page break', () => {
    const xs = [40, 150, 350, 450];
    const first = table(xs, rowsEvery(3, 700), [
      ...simpleCells([['Этап', 'Мероприятие', 'Срок']]),
      { r0: 1, r1: 2, c0: 0, lines: ['Основной'] },
      ...simpleCells([['Семинар', 'май']], 1).map((c) => ({ ...c, c0: c.c0 + 1 })),
      ...simpleCells([['Тренинг', 'июнь']], 2).map((c) => ({ ...c, c0: c.c0 + 1 })),
    ]);
    const second = table(xs, rowsEvery(2, 60), [
      ...simpleCells([['Этап', 'Мероприятие', 'Срок']]),
      { r0: 1, c0: 0, lines: [] },
      ...simpleCells([['Отчёт', 'июль']], 1).map((c) => ({ ...c, c0: c.c0 + 1 })),
    ]);
    const [t] = tablesOf(layoutPdf([page([first]), page([second])]));
    expect(t?.rows.map((r) => r.merged[0])).toEqual([null, null, 'Основной', 'Основной']);
    expect(t?.rows[3]?.cells).toEqual(['', 'Отчёт', 'июль']);
  });

  it('keeps a table on the next page with other columns apart', () => {
    const first = table(XS, rowsEvery(2, 700), simpleCells([HEADING, ['1', 'Встреча', 'май', 'Куратор', 'Протокол']]));
    const second = table([40, 200, 400], rowsEvery(1, 60), simpleCells([['Итого', '3 мероприятия']]));
    expect(tablesOf(layoutPdf([page([first]), page([second])]))).toHaveLength(2);
  });

  it('cuts tables placed right under each other apart where their columns change', () => {
    // Two Word tables one under the other, each sized on its own: the rules touch, the columns do not line up.
    const upper = table(
      [40, 150, 350, 450],
      rowsEvery(2, 100),
      simpleCells([
        ['Мероприятие', 'Срок', 'Ответственный'],
        ['Встреча', 'май', 'Куратор'],
      ]),
    );
    const lower = table([40, 165, 330, 450], rowsEvery(2, 140), [
      { r0: 0, c0: 0, c1: 2, lines: ['2. Основной этап'] },
      ...simpleCells([['Семинар', 'июнь', 'Наставники']], 1),
    ]);
    const tables = tablesOf(layoutPdf([page([upper, lower])]));
    expect(tables.map((t) => t.rows.map((r) => r.cells))).toEqual([
      [
        ['Мероприятие', 'Срок', 'Ответственный'],
        ['Встреча', 'май', 'Куратор'],
        ['2. Основной этап', '', ''],
      ],
      [['Семинар', 'июнь', 'Наставники']],
    ]);
  });

  it('takes a border drawn a few points beside a grid line as that line (the cells stay apart)', () => {
    const upper = table([40, 150, 350, 450], rowsEvery(1, 100), simpleCells([['Встреча', 'май', 'Куратор']]));
    const lower = table([40, 153.5, 350, 450], rowsEvery(1, 120), simpleCells([['Семинар', 'июнь', 'Наставники']]));
    const [t] = tablesOf(layoutPdf([page([upper, lower])]));
    expect(t?.rows.map((r) => r.cells)).toEqual([
      ['Встреча', 'май', 'Куратор'],
      ['Семинар', 'июнь', 'Наставники'],
    ]);
  });

  it('joins a line across the table, and a row going on after a quotation mark, cut by the page back together', () => {
    const xs = [40, 70, 300, 400, 555];
    const heading = ['№', 'Мероприятие', 'Срок', 'Ответственный'];
    const first = table(xs, rowsEvery(3, 680), [
      ...simpleCells([heading, ['1', 'Публикация программы', 'май', 'зам. директора']]),
      { r0: 2, c0: 0, c1: 3, lines: ['Результат: сформирована база наставников,'] },
    ]);
    const second = table(xs, rowsEvery(3, 60), [
      ...simpleCells([heading]),
      { r0: 1, c0: 0, c1: 3, lines: ['готовых к работе'] },
      ...simpleCells([['2', 'Внесение данных о программе', 'июнь', 'зам. директора']], 2),
    ]);
    const third = table(xs, rowsEvery(3, 60), [
      ...simpleCells([heading]),
      ...simpleCells([['', '«Вместе» в базу', '', 'по ВР']], 1),
      ...simpleCells([['3', 'Итоги', 'июль', 'Куратор']], 2),
    ]);
    const [t] = tablesOf(layoutPdf([page([first]), page([second]), page([third])]));
    expect(t?.rows.map((r) => r.cells)).toEqual([
      heading,
      ['1', 'Публикация программы', 'май', 'зам. директора'],
      ['Результат: сформирована база наставников, готовых к работе', '', '', ''],
      ['2', 'Внесение данных о программе «Вместе» в базу', 'июнь', 'зам. директора по ВР'],
      ['3', 'Итоги', 'июль', 'Куратор'],
    ]);
  });

  it('joins a word cut at the cell edge, a slash and a list dash ending a line to the next line without a space', () => {
    // «И.И.Иванова,» is wider than its cell: the line breaks inside it, right at the cell's padding.
    const xs = [40, 200, 256, 420];
    const t = table(
      xs,
      [100, 160],
      [
        { r0: 0, c0: 0, lines: ['Мероприятия: -', 'знакомство; -', 'анкетирование пар/', 'групп'] },
        { r0: 0, c0: 1, lines: ['И.И.Иванов', 'а, директор'] },
        { r0: 0, c0: 2, lines: ['Петров', 'заместитель'] },
      ],
    );
    const [table1] = tablesOf(layoutPdf([page([t])]));
    expect(table1?.rows[0]?.cells).toEqual(['Мероприятия: -знакомство; -анкетирование пар/групп', 'И.И.Иванова, директор', 'Петров заместитель']);
  });

  it('keeps a sentence wrapped by the cell width in one paragraph though its line ends with a full stop', () => {
    // «Встреча наставника.» fills the cell: the next word did not fit after it, no paragraph ended there.
    const t = table(
      [40, 141, 300],
      [100, 140],
      [
        { r0: 0, c0: 0, lines: ['Встреча наставника.', 'Анкетирование'] },
        { r0: 0, c0: 1, lines: ['Семинар.', 'Обмен опытом'] },
      ],
    );
    const [table1] = tablesOf(layoutPdf([page([t])]));
    expect(table1?.rows[0]?.cells).toEqual(['Встреча наставника. Анкетирование', 'Семинар.\nОбмен опытом']);
  });

  it('joins centred lines of a cell with a space, whatever their length', () => {
    const t = table(
      [40, 100, 300],
      [100, 140],
      [
        { r0: 0, c0: 0, lines: [] },
        { r0: 0, c0: 1, lines: ['Семинар'] },
      ],
    );
    // «Ежемесячно» (50 pt) centred in a 60 pt cell reaches near its right edge; «по плану» is centred under it.
    t.runs.push(run('Ежемесячно', 45, 112), run('по плану', 50, 124));
    const [table1] = tablesOf(layoutPdf([page([t])]));
    expect(table1?.rows[0]?.cells[0]).toBe('Ежемесячно по плану');
  });

  it('reads a landscape page: a wide table, text beside it in reading order', () => {
    const xs = [30, 60, 330, 470, 640, 810];
    const t = table(
      xs,
      rowsEvery(3, 120),
      simpleCells([HEADING, ['1', 'Встреча', 'сентябрь 2024', 'Куратор', 'Протокол'], ['2', 'Семинар', 'октябрь 2024', 'Наставники', 'Отчёт']]),
    );
    const title = { runs: [run('Дорожная карта наставничества на 2024-2025 учебный год', 280, 80)] };
    const doc = layoutPdf([page([t, title], 842, 595)]);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table']);
    const preview = previewFromSource(doc, { fileName: 'x.pdf', format: 'pdf' });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.header.title).toBe('Дорожная карта наставничества на 2024-2025 учебный год');
    expect(preview.sections.flatMap((s) => s.items.map((i) => [i.number, i.activity, i.responsible]))).toEqual([
      ['1', 'Встреча', 'Куратор'],
      ['2', 'Семинар', 'Наставники'],
    ]);
  });
});

describe('layoutPdf: text outside tables', () => {
  const header = [
    ...lines(['Приложение № 2', 'к приказу от 12.03.2024 № 45-од'], 40, 60),
    ...rightLines(['УТВЕРЖДАЮ', 'Директор МБОУ «СОШ № 5»', '__________ И.И. Иванова', '«12» марта 2024 г.'], 555, 56),
    run('Дорожная карта реализации программы наставничества', 170, 140),
    run('«Вместе» на 2024-2025 учебный год', 215, 152),
  ];

  it('keeps header blocks side by side apart, the left one first, one line per paragraph', () => {
    const doc = layoutPdf([page([{ runs: header }])]);
    expect(paragraphsOf(doc)).toEqual([
      'Приложение № 2',
      'к приказу от 12.03.2024 № 45-од',
      'УТВЕРЖДАЮ',
      'Директор МБОУ «СОШ № 5»',
      '__________ И.И. Иванова',
      '«12» марта 2024 г.',
      'Дорожная карта реализации программы наставничества',
      '«Вместе» на 2024-2025 учебный год',
    ]);
    const read = readHeader(paragraphsOf(doc));
    expect(read.title).toBe('Дорожная карта реализации программы наставничества «Вместе» на 2024-2025 учебный год');
    expect(read.approval?.name).toBe('И.И. Иванова');
    expect(read.approval?.position).toBe('Директор');
    expect(read.approval?.date).toBe('2024-03-12');
    expect(read.programmeName).toBe('Вместе');
  });

  it('joins the lines of a wrapped sentence, splits words into one line with spaces', () => {
    const words = [run('Программа', 40, 300), run('реализуется', 97, 300), run('в', 155, 300), run('течение', 162, 300)];
    const doc = layoutPdf([
      page([
        { runs: words },
        {
          runs: lines(
            ['Настоящая дорожная карта определяет порядок работы наставников и', 'наставляемых в течение учебного года.', 'Контроль оставляю за собой.'],
            40,
            400,
          ),
        },
      ]),
    ]);
    expect(paragraphsOf(doc)).toEqual([
      'Программа реализуется в течение',
      'Настоящая дорожная карта определяет порядок работы наставников и наставляемых в течение учебного года.',
      'Контроль оставляю за собой.',
    ]);
  });

  it('reads a table drawn without rules from its aligned columns, row by row', () => {
    const rows = [
      ['№', 'Мероприятие', 'Срок', 'Ответственный'],
      ['1', 'Встреча наставников', 'сентябрь 2024', 'Куратор'],
      ['', 'и наставляемых', '', ''],
      ['2', 'Семинар', 'октябрь 2024', 'Педагог-психолог'],
      ['3', 'Анкетирование', 'ноябрь 2024', 'Куратор'],
    ];
    const xs = [40, 70, 250, 360];
    const runs = rows.flatMap((r, i) => r.flatMap((text, c) => (text ? [run(text, xs[c] as number, 200 + i * 14)] : [])));
    const title = run('Дорожная карта наставничества на 2024-2025 учебный год', 120, 150);
    const doc = layoutPdf([page([{ runs: [title, ...runs] }])]);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table']);
    expect(tablesOf(doc)[0]?.rows.map((r) => r.cells)).toEqual(rows);
    const preview = previewFromSource(doc, { fileName: 'x.pdf', format: 'pdf' });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.sections.flatMap((s) => s.items.map((i) => [i.number, i.activity, i.deadlineText, i.responsible]))).toEqual([
      ['1', 'Встреча наставников и наставляемых', 'сентябрь 2024', 'Куратор'],
      ['2', 'Семинар', 'октябрь 2024', 'Педагог-психолог'],
      ['3', 'Анкетирование', 'ноябрь 2024', 'Куратор'],
    ]);
  });

  it('keeps three approval blocks side by side as text, left to right', () => {
    const blocks = [
      ['СОГЛАСОВАНО', 'Председатель ПК', '_____ А.А. Петров'],
      ['ПРИНЯТО', 'педагогическим советом', 'протокол № 1'],
      ['УТВЕРЖДАЮ', 'Директор', '_____ И.И. Иванова'],
    ];
    const runs = blocks.flatMap((lines, b) => lines.map((text, i) => run(text, 40 + b * 190, 60 + i * 12)));
    const doc = layoutPdf([page([{ runs }])]);
    expect(paragraphsOf(doc)).toEqual(blocks.flat());
    expect(doc.blocks.map((b) => b.kind)).toEqual(Array(9).fill('paragraph'));
  });

  it('gives an empty document for pages without text', () => {
    expect(layoutPdf([page([])]).blocks).toEqual([]);
    expect(layoutPdf([]).blocks).toEqual([]);
  });
});
