import { cleanCellText, cleanParagraph } from './text.js';
import { foldWideRows, toGrid, type RawRow, type SourceBlock, type SourceDocument } from './source.js';

/**
 * Tab-separated text, as Word tables come out of a «save as text» or a copy-paste: one table row
 * per line, cells separated by tabs; paragraphs around the table are plain lines. Blank lines inside
 * a table are skipped; a line without tabs between two table lines is a one-cell row (a section
 * heading or a cell broken over lines).
 */
export function readText(text: string): SourceDocument {
  const lines = text.split(/\r\n|\n|\r/);
  const isTableLine = (line: string | undefined) => line !== undefined && line.includes('\t') && line.replace(/\t/g, '').trim() !== '';
  const isBlank = (line: string | undefined) => line === undefined || line.trim() === '';

  // The next non-blank line after each line, found in one backward pass.
  const nextNonBlank = new Array<number>(lines.length).fill(-1);
  for (let i = lines.length - 1, next = -1; i >= 0; i--) {
    nextNonBlank[i] = next;
    if (!isBlank(lines[i])) next = i;
  }

  const blocks: SourceBlock[] = [];
  let rows: RawRow[] = [];
  const flush = () => {
    if (rows.length) blocks.push({ kind: 'table', table: toGrid(foldWideRows(rows)) });
    rows = [];
  };
  let previousNonBlankWasTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (isBlank(line)) continue;
    const after = nextNonBlank[i] ?? -1;
    const nextIsTable = after >= 0 && isTableLine(lines[after]);
    if (isTableLine(line) || (previousNonBlankWasTable && nextIsTable && rows.length > 0)) {
      const cells = line.split('\t').map((cell) => ({ text: cleanCellText(cell), span: 1, vMerge: null }));
      // A line with fewer tabs than the table's other lines may have lost a column (see the builder).
      rows.push({ source: i + 1, cells, count: cells.length });
      previousNonBlankWasTable = true;
      continue;
    }
    flush();
    previousNonBlankWasTable = false;
    const paragraph = cleanParagraph(line);
    if (paragraph) blocks.push({ kind: 'paragraph', text: paragraph });
  }
  flush();
  return { blocks, rowLabel: 'строка файла', warnings: [] };
}
