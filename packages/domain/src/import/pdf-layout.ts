import { cleanCellText, cleanParagraph } from './text.js';
import { MAX_COLUMNS, toGrid, type RawCell, type RawRow, type SourceBlock, type SourceDocument } from './source.js';

/**
 * A PDF page's text and lines, as the API's pdf.js reader extracts them, laid out into the paragraphs
 * and tables every other reader produces. Pure: no pdf.js here, only geometry.
 *
 * Coordinates are in points with the origin top left (y grows downwards), after the page's rotation.
 * A run's `y` is the top of its text box and `height` the font height, so its baseline is `y + height`.
 *
 * - Tables come from ruling lines: horizontal and vertical segments (thin filled rectangles are
 *   segments too) that touch form a grid; the rectangles between them are cells; a cell without a
 *   rule between two grid columns spans them, one without a rule between two grid rows is a vertical
 *   merge (its text on the first row, like Word's `vMerge`).
 * - A table whose first part on the next page has the same column boundaries continues there; the
 *   heading rows repeated on the new page are dropped, and so are running headers and footers (the
 *   same text, numbers aside, at the same height on at least half of the pages: «Страница 2 из 5»),
 *   kept once only where they stand above the first table.
 * - Other text becomes paragraphs in reading order: lines at the same height but far apart (an approval
 *   block on the right beside an annex note on the left) stay apart, the left one first; lines are
 *   joined into one paragraph only when they are clearly one wrapped sentence.
 */

export interface PdfTextRun {
  text: string;
  x: number;
  /** Top of the text box. */
  y: number;
  width: number;
  /** Font height. */
  height: number;
}

export interface PdfRule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PdfPageLayout {
  width: number;
  height: number;
  runs: PdfTextRun[];
  rules: PdfRule[];
}

/** A rule thinner than this is a line; a filled rectangle thinner than this is a border. */
const THIN = 4;
/** Rules closer than this are the same line; ends closer than this touch. */
const SNAP = 3;
/** Bounds on the work per page: a page drawn with more segments keeps its text as paragraphs. */
const MAX_SEGMENTS = 4000;
const MAX_GRID = 400;

interface HSeg {
  y: number;
  x1: number;
  x2: number;
}
interface VSeg {
  x: number;
  y1: number;
  y2: number;
}

interface Line {
  baseline: number;
  height: number;
  left: number;
  right: number;
  text: string;
}

interface Region {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  runs: PdfTextRun[];
}

interface PageTable {
  kind: 'table';
  xs: number[];
  rows: RawRow[];
  top: number;
  bottom: number;
  left: number;
}

interface PageParagraphs {
  kind: 'text';
  lines: Line[];
  top: number;
  bottom: number;
  left: number;
}

type PageItem = PageTable | PageParagraphs;

const baselineOf = (run: PdfTextRun) => run.y + run.height;

// ————— rules —————

function segments(rules: readonly PdfRule[]): { h: HSeg[]; v: VSeg[] } {
  const h: HSeg[] = [];
  const v: VSeg[] = [];
  for (const rule of rules.slice(0, MAX_SEGMENTS)) {
    const { x1, y1, x2, y2 } = rule;
    if (![x1, y1, x2, y2].every(Number.isFinite)) continue;
    const dx = Math.abs(x2 - x1);
    const dy = Math.abs(y2 - y1);
    if (dy <= THIN && dx > THIN) h.push({ y: (y1 + y2) / 2, x1: Math.min(x1, x2), x2: Math.max(x1, x2) });
    else if (dx <= THIN && dy > THIN) v.push({ x: (x1 + x2) / 2, y1: Math.min(y1, y2), y2: Math.max(y1, y2) });
  }
  return { h: mergeH(h), v: mergeV(v) };
}

/** Collinear segments that overlap or touch become one (a border drawn cell by cell). */
function mergeH(segs: HSeg[]): HSeg[] {
  segs.sort((a, b) => a.y - b.y || a.x1 - b.x1);
  const out: HSeg[] = [];
  const open: HSeg[] = [];
  for (const s of segs) {
    // Segments of one line differ in y by less than SNAP; keep a short list of lines still open.
    while (open.length && s.y - (open[0] as HSeg).y > SNAP) open.shift();
    // Sorted by position first, a segment may start before the one it joins (a border a fraction of a
    // point to the side): both ends are taken.
    const same = open.find((o) => Math.abs(o.y - s.y) <= SNAP / 2 && s.x1 <= o.x2 + SNAP && s.x2 >= o.x1 - SNAP);
    if (same) {
      same.x1 = Math.min(same.x1, s.x1);
      same.x2 = Math.max(same.x2, s.x2);
    } else {
      const copy = { ...s };
      out.push(copy);
      open.push(copy);
    }
  }
  return out;
}

function mergeV(segs: VSeg[]): VSeg[] {
  return mergeH(segs.map((s) => ({ y: s.x, x1: s.y1, x2: s.y2 }))).map((s) => ({ x: s.y, y1: s.x1, y2: s.x2 }));
}

/** Positions closer than `tol` are one; returns the sorted means. */
function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const value of sorted) {
    if (group.length && value - (group[group.length - 1] as number) > tol) {
      out.push(group.reduce((s, x) => s + x, 0) / group.length);
      group = [];
    }
    group.push(value);
  }
  if (group.length) out.push(group.reduce((s, x) => s + x, 0) / group.length);
  return out;
}

class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    while (this.parent[i] !== root) {
      const next = this.parent[i] as number;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[rb] = ra;
  }
}

interface Grid {
  xs: number[];
  ys: number[];
  h: HSeg[];
  v: VSeg[];
}

/** Groups of touching rules with at least two columns and one row: the tables of a page. */
function findGrids(rules: readonly PdfRule[]): Grid[] {
  const { h, v } = segments(rules);
  if (h.length < 2 || v.length < 2) return [];
  const uf = new UnionFind(h.length + v.length);
  for (const [i, hs] of h.entries()) {
    for (const [j, vs] of v.entries()) {
      if (vs.x >= hs.x1 - SNAP && vs.x <= hs.x2 + SNAP && hs.y >= vs.y1 - SNAP && hs.y <= vs.y2 + SNAP) uf.union(i, h.length + j);
    }
  }
  const groups = new Map<number, { h: HSeg[]; v: VSeg[] }>();
  for (let i = 0; i < h.length + v.length; i++) {
    const root = uf.find(i);
    const group = groups.get(root) ?? { h: [], v: [] };
    if (i < h.length) group.h.push(h[i] as HSeg);
    else group.v.push(v[i - h.length] as VSeg);
    groups.set(root, group);
  }
  const grids: Grid[] = [];
  for (const group of groups.values()) {
    if (group.h.length < 2 || group.v.length < 2) continue;
    // A table open at its sides (rows ruled across, no outer verticals) still ends where its rules end.
    const xs = dropClose(
      cluster(
        [
          ...group.v.map((s) => s.x),
          ...outerEnds(
            group.h.map((s): [number, number] => [s.x1, s.x2]),
            group.v.map((s) => s.x),
          ),
        ],
        SNAP,
      ),
    );
    const ys = dropClose(
      cluster(
        [
          ...group.h.map((s) => s.y),
          ...outerEnds(
            group.v.map((s): [number, number] => [s.y1, s.y2]),
            group.h.map((s) => s.y),
          ),
        ],
        SNAP,
      ),
    );
    if (xs.length < 3 || ys.length < 2 || xs.length > MAX_GRID || ys.length > MAX_GRID) continue;
    grids.push(...stackedTables({ xs, ys, h: group.h, v: group.v }));
  }
  return grids;
}

/** Inner column boundaries closer than this, in two rows one under the other, are two tables' columns. */
const NEAR_MISS = 24;

/**
 * Tables placed one right under the other (Word keeps them apart by an empty paragraph that the PDF
 * no longer shows, or they simply touch) share their rules and come out as one group; each table has
 * its own column widths, though. Rows are cut into separate tables where the inner verticals change
 * wholesale: a row whose inner verticals share none with the last ruled row above, or sit a few
 * points beside them (the same columns sized differently). Rows without inner verticals (a section
 * heading across the table) go with the table above. Each part keeps only its own column boundaries.
 */
function stackedTables(grid: Grid): Grid[] {
  const { xs, ys } = grid;
  const atX = onLines(xs, grid.v, (s) => s.x);
  const innerOf = (i: number): number[] => {
    const yMid = ((ys[i] as number) + (ys[i + 1] as number)) / 2;
    const out: number[] = [];
    for (let j = 1; j < xs.length - 1; j++) if (hasVertical(atX[j] ?? [], yMid)) out.push(j);
    return out;
  };
  const cuts: number[] = [0];
  let last: number[] = [];
  for (let i = 0; i < ys.length - 1; i++) {
    const inner = innerOf(i);
    if (!inner.length) continue;
    if (last.length) {
      const common = inner.filter((j) => last.includes(j));
      const mine = inner.filter((j) => !last.includes(j)).map((j) => xs[j] as number);
      const theirs = last.filter((j) => !inner.includes(j)).map((j) => xs[j] as number);
      const nearMiss = mine.some((x) => theirs.some((y) => Math.abs(x - y) <= NEAR_MISS));
      if (!common.length || nearMiss) cuts.push(i);
    }
    last = inner;
  }
  if (cuts.length === 1) return [grid];
  cuts.push(ys.length - 1);
  const parts: Grid[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const from = cuts[k] as number;
    const to = cuts[k + 1] as number;
    const used = new Set<number>();
    for (let i = from; i < to; i++) for (const j of innerOf(i)) used.add(j);
    const partXs = xs.filter((_, j) => j === 0 || j === xs.length - 1 || used.has(j));
    parts.push({ xs: partXs, ys: ys.slice(from, to + 1), h: grid.h, v: grid.v });
  }
  return parts;
}

/** The far ends of the crossing segments when they reach clearly beyond the outermost rules. */
function outerEnds(spans: Array<[number, number]>, rules: number[]): number[] {
  const low = Math.min(...spans.map(([a]) => a));
  const high = Math.max(...spans.map(([, b]) => b));
  const out: number[] = [];
  if (low < Math.min(...rules) - 2 * SNAP) out.push(low);
  if (high > Math.max(...rules) + 2 * SNAP) out.push(high);
  return out;
}

/** Double borders a few points apart are one boundary, not a sliver of a row or column. */
function dropClose(values: number[]): number[] {
  const out: number[] = [];
  for (const value of values) {
    const last = out[out.length - 1];
    if (last !== undefined && value - last < THIN) continue;
    out.push(value);
  }
  return out;
}

/** The segments lying on each grid line (so that a cell's borders are looked up among few). */
function onLines<T>(edges: readonly number[], segs: readonly T[], at: (s: T) => number): T[][] {
  const out: T[][] = edges.map(() => []);
  for (const s of segs) {
    const position = at(s);
    // The nearest line within THIN: `dropClose` kept one of two boundaries less than THIN apart, and
    // the segments of the one dropped lie on the one kept.
    let i = -1;
    for (const [k, e] of edges.entries())
      if (Math.abs(e - position) < THIN && (i < 0 || Math.abs(e - position) < Math.abs((edges[i] as number) - position))) i = k;
    if (i >= 0) out[i]?.push(s);
  }
  return out;
}

function hasVertical(segs: readonly VSeg[], yMid: number): boolean {
  return segs.some((s) => s.y1 <= yMid && s.y2 >= yMid);
}

function hasHorizontal(segs: readonly HSeg[], xMid: number): boolean {
  return segs.some((s) => s.x1 <= xMid && s.x2 >= xMid);
}

function band(edges: readonly number[], value: number): number {
  for (let i = 0; i < edges.length - 1; i++) if (value < (edges[i + 1] as number)) return i;
  return edges.length - 2;
}

function inside(grid: Grid, run: PdfTextRun): boolean {
  const cx = run.x + run.width / 2;
  const cy = run.y + run.height / 2;
  return (
    cx >= (grid.xs[0] as number) - 1 &&
    cx <= (grid.xs[grid.xs.length - 1] as number) + 1 &&
    cy >= (grid.ys[0] as number) - 1 &&
    cy <= (grid.ys[grid.ys.length - 1] as number) + 1
  );
}

/** The grid's cells (merged where a rule is missing) with their text, as raw rows. */
function tableOf(grid: Grid, runs: readonly PdfTextRun[]): PageTable {
  const { xs, ys } = grid;
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const uf = new UnionFind(rows * cols);
  const atX = onLines(xs, grid.v, (s) => s.x);
  const atY = onLines(ys, grid.h, (s) => s.y);
  for (let i = 0; i < rows; i++) {
    const yMid = ((ys[i] as number) + (ys[i + 1] as number)) / 2;
    for (let j = 1; j < cols; j++) if (!hasVertical(atX[j] ?? [], yMid)) uf.union(i * cols + j - 1, i * cols + j);
  }
  for (let j = 0; j < cols; j++) {
    const xMid = ((xs[j] as number) + (xs[j + 1] as number)) / 2;
    for (let i = 1; i < rows; i++) if (!hasHorizontal(atY[i] ?? [], xMid)) uf.union((i - 1) * cols + j, i * cols + j);
  }
  const regions = new Map<number, Region>();
  const regionAt: Region[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const root = uf.find(i * cols + j);
      let region = regions.get(root);
      if (!region) {
        region = { r0: i, r1: i, c0: j, c1: j, runs: [] };
        regions.set(root, region);
      }
      region.r0 = Math.min(region.r0, i);
      region.r1 = Math.max(region.r1, i);
      region.c0 = Math.min(region.c0, j);
      region.c1 = Math.max(region.c1, j);
      regionAt[i * cols + j] = region;
    }
  }
  for (const run of runs) {
    const i = band(ys, run.y + run.height / 2);
    const j = band(xs, run.x + run.width / 2);
    regionAt[i * cols + j]?.runs.push(run);
  }
  const texts = new Map<Region, string>();
  for (const region of regions.values()) texts.set(region, cleanCellText(cellText(region.runs, [xs[region.c0] as number, xs[region.c1 + 1] as number])));

  const rawRows: RawRow[] = [];
  for (let i = 0; i < rows; i++) {
    const cells: RawCell[] = [];
    let j = 0;
    while (j < cols) {
      const region = regionAt[i * cols + j] as Region;
      const span = Math.max(1, region.c1 - j + 1);
      if (region.r0 === i) cells.push({ text: texts.get(region) ?? '', span, vMerge: region.r1 > i ? 'restart' : null });
      else cells.push({ text: '', span, vMerge: 'continue' });
      j += span;
    }
    rawRows.push({ cells, source: 0 });
  }
  // Rows with no text and no merges at all (a blank spacer between two ruled areas) say nothing.
  return { kind: 'table', xs, rows: rawRows, top: ys[0] as number, bottom: ys[ys.length - 1] as number, left: xs[0] as number };
}

/**
 * A cell's lines top to bottom; a sentence wrapped by the cell's width is joined back. A word cut
 * where it met the cell's edge is joined without a space: a line holding one unbreakable chunk (no
 * space but before punctuation: «И.И.Иванова,» «(школы) ,педагогов») that reaches the cell's right
 * padding (closer than the width of about one letter), followed by a line going on in lower case —
 * the chunk was longer than the cell is wide and the line broke inside it.
 */
function cellText(runs: readonly PdfTextRun[], [cellLeft, cellRight]: [number, number]): string {
  const lines = linesOf(runs).flatMap((fragments) => fragments);
  const padding = Math.max(0, Math.min(...lines.map((l) => l.left)) - cellLeft);
  let text = '';
  let previous: Line | null = null;
  let before: Line | null = null;
  for (const line of lines) {
    // Only left-aligned lines tell where the width ran out (centred or right-aligned ones end anywhere).
    const aligned = previous !== null && Math.abs(line.left - previous.left) <= 1;
    const letter = (line.right - line.left) / Math.max(1, line.text.length);
    const cut =
      previous !== null &&
      aligned &&
      // The chunk starts its line: the line before did not end inside a word broken at a hyphen.
      !(before !== null && /-$/.test(before.text)) &&
      !/\s[^\s,.;:!?)»]|\p{L}-\p{L}/u.test(previous.text) &&
      cellRight - padding - previous.right < 1.2 * letter &&
      /^[a-zа-яё]/.test(line.text);
    // A line that reaches so far that the next line's first word would not have fitted after it was
    // wrapped by the width: it ends no paragraph, whatever its last character.
    const full = previous !== null && aligned && cellRight - padding - previous.right < letter * ((line.text.split(' ')[0] ?? '').length + 1);
    text = !text ? line.text : cut ? text + line.text : joinWrapped(text, line.text, full);
    before = previous;
    previous = line;
  }
  return text;
}

function joinWrapped(previous: string, next: string, wrapped = false): string {
  // A hyphen at a line's end is kept: «календарно-» + «тематического» is one compound word, and
  // dropping a real hyphen loses text, while a kept soft one only shows.
  if (/[a-zа-яё]-$/i.test(previous) && /^[a-zа-яё]/.test(next)) return previous + next;
  // A hyphen standing apart at a line's end after «:» or «;» opens the next line's word (a list
  // written «: -item; -item»); elsewhere a spaced hyphen may as well be a dash, and keeps its space.
  if (/(?:^|[:;]\s*)[-–]$/.test(previous) && /^[a-zа-яё]/.test(next)) return previous + next;
  // A range of numbers broken after its hyphen («2024-» + «2025», «№ 10-» + «68») stays one.
  if (/\d[-–]$/.test(previous) && /^\d/.test(next)) return previous + next;
  // A slash is where a line may break inside a word («пар/групп»): nothing is put between.
  if (/\S\/$/.test(previous) && /^\S/.test(next)) return previous + next;
  if (/^[–—•-]/.test(next) || (!wrapped && (/[.;:!?…]$/.test(previous) || /^[А-ЯЁA-Z][а-яёa-z]/.test(next)))) return `${previous}\n${next}`;
  return `${previous} ${next}`;
}

// ————— lines —————

/**
 * Runs grouped into lines by baseline and joined left to right; a line is cut into fragments where a
 * gap is much wider than a space (text side by side, not one line). Returns the lines top to bottom,
 * each as its fragments left to right.
 */
function linesOf(runs: readonly PdfTextRun[]): Line[][] {
  const sorted = runs.filter((r) => r.text.trim() !== '' && r.height > 0).sort((a, b) => baselineOf(a) - baselineOf(b) || a.x - b.x);
  const groups: PdfTextRun[][] = [];
  let current: PdfTextRun[] = [];
  let base = 0;
  let height = 0;
  for (const run of sorted) {
    const b = baselineOf(run);
    if (current.length && Math.abs(b - base) <= 0.4 * Math.min(height, run.height)) {
      current.push(run);
      continue;
    }
    if (current.length) groups.push(current);
    current = [run];
    base = b;
    height = run.height;
  }
  if (current.length) groups.push(current);

  return groups.map((group) => {
    group.sort((a, b) => a.x - b.x);
    const fragments: Line[] = [];
    let line: Line | null = null;
    let previous: PdfTextRun | null = null;
    for (const run of group) {
      const size = Math.max(run.height, previous?.height ?? 0);
      // The same text drawn twice at the same place (fake bold) is read once.
      if (previous && previous.text === run.text && Math.abs(previous.x - run.x) < 1) continue;
      const gap = previous ? run.x - (previous.x + previous.width) : 0;
      if (!line || gap > Math.max(2 * size, 12)) {
        line = { baseline: baselineOf(run), height: run.height, left: run.x, right: run.x + run.width, text: run.text };
        fragments.push(line);
      } else {
        const space = gap > 0.12 * size && !/\s$/.test(line.text) && !/^\s/.test(run.text);
        line.text += (space ? ' ' : '') + run.text;
        line.right = Math.max(line.right, run.x + run.width);
        line.height = Math.max(line.height, run.height);
      }
      previous = run;
    }
    for (const f of fragments) f.text = f.text.replace(/\s+/g, ' ').trim();
    return fragments.filter((f) => f.text !== '');
  });
}

// ————— paragraphs —————

interface TextBlock {
  lines: Line[];
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** A following line may be this many times taller than a block's last line and still join it. */
const MAX_LINE_HEIGHT_FACTOR = 4;

/** Fragments stacked close under each other and overlapping sideways form a block. */
function blocksOf(lines: Line[][]): TextBlock[] {
  const blocks: TextBlock[] = [];
  // Blocks whose last line is far above the current one take no more lines (lines come top to bottom).
  let open: TextBlock[] = [];
  for (const fragments of lines) {
    const taken = new Set<TextBlock>();
    const here = (fragments[0] as Line).baseline;
    open = open.filter((block) => {
      const last = block.lines[block.lines.length - 1] as Line;
      return here - last.baseline <= 1.9 * MAX_LINE_HEIGHT_FACTOR * last.height;
    });
    for (const f of fragments) {
      let best: TextBlock | null = null;
      let bestOverlap = 0;
      for (const block of open) {
        if (taken.has(block)) continue;
        const last = block.lines[block.lines.length - 1] as Line;
        const step = f.baseline - last.baseline;
        if (step <= 0.5 * f.height || step > 1.9 * Math.max(f.height, last.height)) continue;
        const overlap = Math.min(f.right, block.right) - Math.max(f.left, block.left);
        if (overlap > bestOverlap) {
          best = block;
          bestOverlap = overlap;
        }
      }
      if (best) {
        best.lines.push(f);
        best.bottom = f.baseline;
        best.left = Math.min(best.left, f.left);
        best.right = Math.max(best.right, f.right);
        taken.add(best);
      } else {
        const block = { lines: [f], top: f.baseline - f.height, bottom: f.baseline, left: f.left, right: f.right };
        blocks.push(block);
        open.push(block);
        taken.add(block);
      }
    }
  }
  return blocks;
}

/**
 * A block's paragraphs: one per line, unless the next line clearly goes on with a wrapped sentence —
 * a line filling a wide block (half the page or more: body text, not a header block) followed by one
 * starting in lower case at the same left edge.
 */
function paragraphsOf(block: { lines: Line[] }, pageWidth: number): Array<{ text: string; baseline: number }> {
  const right = Math.max(...block.lines.map((l) => l.right));
  const left = Math.min(...block.lines.map((l) => l.left));
  const width = right - left;
  const out: Array<{ text: string; baseline: number }> = [];
  let previous: Line | null = null;
  for (const line of block.lines) {
    const wrapped =
      previous !== null &&
      width >= 0.5 * pageWidth &&
      Math.abs(line.left - previous.left) <= 0.5 * line.height &&
      previous.right >= right - Math.max(2 * line.height, 0.1 * width) &&
      line.baseline - previous.baseline <= 1.6 * Math.max(line.height, previous.height) &&
      (/^[a-zа-яё]/.test(line.text) || /[a-zа-яё]-$/i.test(previous.text));
    const last = out[out.length - 1];
    if (wrapped && last) {
      last.text = /[a-zа-яё]-$/i.test(last.text) && /^[a-zа-яё]/.test(line.text) ? last.text + line.text : `${last.text} ${line.text}`;
    } else out.push({ text: line.text, baseline: line.baseline });
    previous = line;
  }
  return out;
}

/**
 * Reading order of a page's items: items overlapping in height form a band (blocks side by side), bands
 * go top to bottom, items in a band left to right.
 */
function readingOrder<T extends { top: number; bottom: number; left: number }>(items: T[]): T[] {
  const sorted = [...items].sort((a, b) => a.top - b.top || a.left - b.left);
  const out: T[] = [];
  let bandItems: T[] = [];
  let bandBottom = -Infinity;
  const flush = () => {
    bandItems.sort((a, b) => a.left - b.left || a.top - b.top);
    out.push(...bandItems);
    bandItems = [];
  };
  for (const item of sorted) {
    if (bandItems.length && item.top >= bandBottom - 1) {
      flush();
      bandBottom = -Infinity;
    }
    bandItems.push(item);
    bandBottom = Math.max(bandBottom, item.bottom);
  }
  flush();
  return out;
}

/** Approval blocks side by side share their lines' heights too; they are no table. */
const HEADER_KEYWORD = /^[\s«"]*(?:УТВЕРЖД|СОГЛАСОВАН|ПРИНЯТ|РАССМОТРЕН)/i;

/**
 * Best effort for a table drawn without rules (a sheet printed without borders): lines of three or
 * more fragments whose left edges fall on the same few columns, with the lines between them that keep
 * to those columns (a wrapped cell, a section heading in the first column). Each line becomes a row;
 * a wrapped cell's next line is a row of its own that the roadmap reader joins back.
 */
function looseTables(lines: Line[][]): { loose: PageTable[]; rest: Line[][] } {
  const loose: PageTable[] = [];
  const rest: Line[][] = [];
  const aligned = (fragments: Line[], starts: number[], tol: number) => fragments.every((f) => starts.some((x) => Math.abs(x - f.left) <= tol));
  let i = 0;
  while (i < lines.length) {
    // A region of lines at normal line gaps.
    let end = i + 1;
    while (end < lines.length) {
      const a = (lines[end - 1] as Line[])[0] as Line;
      const b = (lines[end] as Line[])[0] as Line;
      if (b.baseline - a.baseline > 2.5 * Math.max(a.height, b.height)) break;
      end++;
    }
    const region = lines.slice(i, end);
    i = end;
    const wide = region.filter((l) => l.length >= 3);
    if (wide.length < 3 || region.some((l) => l.some((f) => HEADER_KEYWORD.test(f.text)))) {
      rest.push(...region);
      continue;
    }
    const height = Math.max(...wide.flatMap((l) => l.map((f) => f.height)));
    const tol = Math.max(4, 0.5 * height);
    const lefts = cluster(
      wide.flatMap((l) => l.map((f) => f.left)),
      tol,
    );
    const starts = lefts.filter((x) => wide.filter((l) => l.some((f) => Math.abs(f.left - x) <= tol)).length >= 2);
    if (starts.length < 3 || starts.length > MAX_COLUMNS) {
      rest.push(...region);
      continue;
    }
    // The table: from the first wide aligned line, as long as the lines keep to the columns.
    const first = region.findIndex((l) => l.length >= 3 && aligned(l, starts, tol));
    let last = first;
    while (first >= 0 && last + 1 < region.length && aligned(region[last + 1] as Line[], starts, tol)) last++;
    while (last > first && (region[last] as Line[]).length < 2) last--;
    const body = first >= 0 ? region.slice(first, last + 1) : [];
    if (body.filter((l) => l.length >= 3).length < 3) {
      rest.push(...region);
      continue;
    }
    rest.push(...region.slice(0, first));
    const rows: RawRow[] = body.map((fragments) => {
      const cells: string[] = starts.map(() => '');
      for (const f of fragments) {
        const col = starts.findIndex((x) => Math.abs(x - f.left) <= tol);
        cells[col] = cells[col] ? `${cells[col]} ${f.text}` : f.text;
      }
      return { cells: cells.map((text) => ({ text: cleanCellText(text), span: 1, vMerge: null })), source: 0 };
    });
    const right = Math.max(...body.flatMap((l) => l.map((f) => f.right)));
    const top = Math.min(...(body[0] as Line[]).map((f) => f.baseline - f.height));
    const bottom = Math.max(...(body[body.length - 1] as Line[]).map((f) => f.baseline));
    loose.push({ kind: 'table', xs: [...starts, right], rows, top, bottom, left: starts[0] as number });
    // What follows the table in the region is text again (and may hold another table).
    const after = region.slice(last + 1);
    if (after.length) lines.splice(i, 0, ...after);
  }
  return { loose, rest };
}

function layoutPage(page: PdfPageLayout): PageItem[] {
  const runs = page.runs.filter((r) => [r.x, r.y, r.width, r.height].every(Number.isFinite) && typeof r.text === 'string');
  const grids = findGrids(page.rules);
  const tables: PageTable[] = [];
  let free = runs;
  for (const grid of grids) {
    const mine = free.filter((r) => inside(grid, r));
    free = free.filter((r) => !inside(grid, r));
    tables.push(tableOf(grid, mine));
  }
  const { loose, rest } = looseTables(linesOf(free));
  const blocks = blocksOf(rest);
  const items: PageItem[] = [
    ...tables,
    ...loose,
    ...blocks.map((b): PageParagraphs => ({ kind: 'text', lines: b.lines, top: b.top, bottom: b.bottom, left: b.left })),
  ];
  return readingOrder(items);
}

// ————— the document —————

export const PDF_FURNITURE_WARNING = 'колонтитулы, повторяющиеся на страницах PDF (номера страниц, отметки), пропущены';

const PAGE_NUMBER = /^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|(?:стр\.|страница)\s*\d{1,4}(?:\s*из\s*\d{1,4})?)$/i;

const sameColumns = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => Math.abs(x - (b[i] as number)) <= 2 * SNAP);

const rowKey = (row: RawRow) => row.cells.map((c) => `${c.span}:${c.text.replace(/\s+/g, ' ').trim()}`).join('|');

/**
 * The first row on a new page goes on with the last row of the previous page when both have the same
 * cells, some cell with text there starts in lower case (a sentence cut by the page) and none with a
 * capital letter (a quotation mark or a digit may open the rest of a sentence), while some cell (the
 * number, the deadline) is empty — or the row is one cell across the table (a result line cut by
 * the page). A row whose first cell (the number) is empty under a numbered one, and whose first text
 * starts in lower case, goes on too, though a later cell starts with a capital: the rest of a name
 * («Иванова») or a document cut by the same break.
 */
function isRowGoingOn(last: RawRow, first: RawRow): boolean {
  if (last.cells.length !== first.cells.length || last.cells.some((c, i) => c.span !== (first.cells[i] as RawCell).span)) return false;
  const texts = first.cells.filter((c) => c.vMerge !== 'continue').map((c) => c.text);
  const lower = texts.some((t) => /^[a-zа-яё]/.test(t));
  const noCapital = texts.every((t) => !/^[A-ZА-ЯЁ]/.test(t));
  if ((texts.length === 1 || texts.some((t) => t === '')) && lower && noCapital) return true;
  // Every text of the row under a cell whose sentence is unfinished, none opening a new one
  // («…с одаренными детьми» + ««Вместе по лестнице успеха» для пары»).
  const filled = first.cells.flatMap((c, i) => (c.text && c.vMerge !== 'continue' ? [i] : []));
  const unfinished = (i: number) => /[^.!?;:\s]$/.test((last.cells[i] as RawCell).text);
  if (filled.length > 0 && noCapital && filled.every(unfinished)) return true;
  const unnumbered = first.cells.length > 2 && (first.cells[0] as RawCell).text === '' && (last.cells[0] as RawCell).text !== '';
  const firstText = first.cells.find((c) => c.text && c.vMerge !== 'continue')?.text ?? '';
  return unnumbered && /^[a-zа-яё]/.test(firstText);
}

/** Appends a table's part from the next page: the repeated heading rows go, a merge cut by the page goes on. */
function continueTable(table: PageTable, part: PageTable): void {
  let skip = 0;
  while (skip < part.rows.length && skip < table.rows.length && skip < 3 && rowKey(part.rows[skip] as RawRow) === rowKey(table.rows[skip] as RawRow)) skip++;
  if (skip > 0 && !(table.rows[skip - 1] as RawRow).cells.some((c) => c.text)) skip = 0;
  const rows = part.rows.slice(skip);
  const last = table.rows[table.rows.length - 1];
  const first = rows[0];
  if (last && first && isRowGoingOn(last, first)) {
    // A row broken by the page (Word and LibreOffice let rows break): its rest goes back into it.
    for (const [i, cell] of first.cells.entries()) {
      const target = last.cells[i] as RawCell;
      // The page broke the cell between two of its lines, most likely where the text wrapped.
      if (cell.text) target.text = target.text ? joinWrapped(target.text, cell.text, true) : cell.text;
    }
    rows.shift();
  } else if (last && first) {
    // A merged cell («Наименование этапа») cut by the page break: its empty part on the new page
    // continues it.
    const mergedAt = new Map<number, number>();
    let col = 0;
    for (const cell of last.cells) {
      if (cell.vMerge) mergedAt.set(col, cell.span);
      col += cell.span;
    }
    col = 0;
    for (const cell of first.cells) {
      if (mergedAt.get(col) === cell.span && cell.text === '' && cell.vMerge !== 'continue') cell.vMerge = 'continue';
      col += cell.span;
    }
  }
  table.rows.push(...rows);
}

/** Lays out the pages of a PDF as paragraphs and tables. */
export function layoutPdf(pages: readonly PdfPageLayout[]): SourceDocument {
  type Laid = PageTable | { kind: 'text'; paragraphs: Array<{ text: string; baseline: number }> };
  const laid: Laid[][] = pages.map((page) =>
    layoutPage(page).map((item): Laid => (item.kind === 'text' ? { kind: 'text', paragraphs: paragraphsOf(item, page.width) } : item)),
  );

  // Running headers and footers («Страница 2 из 5», «ПРОЕКТ», the document's name): the same text,
  // numbers aside, at the same height on at least half of the pages.
  const furnitureKey = (text: string, baseline: number) => `${Math.round(baseline / 3)}\u0000${text.replace(/\d+/g, '#')}`;
  const onPages = new Map<string, number>();
  for (const items of laid) {
    const keys = new Set(items.flatMap((item) => (item.kind === 'text' ? item.paragraphs.map((p) => furnitureKey(p.text, p.baseline)) : [])));
    for (const key of keys) onPages.set(key, (onPages.get(key) ?? 0) + 1);
  }
  const isFurniture = (text: string, baseline: number) =>
    pages.length >= 2 && (onPages.get(furnitureKey(text, baseline)) ?? 0) >= Math.max(2, Math.ceil(pages.length / 2));
  let furnitureDropped = 0;

  type DocItem = { kind: 'paragraph'; text: string; pageNumber: boolean } | { kind: 'table'; table: PageTable };
  const items: DocItem[] = [];
  let lastTableAt = -1;
  for (const [p, pageItems] of laid.entries()) {
    let firstTableOfPage = true;
    for (const item of pageItems) {
      if (item.kind === 'text') {
        for (const { text, baseline } of item.paragraphs) {
          // Kept once: where it stands before the document's first table (a mark above the title).
          if (isFurniture(text, baseline) && (p > 0 || lastTableAt >= 0)) {
            furnitureDropped++;
            continue;
          }
          items.push({ kind: 'paragraph', text, pageNumber: PAGE_NUMBER.test(text) });
        }
        continue;
      }
      if (firstTableOfPage && p > 0 && lastTableAt >= 0) {
        const previous = items[lastTableAt] as { kind: 'table'; table: PageTable };
        const between = items.slice(lastTableAt + 1);
        if (between.every((b) => b.kind === 'paragraph' && b.pageNumber) && sameColumns(previous.table.xs, item.xs)) {
          items.length = lastTableAt + 1;
          continueTable(previous.table, item);
          firstTableOfPage = false;
          continue;
        }
      }
      firstTableOfPage = false;
      items.push({ kind: 'table', table: item });
      lastTableAt = items.length - 1;
    }
  }

  const blocks: SourceBlock[] = [];
  for (const item of items) {
    if (item.kind === 'paragraph') {
      const text = cleanParagraph(item.text);
      if (text) blocks.push({ kind: 'paragraph', text });
      continue;
    }
    const rows = item.table.rows.map((row, i) => ({ ...row, source: i + 1 }));
    if (!rows.some((r) => r.cells.some((c) => c.text))) continue;
    blocks.push({ kind: 'table', table: toGrid(rows) });
  }
  return { blocks, rowLabel: 'строка таблицы', warnings: furnitureDropped ? [PDF_FURNITURE_WARNING] : [] };
}
