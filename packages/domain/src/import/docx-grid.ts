import type { RawCell, RawRow } from './source.js';

/*
 * Word tables whose rows lie on different grids: where the .docx reader (docx.ts) puts each cell.
 */

/** The grid edges of a row's cells: start = gridBefore + the spans before it, end = start + span. */
function cellEdges(row: RawRow): Array<[number, number]> {
  let at = 0;
  return row.cells.map((cell) => {
    const start = at + (cell.skipBefore ?? 0);
    at = start + Math.max(1, cell.span);
    return [start, at];
  });
}

/**
 * Puts every row's cells on the columns of the table's fullest rows. LibreOffice saving a .doc, .rtf
 * or .odt as .docx merges tables that follow one another (a roadmap whose sections are separate tables,
 * tables of different column widths) into ONE table whose grid is the union of all their column edges:
 * rows of each former table span different grid columns, and a cell placed at its first grid column
 * would land in a column the heading row does not have. So the columns are those of a row with the
 * table's full cell count — the row itself when it has that many cells (its cells are the columns, in
 * order), else the full row sharing most of its edges (the nearest on a tie: the rest of its own former
 * table). A cell spans the columns between the column edges nearest to its own edges (measured in the
 * grid's widths), so a single cell over the whole width stays a section row; a cell narrower than a
 * column goes to the column it overlaps most. A table whose full rows have one grid column per cell
 * (a table as Word writes it) is left as it is.
 */
export function alignToColumns(rows: readonly RawRow[], gridWidths: readonly number[] = []): RawRow[] {
  let columns = 0;
  let gridWidth = 0;
  const edges = rows.map((row) => {
    const e = cellEdges(row);
    columns = Math.max(columns, row.cells.length);
    gridWidth = Math.max(gridWidth, e[e.length - 1]?.[1] ?? 0);
    return e;
  });
  if (columns < 2 || gridWidth <= columns) return [...rows];
  // Where each grid edge lies: by the grid's column widths when the document has them all, else one unit each.
  const measured = gridWidths.length >= gridWidth && gridWidths.slice(0, gridWidth).every((w) => w > 0);
  const x: number[] = [0];
  for (let i = 0; i < gridWidth; i++) x.push((x[i] as number) + (measured ? (gridWidths[i] as number) : 1));
  const pos = (edge: number) => x[Math.min(edge, gridWidth)] as number;
  const columnEdgesOf = (i: number) => [(edges[i]![0] as [number, number])[0], ...edges[i]!.map(([, end]) => end)];

  // The full rows, grouped by their column edges (one group per former table, as a rule).
  const groups = new Map<string, { edges: number[]; bounds: number[]; rows: number[] }>();
  for (const [i, row] of rows.entries()) {
    if (row.cells.length !== columns) continue;
    const e = columnEdgesOf(i);
    const key = e.join(',');
    const group = groups.get(key) ?? { edges: e, bounds: e.map(pos), rows: [] };
    group.rows.push(i);
    groups.set(key, group);
  }
  /** The distance from row i to the nearest row of a group (its rows are in order). */
  const distance = (group: { rows: number[] }, i: number) => {
    let [lo, hi] = [0, group.rows.length - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((group.rows[mid] as number) < i) lo = mid + 1;
      else hi = mid;
    }
    const after = group.rows[lo] as number;
    const before = group.rows[lo - 1];
    return Math.min(Math.abs(after - i), before === undefined ? Infinity : i - before);
  };

  return rows.map((row, i) => {
    if (row.cells.length === columns) return { ...row, cells: row.cells.map((c) => ({ ...c, span: 1, skipBefore: 0 })) };
    const own = new Set(edges[i]!.flat());
    let bounds: number[] = [];
    let best = -1;
    let nearest = Infinity;
    for (const group of groups.values()) {
      const shared = group.edges.filter((e) => own.has(e)).length;
      const d = distance(group, i);
      if (shared > best || (shared === best && d < nearest)) [bounds, best, nearest] = [group.bounds, shared, d];
    }
    const nearestEdge = (p: number, from: number) => {
      let k = from;
      for (let c = from; c < bounds.length; c++) if (Math.abs((bounds[c] as number) - p) < Math.abs((bounds[k] as number) - p)) k = c;
      return k;
    };
    let at = 0;
    const cells: RawCell[] = [];
    for (const [c, cell] of row.cells.entries()) {
      const [start, end] = edges[i]![c] as [number, number];
      const [a, b] = [pos(start), pos(end)];
      // Edges rounded to the nearest column edges give the columns a cell spans (a section row: all
      // of them); a cell narrower than that is put in the column it overlaps most.
      let column = Math.min(columns - 1, nearestEdge(a, 0));
      let last = nearestEdge(b, 0);
      if (last <= column) {
        let most = -Infinity;
        for (let k = 0; k < columns; k++) {
          const overlap = Math.min(b, bounds[k + 1] as number) - Math.max(a, bounds[k] as number);
          if (overlap > most) [column, most] = [k, overlap];
        }
        last = column + 1;
      }
      const previous = cells[cells.length - 1];
      if (previous && column < at) {
        // Two cells over one column (a narrower former table): their texts stay together in it.
        if (cell.text) previous.text = previous.text ? `${previous.text}\n${cell.text}` : cell.text;
        previous.span += Math.max(0, last - at);
      } else {
        cells.push({ ...cell, span: last - column, skipBefore: column - at });
      }
      at = Math.max(at, last);
    }
    return { ...row, cells };
  });
}
