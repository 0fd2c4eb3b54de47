import { readXlsx } from '../import/xlsx.js';
import { DEFAULT_ZIP_LIMITS, isZip, ZipArchive, ZipError } from '../import/zip.js';

export const SPREADSHEET_MESSAGES_RU = {
  corrupt: 'Файл XLSX повреждён или это не таблица Excel: сохраните его в Excel как «Книга Excel (*.xlsx)» или загрузите CSV',
  bomb: 'Файл XLSX распаковывается в слишком большой объём: разделите базу на несколько файлов',
  noTable: 'На первом листе книги нет таблицы: строка заголовков и строки участников',
  binary: 'Загрузите файл XLSX (книга Excel) или CSV (разделитель «;» или «,», кодировка UTF-8)',
} as const;

/** `rows[0]` is the sheet's row `headerRowNumber` (the header); empty rows in between are kept as `[]`, so rows keep their sheet numbers. */
export type SpreadsheetRows = { ok: true; rows: string[][]; headerRowNumber: number } | { ok: false; message: string };

/** Whether the bytes are a ZIP container (an .xlsx book) — decided by content, not by the file name. */
export function isSpreadsheetZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && isZip(bytes);
}

/**
 * The rows of the first sheet of an .xlsx book as cell texts (dates as ДД.ММ.ГГГГ, numbers as
 * written), the header row first. Never throws: a broken book gives a Russian message.
 */
export function readFirstSheetRows(bytes: Uint8Array): SpreadsheetRows {
  let zip: ZipArchive;
  try {
    zip = new ZipArchive(bytes, DEFAULT_ZIP_LIMITS);
  } catch (error) {
    return { ok: false, message: error instanceof ZipError && error.kind === 'bomb' ? SPREADSHEET_MESSAGES_RU.bomb : SPREADSHEET_MESSAGES_RU.corrupt };
  }
  if (!zip.has('xl/workbook.xml') && !zip.names().some((n) => n.startsWith('xl/worksheets/'))) return { ok: false, message: SPREADSHEET_MESSAGES_RU.corrupt };
  let document;
  try {
    document = readXlsx(zip);
  } catch (error) {
    return { ok: false, message: error instanceof ZipError && error.kind === 'bomb' ? SPREADSHEET_MESSAGES_RU.bomb : SPREADSHEET_MESSAGES_RU.corrupt };
  }
  const at = document.blocks.findIndex((b) => b.kind === 'table');
  const first = document.blocks[at];
  if (!first || first.kind !== 'table') return { ok: false, message: SPREADSHEET_MESSAGES_RU.noTable };
  // The reader takes a few short rows after an empty row for text below a table (a signature); in a
  // base they are rows all the same (usually incomplete ones): keep them, so they are reported, not lost.
  const trailing: string[] = [];
  for (const block of document.blocks.slice(at + 1)) {
    if (block.kind !== 'paragraph') break;
    trailing.push(block.text);
  }
  const headerRowNumber = first.table.rows[0]?.source ?? 1;
  const rows: string[][] = [];
  for (const row of first.table.rows) {
    while (headerRowNumber + rows.length < row.source) rows.push([]);
    rows.push(row.cells.map((cell, i) => cell || row.merged[i] || ''));
  }
  if (trailing.length > 0) rows.push([], ...trailing.map((text) => [text]));
  return { ok: true, rows, headerRowNumber };
}

/** Text that is not a CSV: NUL bytes (a binary file, an old .xls). */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  return head.includes(0);
}
