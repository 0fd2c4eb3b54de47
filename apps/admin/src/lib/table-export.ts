/**
 * «Скачать XLSX» under a table: what the user sees on screen becomes a spreadsheet (numbers as
 * numbers, ДД.ММ.ГГГГ as dates — `screenTableToSheet` in the domain). Columns of buttons are left
 * out (`data-export="skip"` on their header and cells).
 */
import { screenTableToSheet, spreadsheetFileName, writeXlsx, XLSX_CONTENT_TYPE } from '@nastavnik/domain';
import { saveBlob } from './downloads';

/** The most rows a list export walks through (100 per request). */
export const EXPORT_ROW_LIMIT = 5000;

/** One line of text per cell: line breaks and runs of spaces collapse as on screen. */
export function cellText(raw: string | null | undefined): string {
  return (raw ?? '').replace(/\s+/g, ' ').trim();
}

export interface TableText {
  columns: string[];
  rows: string[][];
}

const exported = (cell: Element) => cell.getAttribute('data-export') !== 'skip';

/** What a cell says, without decorations: sort marks, icons, notes marked to skip. */
function visibleText(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"], [data-export="skip"]').forEach((node) => node.remove());
  return cellText(copy.textContent);
}

/** Header labels, body and footer cells (totals) of a rendered table, skipping button columns. */
export function readTable(table: HTMLTableElement): TableText {
  const headerRow = table.tHead?.rows[table.tHead.rows.length - 1];
  const columns = headerRow ? Array.from(headerRow.cells).filter(exported).map(visibleText) : [];
  const rows: string[][] = [];
  const sections = [...Array.from(table.tBodies), ...(table.tFoot ? [table.tFoot] : [])];
  for (const section of sections) {
    for (const row of Array.from(section.rows)) {
      rows.push(Array.from(row.cells).filter(exported).map(visibleText));
    }
  }
  return { columns, rows };
}

/** The page's own heading names the file when the table has no title of its own. */
export function pageTitle(fallback: string): string {
  const heading = document.querySelector('main h1');
  return cellText(heading?.textContent) || fallback;
}

export function saveTableAsXlsx(table: TableText, title: string, heading: string[] = [], at = new Date()): string {
  const bytes = writeXlsx(screenTableToSheet({ title, heading, columns: table.columns, rows: table.rows, createdAt: at }));
  const fileName = spreadsheetFileName(title, at);
  saveBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_CONTENT_TYPE }), fileName);
  return fileName;
}
