import { decodeXml } from './encoding.js';
import { cleanCellText } from './text.js';
import { attribute, scanXml } from './xml.js';
import { toGrid, MAX_COLUMNS, type RawCell, type RawRow, type SourceBlock, type SourceDocument } from './source.js';
import type { ZipArchive } from './zip.js';

/**
 * Excel workbooks: every worksheet (in workbook order) becomes a table; shared strings, inline
 * strings, numbers and dates (by the cell's number format) are read as text; merged ranges become
 * spans and vertical merges. Rows above the heading row (approval blocks, the title) are split off
 * later, by the table chooser.
 */

const MAX_SHEETS = 20;
const MAX_ROWS = 20000;
const MAX_MERGES = 5000;

function readSharedStrings(xml: string | null): string[] {
  const strings: string[] = [];
  if (!xml) return strings;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  scanXml(xml, {
    open(name, _attrs, selfClosing) {
      if (name === 'si') current = [];
      else if (name === 'rPh' && !selfClosing) phonetic++;
      else if (name === 't' && !selfClosing) inText = true;
    },
    close(name) {
      if (name === 'si') {
        strings.push((current ?? []).join(''));
        current = null;
      } else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
      else if (name === 't') inText = false;
    },
    text(text) {
      if (current && inText && phonetic === 0) current.push(text);
    },
  });
  return strings;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** Which cell styles (by index) show numbers as dates. */
function readDateStyles(xml: string | null): Set<number> {
  const dates = new Set<number>();
  if (!xml) return dates;
  const customDate = new Set<number>();
  let inCellXfs = false;
  let index = 0;
  scanXml(xml, {
    open(name, attrs) {
      if (name === 'numFmt') {
        const id = Number(attribute(attrs, 'numFmtId'));
        const code = (attribute(attrs, 'formatCode') ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').toLowerCase();
        if (/[dy]|m{3,}/.test(code) || (/m/.test(code) && /[dy]/.test(code))) customDate.add(id);
      } else if (name === 'cellXfs') {
        inCellXfs = true;
        index = 0;
      } else if (name === 'xf' && inCellXfs) {
        const id = Number(attribute(attrs, 'numFmtId') ?? 0);
        if (BUILTIN_DATE_FORMATS.has(id) || customDate.has(id)) dates.add(index);
        index++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return dates;
}

/** Excel's day number (1900 system) as ДД.ММ.ГГГГ. */
export function excelSerialToRu(serial: number): string {
  const days = Math.floor(serial);
  const ms = Date.UTC(1899, 11, 30) + days * 86400000;
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
}

/** «B12» → { row: 12, col: 1 } (0-based column). */
function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of (m[1] as string).toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col: col - 1 };
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function readSheet(xml: string, shared: string[], dateStyles: Set<number>): { rows: RawRow[]; clipped: boolean } {
  const cells = new Map<number, Map<number, string>>();
  const merges: Merge[] = [];
  let rowNumber = 0;
  let nextCol = 0;
  let cell: { col: number; type: string; style: number; value: string[]; inline: string[] } | null = null;
  let inValue = false;
  let inInlineText = false;
  let clipped = false;

  scanXml(xml, {
    open(name, attrs, selfClosing) {
      switch (name) {
        case 'row': {
          const r = Number(attribute(attrs, 'r'));
          rowNumber = Number.isFinite(r) && r > 0 ? r : rowNumber + 1;
          nextCol = 0;
          break;
        }
        case 'c': {
          const ref = parseRef(attribute(attrs, 'r') ?? '');
          const col = ref ? ref.col : nextCol;
          if (ref) rowNumber = ref.row;
          nextCol = col + 1;
          cell = { col, type: attribute(attrs, 't') ?? 'n', style: Number(attribute(attrs, 's') ?? 0), value: [], inline: [] };
          if (selfClosing) cell = null;
          break;
        }
        case 'v':
          inValue = !selfClosing;
          break;
        case 't':
          inInlineText = !selfClosing && cell !== null;
          break;
        case 'mergeCell': {
          const [a, b] = (attribute(attrs, 'ref') ?? '').split(':');
          const from = parseRef(a ?? '');
          const to = parseRef(b ?? a ?? '');
          if (from && to) {
            merges.push({
              top: Math.min(from.row, to.row),
              bottom: Math.max(from.row, to.row),
              left: Math.min(from.col, to.col),
              right: Math.max(from.col, to.col),
            });
          }
          break;
        }
      }
    },
    close(name) {
      if (name === 'v') inValue = false;
      else if (name === 't') inInlineText = false;
      else if (name === 'c' && cell) {
        const c = cell;
        cell = null;
        let text = '';
        const raw = c.value.join('');
        if (c.type === 's') text = shared[Number(raw)] ?? '';
        else if (c.type === 'inlineStr') text = c.inline.join('');
        else if (c.type === 'str' || c.type === 'e') text = raw;
        else if (c.type === 'b') text = raw === '1' ? 'ИСТИНА' : raw === '0' ? 'ЛОЖЬ' : raw;
        else if (raw !== '') {
          const n = Number(raw);
          text = !Number.isFinite(n) ? raw : dateStyles.has(c.style) && n > 0 && n < 2958466 ? excelSerialToRu(n) : String(n);
        }
        text = cleanCellText(text);
        if (!text) return;
        if (c.col >= MAX_COLUMNS) clipped = true;
        let row = cells.get(rowNumber);
        if (!row) {
          if (cells.size >= MAX_ROWS) {
            clipped = true;
            return;
          }
          row = new Map();
          cells.set(rowNumber, row);
        }
        const col = Math.min(c.col, MAX_COLUMNS - 1);
        const before = row.get(col);
        row.set(col, before ? `${before}\n${text}` : text);
      }
    },
    text(text) {
      if (!cell) return;
      if (inValue) cell.value.push(text);
      else if (inInlineText) cell.inline.push(text);
    },
  });

  // Rows to lay out: those with text, and those inside vertical merges (capped).
  const rowNumbers = new Set(cells.keys());
  if (merges.length > MAX_MERGES) clipped = true;
  let budget = MAX_ROWS * 4;
  for (const m of merges.slice(0, MAX_MERGES)) {
    for (let r = m.top; r <= m.bottom && rowNumbers.size < MAX_ROWS && budget > 0; r++, budget--) rowNumbers.add(r);
  }
  const sorted = [...rowNumbers].sort((a, b) => a - b);
  // Index merges by their rows so the lookup stays cheap on large sheets.
  const byRow = new Map<number, Merge[]>();
  let expanded = 0;
  for (const m of merges.slice(0, MAX_MERGES)) {
    if (m.bottom - m.top > MAX_ROWS) continue;
    expanded += m.bottom - m.top + 1;
    if (expanded > MAX_ROWS * 4) {
      clipped = true;
      break;
    }
    for (let r = m.top; r <= m.bottom; r++) {
      const list = byRow.get(r) ?? [];
      list.push(m);
      byRow.set(r, list);
    }
  }
  const rows: RawRow[] = [];
  for (const r of sorted) {
    const row = cells.get(r) ?? new Map<number, string>();
    const rowMerges = byRow.get(r) ?? [];
    let maxCol = -1;
    for (const col of row.keys()) maxCol = Math.max(maxCol, col);
    for (const m of rowMerges) maxCol = Math.max(maxCol, Math.min(m.right, MAX_COLUMNS - 1));
    const raw: RawCell[] = [];
    let pendingSkip = 0;
    for (let col = 0; col <= maxCol;) {
      const m = rowMerges.find((x) => col >= x.left && col <= x.right);
      if (m) {
        const span = Math.min(m.right, MAX_COLUMNS - 1) - col + 1;
        const text = row.get(col) ?? '';
        const cellOut: RawCell = r === m.top ? { text, span, vMerge: m.bottom > m.top ? 'restart' : null } : { text: '', span, vMerge: 'continue' };
        if (pendingSkip) cellOut.skipBefore = pendingSkip;
        pendingSkip = 0;
        raw.push(cellOut);
        col += span;
        continue;
      }
      const text = row.get(col);
      if (text === undefined) {
        pendingSkip++;
      } else {
        const cellOut: RawCell = { text, span: 1, vMerge: null };
        if (pendingSkip) cellOut.skipBefore = pendingSkip;
        pendingSkip = 0;
        raw.push(cellOut);
      }
      col++;
    }
    rows.push({ cells: raw, source: r });
  }
  return { rows, clipped };
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** Worksheet part names in workbook order. */
function sheetNames(zip: ZipArchive): Array<{ name: string; part: string }> {
  const workbook = zip.read('xl/workbook.xml');
  const relsBytes = zip.read('xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  if (relsBytes) {
    scanXml(decodeXml(relsBytes), {
      open(name, attrs) {
        if (name === 'Relationship') targets.set(attribute(attrs, 'Id') ?? '', resolveTarget(attribute(attrs, 'Target') ?? ''));
      },
      close() {},
      text() {},
    });
  }
  const sheets: Array<{ name: string; part: string }> = [];
  if (workbook) {
    scanXml(decodeXml(workbook), {
      open(name, attrs) {
        if (name !== 'sheet') return;
        const part = targets.get(attribute(attrs, 'r:id') ?? '');
        if (part && zip.has(part)) sheets.push({ name: attribute(attrs, 'name') ?? '', part });
      },
      close() {},
      text() {},
    });
  }
  if (!sheets.length) {
    for (const part of zip.names()) {
      if (/^xl\/worksheets\/sheet\d+\.xml$/.test(part)) sheets.push({ name: part, part });
    }
    sheets.sort((a, b) => a.part.localeCompare(b.part, 'en', { numeric: true }));
  }
  return sheets.slice(0, MAX_SHEETS);
}

/**
 * A few short rows below the table after an empty row («Исполнитель: …», a signature) are text after
 * the table, not rows of it.
 */
function splitTrailing(rows: RawRow[]): { table: RawRow[]; trailing: string[] } {
  let gap = -1;
  for (let i = rows.length - 1; i > 0; i--) {
    if ((rows[i] as RawRow).source - (rows[i - 1] as RawRow).source > 1) {
      gap = i;
      break;
    }
  }
  if (gap < 0 || rows.length - gap > 5) return { table: rows, trailing: [] };
  const tail = rows.slice(gap);
  const short = tail.every((r) => {
    const texts = r.cells.map((c) => c.text).filter(Boolean);
    return texts.length <= 2 && !texts.some((t) => /^\d{1,2}(?:\.\d{1,3})*\.?(?:\s|$)/.test(t));
  });
  if (!short) return { table: rows, trailing: [] };
  return {
    table: rows.slice(0, gap),
    trailing: tail
      .map((r) =>
        r.cells
          .map((c) => c.text)
          .filter(Boolean)
          .join(' '),
      )
      .filter(Boolean),
  };
}

export function readXlsx(zip: ZipArchive): SourceDocument {
  const sharedBytes = zip.read('xl/sharedStrings.xml');
  const shared = readSharedStrings(sharedBytes ? decodeXml(sharedBytes) : null);
  const stylesBytes = zip.read('xl/styles.xml');
  const dateStyles = readDateStyles(stylesBytes ? decodeXml(stylesBytes) : null);
  const blocks: SourceBlock[] = [];
  const warnings: string[] = [];
  for (const sheet of sheetNames(zip)) {
    const bytes = zip.read(sheet.part);
    if (!bytes) continue;
    const { rows, clipped } = readSheet(decodeXml(bytes), shared, dateStyles);
    if (clipped) warnings.push(`Лист «${sheet.name}»: слишком много строк или столбцов — лишние не прочитаны`);
    const { table, trailing } = splitTrailing(rows);
    if (table.length) blocks.push({ kind: 'table', table: toGrid(table) });
    for (const text of trailing) blocks.push({ kind: 'paragraph', text });
  }
  return { blocks, rowLabel: 'строка листа', warnings };
}
