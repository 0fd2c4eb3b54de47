// The browser build of csv-parse: this module runs in the admin (the editor's paste) as well.
import { parse } from 'csv-parse/browser/esm/sync';
import { headingScore, matchHeading } from './columns.js';
import { IMPORT_FIELDS, type ImportField } from './types.js';

/**
 * Rows copied from Excel or Word and pasted into the roadmap editor's grid: the clipboard's text
 * (tab-separated, Excel's quoting) read into cells, then the cells matched to the item fields —
 * by a heading row when the first row names the columns («Мероприятие», «Сроки», «Ответственные»…,
 * the import's own vocabulary), else from the cell the paste landed in rightwards.
 */

/**
 * Tab-separated text as Excel puts it on the clipboard: rows end with CRLF, a cell holding a line
 * break or a quote is quoted (`"строка 1\nстрока 2"`, `""` for a quote). Cells are trimmed; empty
 * rows are dropped. Text that is not valid Excel quoting (Word's plain text: a quote at the start
 * of a cell, never closed) is read line by line, tab by tab, as written.
 */
export function parsePastedText(text: string): string[][] {
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: '\t', relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true });
  } catch {
    rows = text.split(/\r\n|\r|\n/).map((line) => line.split('\t'));
  }
  return rows.map((row) => row.map((cell) => cell.trim())).filter((row) => row.some((cell) => cell !== ''));
}

/** More than one cell: a paste that becomes rows (a single cell is ordinary text for the cell). */
export function isTablePaste(rows: readonly (readonly string[])[]): boolean {
  return rows.length > 1 || (rows[0]?.length ?? 0) > 1;
}

export type PastedItem = Partial<Record<ImportField, string>>;

export interface PastedRows {
  /** The first row named the columns and was used to match them (it is not an item). */
  byHeading: boolean;
  /** The field each pasted column went to (null: left out — past the last field, or an unknown heading). */
  columns: Array<ImportField | null>;
  items: PastedItem[];
}

/** The fields a heading row names, column by column (a field named twice goes to the first column). */
function headingColumns(row: readonly string[]): Array<ImportField | null> {
  const taken = new Set<ImportField>();
  return row.map((cell) => {
    const field = matchHeading(cell)?.field ?? null;
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/**
 * Pasted rows → items. `startField` is the field of the cell pasted into: without a heading row the
 * first pasted column goes there, the next to the field after it (in `IMPORT_FIELDS` order, the
 * grid's order), and so on. A first row with at least two recognised headings (as the import
 * decides) maps the columns by heading instead and is not an item itself.
 */
export function mapPastedRows(rows: readonly (readonly string[])[], startField: ImportField): PastedRows {
  const first = rows[0] ?? [];
  if (rows.length > 1 && headingScore(first) >= 2) {
    const columns = headingColumns(first);
    if (columns.filter(Boolean).length >= 2) return { byHeading: true, columns, items: toItems(rows.slice(1), columns) };
  }
  // The item's own fields, in the editor's order (a stage or a document column is a table's, not a paste's).
  const order: ImportField[] = IMPORT_FIELDS.filter((f) => f !== 'stage' && f !== 'document');
  const start = order.indexOf(startField);
  const width = Math.max(0, ...rows.map((row) => row.length));
  const columns = Array.from({ length: width }, (_, j) => order[start + j] ?? null);
  return { byHeading: false, columns, items: toItems(rows, columns) };
}

function toItems(rows: readonly (readonly string[])[], columns: ReadonlyArray<ImportField | null>): PastedItem[] {
  const items: PastedItem[] = [];
  for (const row of rows) {
    const item: PastedItem = {};
    row.forEach((cell, j) => {
      const field = columns[j];
      if (field) item[field] = cell;
    });
    if (Object.values(item).some((value) => value)) items.push(item);
  }
  return items;
}
