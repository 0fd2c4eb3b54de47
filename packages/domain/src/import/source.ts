/**
 * What every reader (.txt, .docx, .xlsx) turns a document into: paragraphs and tables, in document
 * order. Tables are already laid out on a grid: a cell spanning several columns sits in its first
 * column, a vertically merged cell repeats nothing but remembers the text it continues (`merged`).
 */

export interface TableRow {
  /** Cleaned cell texts, one per grid column. */
  cells: string[];
  /** For a cell continuing a vertical merge: the text of the merge's first cell, else null. */
  merged: Array<string | null>;
  /** One cell spans the whole width of the table (a section heading in Word). */
  fullWidth: boolean;
  /** The row's number in the source: line of a .txt, row of a Word table, row of a sheet. */
  source: number;
  /** Cells the source row had, when fewer than the table's columns may mean a dropped column (.txt). */
  count?: number;
}

export interface SourceTable {
  width: number;
  rows: TableRow[];
}

export type SourceBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; table: SourceTable };

export interface SourceDocument {
  blocks: SourceBlock[];
  /** How rows are called in messages: «строка файла», «строка таблицы», «строка листа». */
  rowLabel: string;
  warnings: string[];
}

/** A cell as a reader sees it, before it is put on the grid. */
export interface RawCell {
  text: string;
  /** Grid columns covered (Word gridSpan, Excel merge width). */
  span: number;
  /** Word vMerge: 'restart' begins a vertical merge, 'continue' goes on with the one above. */
  vMerge: 'restart' | 'continue' | null;
  /** Empty grid columns before this cell (Word gridBefore). */
  skipBefore?: number;
}

export interface RawRow {
  cells: RawCell[];
  source: number;
  /** The cells the source line had (a .txt row), kept on the grid row as `count`. */
  count?: number;
}

/**
 * The usual width of a table's rows (the most frequent cell count, the larger on a tie): a stray row
 * with far more cells than the rest must not widen the table. Rows wider than that keep their extra
 * text in their last cell.
 */
export function foldWideRows(rawRows: readonly RawRow[]): RawRow[] {
  const counts = new Map<number, number>();
  for (const r of rawRows) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
  let usual = 0;
  let seen = 0;
  for (const [count, n] of counts) if (n > seen || (n === seen && count > usual)) [usual, seen] = [count, n];
  if (seen < 2 || rawRows.length < 3) return [...rawRows];
  return rawRows.map((r) => {
    if (r.cells.length <= usual) return r;
    const kept = r.cells.slice(0, usual).map((c) => ({ ...c }));
    const extra = r.cells
      .slice(usual)
      .map((c) => c.text)
      .filter(Boolean);
    const last = kept[usual - 1] as RawCell;
    last.text = [last.text, ...extra].filter(Boolean).join(' ');
    return { ...r, cells: kept };
  });
}

/** Hard cap on the grid width: wider tables keep their extra text in the last column. */
export const MAX_COLUMNS = 64;

/** Lays raw rows on a grid, resolving horizontal spans and vertical merges. */
export function toGrid(rawRows: readonly RawRow[]): SourceTable {
  let width = 0;
  for (const row of rawRows) {
    let w = 0;
    for (const cell of row.cells) w += (cell.skipBefore ?? 0) + Math.max(1, cell.span);
    width = Math.max(width, w);
  }
  width = Math.min(Math.max(width, 1), MAX_COLUMNS);

  const rows: TableRow[] = [];
  let above: Array<{ text: string; merged: boolean } | null> = [];
  for (const raw of rawRows) {
    const cells = new Array<string>(width).fill('');
    const merged = new Array<string | null>(width).fill(null);
    const here: Array<{ text: string; merged: boolean } | null> = new Array(width).fill(null);
    let col = 0;
    let fullWidth = false;
    let nonEmpty = 0;
    for (const cell of raw.cells) {
      col += cell.skipBefore ?? 0;
      const span = Math.max(1, cell.span);
      const at = Math.min(col, width - 1);
      if (cell.vMerge === 'continue') {
        const origin = above[at];
        const originText = origin ? origin.text : '';
        merged[at] = originText;
        // Text typed into a continuing cell (rare) is still kept.
        if (cell.text) cells[at] = joinCell(cells[at] as string, cell.text);
        for (let c = at; c < Math.min(width, at + span); c++) here[c] = { text: originText, merged: true };
      } else {
        cells[at] = joinCell(cells[at] as string, cell.text);
        for (let c = at; c < Math.min(width, at + span); c++) here[c] = { text: cell.text, merged: false };
        if (cell.text) nonEmpty++;
        if (span >= width && width > 1) fullWidth = true;
      }
      col += span;
    }
    if (fullWidth && nonEmpty !== 1) fullWidth = false;
    rows.push({ cells, merged, fullWidth, source: raw.source, ...(raw.count !== undefined ? { count: raw.count } : {}) });
    above = here;
  }
  return { width, rows };
}

function joinCell(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return `${a}\n${b}`;
}
