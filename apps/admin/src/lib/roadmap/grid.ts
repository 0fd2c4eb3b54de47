/**
 * The roadmap editor as a grid: which cell a key takes the user to, and what a paste from Excel or
 * Word becomes. Pure functions; the editor (pages/roadmaps/RevisionEditor.tsx) applies them.
 *
 * Hand-written rather than React Aria's Table/GridList: their keyboard navigation takes the arrow
 * keys, Enter and typing (typeahead) for moving between cells and rows, while every cell here is a
 * multi-line text field that needs them for the caret — RAC has no editable-cell mode. So the cells
 * stay a native table of labelled textareas (Tab order intact, each with its own accessible name),
 * and only the keys a text field does not need at that caret position move the focus.
 */
import { isTablePaste, mapPastedRows, parsePastedText, type ImportField } from '@nastavnik/domain';
import { ITEM_FIELDS, type ItemField } from './editor';

// ————— keyboard —————

/** What the editor sees of a key press in a cell. */
export interface CellKey {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** The cell's text and its selection (start = end: a caret). */
  value: string;
  selectionStart: number;
  selectionEnd: number;
}

export type GridCommand =
  /** Focus the cell `rows` rows away (across sections) in `field`. */
  | { kind: 'focus'; rows: -1 | 0 | 1; field: ItemField }
  /** A new empty row right below this one (Ctrl/Cmd+Enter). */
  | { kind: 'addBelow' }
  /** The row up or down (Alt+↑/↓). */
  | { kind: 'move'; direction: -1 | 1 };

/**
 * The grid's keys in a cell: ↑/↓ to the row above/below in the same column when the caret is on the
 * cell's first/last line (inside a multi-line cell they move the caret as usual); ←/→ to the
 * neighbouring cell when the caret is at the cell's start/end; Enter to the same cell of the next
 * row (Shift+Enter keeps a line break in the cell); Ctrl/Cmd+Enter adds a row below; Alt+↑/↓ moves
 * the row. Tab stays the browser's: it walks the cells of a row and then the row's buttons, so
 * removing or moving a row stays reachable. null: the key is the text field's own.
 */
export function gridCommand(field: ItemField, press: CellKey): GridCommand | null {
  const { key, altKey, ctrlKey, metaKey, shiftKey, value, selectionStart, selectionEnd } = press;
  const caret = selectionStart === selectionEnd;
  if (altKey && !ctrlKey && !metaKey && (key === 'ArrowUp' || key === 'ArrowDown')) return { kind: 'move', direction: key === 'ArrowUp' ? -1 : 1 };
  if (key === 'Enter' && (ctrlKey || metaKey) && !altKey) return { kind: 'addBelow' };
  if (altKey || ctrlKey || metaKey) return null;
  const index = ITEM_FIELDS.indexOf(field);
  switch (key) {
    case 'Enter':
      return shiftKey ? null : { kind: 'focus', rows: 1, field };
    case 'ArrowUp':
      return caret && !shiftKey && !value.slice(0, selectionStart).includes('\n') ? { kind: 'focus', rows: -1, field } : null;
    case 'ArrowDown':
      return caret && !shiftKey && !value.slice(selectionEnd).includes('\n') ? { kind: 'focus', rows: 1, field } : null;
    case 'ArrowLeft':
      return caret && !shiftKey && selectionStart === 0 && index > 0 ? { kind: 'focus', rows: 0, field: ITEM_FIELDS[index - 1]! } : null;
    case 'ArrowRight':
      return caret && !shiftKey && selectionEnd === value.length && index < ITEM_FIELDS.length - 1
        ? { kind: 'focus', rows: 0, field: ITEM_FIELDS[index + 1]! }
        : null;
    default:
      return null;
  }
}

// ————— paste —————

const TO_IMPORT: Record<ItemField, ImportField> = {
  number: 'number',
  activity: 'activity',
  content: 'content',
  deadlineText: 'deadline',
  responsible: 'responsible',
  expectedResult: 'expectedResult',
  indicator: 'indicator',
};
const FROM_IMPORT = Object.fromEntries(Object.entries(TO_IMPORT).map(([item, imported]) => [imported, item])) as Record<ImportField, ItemField>;

export type PastedEditorItem = Partial<Record<ItemField, string>>;

/**
 * The cells of a table copied from Word or Excel as HTML (`text/html` on the clipboard): one row per
 * `<tr>`, merged cells repeated as empty cells so the columns stay in place, paragraphs and line
 * breaks inside a cell kept as line breaks. Word's plain text has no quoting, so a cell of several
 * paragraphs would split into rows there; its HTML keeps the cell whole. null without a table.
 */
export function tableFromHtml(document: Document): string[][] | null {
  const table = document.querySelector('table');
  if (!table) return null;
  const rows: string[][] = [];
  for (const tr of Array.from(table.querySelectorAll('tr'))) {
    if (tr.closest('table') !== table) continue;
    const cells: string[] = [];
    for (const cell of Array.from(tr.children)) {
      if (cell.tagName !== 'TD' && cell.tagName !== 'TH') continue;
      cells.push(cellText(cell));
      const span = Number(cell.getAttribute('colspan') ?? '1');
      for (let i = 1; i < Math.min(span, 50); i++) cells.push('');
    }
    rows.push(cells);
  }
  return rows.filter((row) => row.some((cell) => cell !== ''));
}

function cellText(cell: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push((node.textContent ?? '').replace(/\s+/g, ' '));
    else if (node.nodeName === 'BR') parts.push('\n');
    else {
      const block = node.nodeName === 'P' || node.nodeName === 'DIV' || node.nodeName === 'LI';
      if (block && parts.length) parts.push('\n');
      node.childNodes.forEach(walk);
    }
  };
  cell.childNodes.forEach(walk);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .filter((line, i, lines) => line !== '' || (i > 0 && i < lines.length - 1))
    .join('\n')
    .trim();
}

/**
 * What the clipboard holds as a table: the HTML table when there is one (Word, Excel), else the
 * plain text read as tab-separated rows. null: a single cell or plain text without tabs — the
 * cell's own paste (a paragraph of several lines pasted into one cell stays one cell).
 */
export function clipboardTable(text: string, html: Document | null): string[][] | null {
  const fromHtml = html ? tableFromHtml(html) : null;
  if (fromHtml && isTablePaste(fromHtml)) return fromHtml;
  if (!text.includes('\t')) return null;
  const rows = parsePastedText(text);
  return isTablePaste(rows) ? rows : null;
}

/** Pasted rows → the editor's items, columns matched by a heading row or from `field` rightwards. */
export function pastedItems(rows: readonly (readonly string[])[], field: ItemField): { items: PastedEditorItem[]; byHeading: boolean } {
  const pasted = mapPastedRows(rows, TO_IMPORT[field]);
  const items = pasted.items.map((item) => Object.fromEntries(Object.entries(item).map(([name, value]) => [FROM_IMPORT[name as ImportField], value])));
  return { items, byHeading: pasted.byHeading };
}
