import type { SheetSpec, SheetValue } from './xlsx.js';

/**
 * Turns a table as people see it on screen (header labels, cell texts) into a sheet: whole and
 * decimal numbers written the Russian way («1 234», «12,5») become numbers, «ДД.ММ.ГГГГ» becomes a
 * real date, everything else stays text exactly as shown («12,5 %», «нет данных»).
 */
export function typedCell(text: string): SheetValue {
  const value = text.replace(/\s+/g, ' ').trim();
  if (value === '' || value === '—') return null;
  const date = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  if (date) {
    const [, d, m, y] = date;
    const iso = `${y}-${m}-${d}`;
    const check = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(check.getTime()) && check.toISOString().startsWith(iso)) return { date: iso };
    return value;
  }
  // Digits grouped by (narrow) spaces, an optional decimal comma; no leading zeros like «007» (codes).
  if (/^-?(0|[1-9]\d{0,2}([ \u00a0\u202f]?\d{3})*)(,\d+)?$/.test(value)) {
    const number = Number(value.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));
    if (Number.isFinite(number) && Math.abs(number) < 1e15) return number;
  }
  return value;
}

export interface ScreenTable {
  /** What the file and its sheet are called («Школы района»). */
  title: string;
  /** Lines above the table: filters, the district, «по состоянию на …». */
  heading?: string[];
  columns: string[];
  rows: string[][];
  createdAt: Date;
}

/** Column widths follow the longest text (in characters), within readable bounds. */
function width(label: string, cells: string[]): number {
  const longest = Math.max(label.length * 0.9, ...cells.map((cell) => cell.length));
  return Math.round(Math.min(60, Math.max(8, longest + 2)));
}

export function screenTableToSheet(table: ScreenTable): SheetSpec {
  const columnCount = table.columns.length;
  const rows = table.rows.map((row) => Array.from({ length: columnCount }, (_, c) => typedCell(row[c] ?? '')));
  return {
    name: table.title,
    title: table.title,
    heading: [table.title, ...(table.heading ?? [])],
    columns: table.columns.map((label, c) => ({
      label,
      width: width(
        label,
        table.rows.map((row) => row[c] ?? ''),
      ),
    })),
    rows,
    createdAt: table.createdAt,
  };
}

/** «Школы района (Сибай) 22.11.2026.xlsx» without characters file systems refuse. */
export function spreadsheetFileName(title: string, at: Date): string {
  const day = `${String(at.getDate()).padStart(2, '0')}.${String(at.getMonth() + 1).padStart(2, '0')}.${at.getFullYear()}`;
  const safe =
    title
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'Таблица';
  return `${safe} ${day}.xlsx`;
}
