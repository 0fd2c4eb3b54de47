import { decodeXml } from './encoding.js';
import { cleanCellText, cleanParagraph } from './text.js';
import { attribute, scanXml } from './xml.js';
import { alignToColumns } from './docx-grid.js';
import { toGrid, type RawCell, type RawRow, type SourceBlock, type SourceDocument, type SourceTable } from './source.js';
import type { ZipArchive } from './zip.js';

/**
 * Word documents: `word/document.xml` read with the tiny XML scanner. Paragraphs of the body become
 * paragraphs; tables (`w:tbl/w:tr/w:tc`) become grids with `w:gridSpan`, `w:gridBefore`,
 * `w:hMerge` and `w:vMerge` resolved; a table nested in a cell becomes lines of that cell. Automatic
 * list numbering (`w:numPr`, decimal/letter/roman/bullet levels of `word/numbering.xml`) is written
 * out, so an auto-numbered «№» column reads «1.1.» as in Word. Deleted revisions, old property
 * values of tracked changes and the fallback copies of text boxes are skipped.
 */

interface Level {
  start: number;
  format: string;
  text: string;
}

interface Numbering {
  nums: Map<string, { abstractId: string; starts: Map<number, number> }>;
  abstracts: Map<string, Map<number, Level>>;
}

function readNumbering(xml: string | null): Numbering {
  const numbering: Numbering = { nums: new Map(), abstracts: new Map() };
  if (!xml) return numbering;
  let abstract: Map<number, Level> | null = null;
  let level: Level | null = null;
  let num: { abstractId: string; starts: Map<number, number> } | null = null;
  let override: number | null = null;
  scanXml(xml, {
    open(name, attrs) {
      switch (name) {
        case 'w:abstractNum':
          abstract = new Map();
          numbering.abstracts.set(attribute(attrs, 'w:abstractNumId') ?? '', abstract);
          break;
        case 'w:lvl':
          if (abstract) {
            level = { start: 1, format: 'decimal', text: '' };
            abstract.set(Number(attribute(attrs, 'w:ilvl') ?? 0), level);
          }
          break;
        case 'w:start':
          if (level) level.start = Number(attribute(attrs, 'w:val') ?? 1) || 0;
          break;
        case 'w:numFmt':
          if (level) level.format = attribute(attrs, 'w:val') ?? 'decimal';
          break;
        case 'w:lvlText':
          if (level) level.text = attribute(attrs, 'w:val') ?? '';
          break;
        case 'w:num':
          num = { abstractId: '', starts: new Map() };
          numbering.nums.set(attribute(attrs, 'w:numId') ?? '', num);
          break;
        case 'w:abstractNumId':
          if (num) num.abstractId = attribute(attrs, 'w:val') ?? '';
          break;
        case 'w:lvlOverride':
          override = Number(attribute(attrs, 'w:ilvl') ?? 0);
          break;
        case 'w:startOverride':
          if (num && override !== null) num.starts.set(override, Number(attribute(attrs, 'w:val') ?? 1));
          break;
      }
    },
    close(name) {
      if (name === 'w:abstractNum') abstract = null;
      else if (name === 'w:lvl') level = null;
      else if (name === 'w:num') num = null;
      else if (name === 'w:lvlOverride') override = null;
    },
    text() {},
  });
  return numbering;
}

const RU_LETTERS = 'абвгдежзиклмнопрстуфхцчшщэюя';

function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  let rest = Math.max(0, Math.min(n, 3999));
  for (const [value, letters] of table) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

function formatCounter(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return String.fromCharCode(97 + ((n - 1) % 26));
    case 'upperLetter':
      return String.fromCharCode(65 + ((n - 1) % 26));
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'russianLower':
      return RU_LETTERS[(n - 1) % RU_LETTERS.length] ?? '';
    case 'russianUpper':
      return (RU_LETTERS[(n - 1) % RU_LETTERS.length] ?? '').toUpperCase();
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'none':
      return '';
    default:
      return String(n);
  }
}

class ListCounters {
  private counters = new Map<string, number[]>();
  constructor(private readonly numbering: Numbering) {}

  /** The label of the next paragraph of list `numId` at `ilvl` («1.1.», «–»), or ''. */
  next(numId: string, ilvl: number): string {
    const num = this.numbering.nums.get(numId);
    if (!num) return '';
    const levels = this.numbering.abstracts.get(num.abstractId);
    const level = levels?.get(ilvl);
    if (!levels || !level) return '';
    if (level.format === 'bullet') return '–';
    const start = (l: number) => num.starts.get(l) ?? levels.get(l)?.start ?? 1;
    const counters = this.counters.get(numId) ?? [];
    counters[ilvl] = counters[ilvl] === undefined ? start(ilvl) : (counters[ilvl] as number) + 1;
    counters.length = ilvl + 1; // deeper levels restart
    this.counters.set(numId, counters);
    return level.text.replace(/%([1-9])/g, (_, k: string) => {
      const l = Number(k) - 1;
      return formatCounter(counters[l] ?? start(l), levels.get(l)?.format ?? 'decimal');
    });
  }
}

/** Elements whose content is never text of the document. */
const SKIPPED = new Set([
  'mc:Fallback',
  'w:pPrChange',
  'w:rPrChange',
  'w:tblPrChange',
  'w:tcPrChange',
  'w:trPrChange',
  'w:sectPrChange',
  'w:del',
  'w:moveFrom',
]);

const MAX_DEPTH = 2000;

interface ParagraphState {
  parts: string[];
  numId: string | null;
  ilvl: number;
}

interface CellState {
  paragraphs: string[];
  span: number;
  vMerge: 'restart' | 'continue' | null;
  hMergeContinue: boolean;
}

interface TableState {
  rows: RawRow[];
  row: RawCell[] | null;
  gridBefore: number;
  cell: CellState | null;
  /** Widths of the grid columns (`w:tblGrid/w:gridCol`, twips), to measure how much cells overlap. */
  gridWidths: number[];
}

export function readDocx(zip: ZipArchive): SourceDocument {
  const documentBytes = zip.read('word/document.xml');
  if (!documentBytes) throw new Error('word/document.xml missing');
  const numberingBytes = zip.read('word/numbering.xml');
  const numbering = readNumbering(numberingBytes ? decodeXml(numberingBytes) : null);
  return readDocumentXml(decodeXml(documentBytes), numbering);
}

export function readDocumentXml(xml: string, numbering: Numbering = { nums: new Map(), abstracts: new Map() }): SourceDocument {
  const counters = new ListCounters(numbering);
  const blocks: SourceBlock[] = [];
  const stack: string[] = [];
  const paragraphs: ParagraphState[] = [];
  const tables: TableState[] = [];
  let skip = 0;

  // How many elements of each name are open, so that «inside w:pPr» is a constant-time question.
  const openCount = new Map<string, number>();
  const inside = (name: string) => (openCount.get(name) ?? 0) > 0;
  const push = (name: string) => {
    if (stack.length >= MAX_DEPTH) throw new Error('document nested too deeply');
    stack.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };
  const popTo = (name: string) => {
    // Well-formed documents close the innermost element; a stray end tag is ignored.
    const from = Math.max(0, stack.length - 32);
    for (let i = stack.length - 1; i >= from; i--) {
      if (stack[i] !== name) continue;
      while (stack.length > i) {
        const top = stack.pop() as string;
        openCount.set(top, (openCount.get(top) ?? 1) - 1);
      }
      return;
    }
  };
  const parent = () => stack[stack.length - 1];
  const currentTable = () => tables[tables.length - 1];

  const emitParagraph = (text: string) => {
    const table = currentTable();
    if (table?.cell) table.cell.paragraphs.push(text);
    else if (!table) {
      const clean = cleanParagraph(text);
      if (clean) blocks.push({ kind: 'paragraph', text: clean });
    }
  };

  const flattenTable = (grid: SourceTable): string[] => grid.rows.map((row) => row.cells.filter(Boolean).join(' ')).filter((line) => line.trim() !== '');

  scanXml(xml, {
    open(name, attrs, selfClosing) {
      if (skip > 0) {
        if (SKIPPED.has(name) && !selfClosing) skip++;
        return;
      }
      if (SKIPPED.has(name)) {
        if (!selfClosing) skip = 1;
        return;
      }
      const paragraph = paragraphs[paragraphs.length - 1];
      const table = currentTable();
      switch (name) {
        case 'w:p':
          paragraphs.push({ parts: [], numId: null, ilvl: 0 });
          break;
        case 'w:numId':
          if (paragraph && inside('w:pPr') && inside('w:numPr')) paragraph.numId = attribute(attrs, 'w:val');
          break;
        case 'w:ilvl':
          if (paragraph && inside('w:pPr') && inside('w:numPr')) paragraph.ilvl = Number(attribute(attrs, 'w:val') ?? 0) || 0;
          break;
        case 'w:tab':
          if (paragraph && parent() === 'w:r') paragraph.parts.push(tables.length ? ' ' : '\t');
          break;
        case 'w:br':
        case 'w:cr':
          if (paragraph && parent() === 'w:r') paragraph.parts.push('\n');
          break;
        case 'w:noBreakHyphen':
          if (paragraph && parent() === 'w:r') paragraph.parts.push('-');
          break;
        case 'w:tbl':
          tables.push({ rows: [], row: null, gridBefore: 0, cell: null, gridWidths: [] });
          break;
        case 'w:gridCol':
          // The grid of the table itself, not the old one of a tracked change.
          if (table && inside('w:tblGrid') && !inside('w:tblGridChange') && table.gridWidths.length < 4096)
            table.gridWidths.push(Math.max(0, Number(attribute(attrs, 'w:w') ?? 0) || 0));
          break;
        case 'w:tr':
          if (table) {
            table.row = [];
            table.gridBefore = 0;
          }
          break;
        case 'w:gridBefore':
          if (table && inside('w:trPr')) table.gridBefore = Math.min(Number(attribute(attrs, 'w:val') ?? 0) || 0, 64);
          break;
        case 'w:tc':
          if (table) table.cell = { paragraphs: [], span: 1, vMerge: null, hMergeContinue: false };
          break;
        case 'w:gridSpan':
          if (table?.cell && inside('w:tcPr')) table.cell.span = Math.min(Math.max(Number(attribute(attrs, 'w:val') ?? 1) || 1, 1), 64);
          break;
        case 'w:vMerge':
          if (table?.cell && inside('w:tcPr')) table.cell.vMerge = attribute(attrs, 'w:val') === 'restart' ? 'restart' : 'continue';
          break;
        case 'w:hMerge':
          if (table?.cell && inside('w:tcPr')) table.cell.hMergeContinue = attribute(attrs, 'w:val') !== 'restart';
          break;
      }
      if (!selfClosing) push(name);
    },
    close(name) {
      if (skip > 0) {
        if (SKIPPED.has(name)) skip--;
        return;
      }
      popTo(name);
      const table = currentTable();
      switch (name) {
        case 'w:p': {
          const paragraph = paragraphs.pop();
          if (!paragraph) break;
          let text = paragraph.parts.join('');
          if (paragraph.numId && paragraph.numId !== '0') {
            const label = counters.next(paragraph.numId, paragraph.ilvl);
            if (label) text = text ? `${label} ${text}` : label;
          }
          emitParagraph(text);
          break;
        }
        case 'w:tc':
          if (table?.row && table.cell) {
            const cell = table.cell;
            const text = cleanCellText(cell.paragraphs.join('\n'));
            const previous = table.row[table.row.length - 1];
            if (cell.hMergeContinue && previous) {
              previous.span += cell.span;
              if (text) previous.text = previous.text ? `${previous.text}\n${text}` : text;
            } else {
              const raw: RawCell = { text, span: cell.span, vMerge: cell.vMerge };
              if (table.row.length === 0 && table.gridBefore) raw.skipBefore = table.gridBefore;
              table.row.push(raw);
            }
          }
          if (table) table.cell = null;
          break;
        case 'w:tr':
          if (table?.row) table.rows.push({ cells: table.row, source: table.rows.length + 1 });
          if (table) table.row = null;
          break;
        case 'w:tbl': {
          const done = tables.pop();
          if (!done) break;
          const grid = toGrid(alignToColumns(done.rows, done.gridWidths));
          const outer = currentTable();
          if (outer) {
            // A table inside a cell: its rows become lines of the cell.
            if (outer.cell) outer.cell.paragraphs.push(...flattenTable(grid));
          } else if (grid.rows.length) {
            blocks.push({ kind: 'table', table: grid });
          }
          break;
        }
      }
    },
    text(text) {
      if (skip > 0) return;
      if (parent() !== 'w:t') return;
      const paragraph = paragraphs[paragraphs.length - 1];
      if (paragraph) paragraph.parts.push(text);
    },
  });
  return { blocks, rowLabel: 'строка таблицы', warnings: [] };
}
