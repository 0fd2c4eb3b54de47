/**
 * The PDF reader's task, run in a pooled worker thread (pdf.ts: piscina, with memory limits and a
 * deadline): checks the file for decompression bombs, opens it with pdf.js, takes each page's text
 * runs and ruling lines, and lays them out with the domain's `layoutPdf`. Returns one `PdfWorkerResult`.
 *
 * This file is loaded as a worker, not imported: from `dist` as compiled JavaScript, in the tests as
 * TypeScript through Node's type stripping — so it uses erasable TypeScript only and imports nothing
 * of this repository by a relative path.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { constants as zlib, inflateSync } from 'node:zlib';
import { layoutPdf, type PdfPageLayout, type PdfRule, type PdfTextRun, type SourceDocument } from '@nastavnik/domain';

export interface PdfWorkerInput {
  bytes: Uint8Array;
  maxPages: number;
  /** Caps of the bomb check: one stream's and all streams' inflated size. */
  maxStreamBytes: number;
  maxTotalBytes: number;
  /**
   * One of `count` workers reading one long document together: this one reads the `index`-th run of its
   * pages and returns them unlaid (`layoutTask` lays out the whole). Absent: the whole file, laid out.
   */
  part?: { index: number; count: number };
}

type PdfFailure = { ok: false; reason: 'too-large' | 'encrypted' | 'corrupt' | 'no-text' } | { ok: false; reason: 'too-many-pages'; pages: number };

export type PdfWorkerResult = { ok: true; source: SourceDocument } | PdfFailure;

/** A part's pages, in order; an empty list when the document is too short to share out. */
export type PdfPartResult = { ok: true; pages: PdfPageLayout[] } | PdfFailure;

/** Documents shorter than this are read by one worker alone (opening the file twice would cost more). */
export const MIN_PAGES_TO_SHARE = 8;

/** Images larger than this many pixels are not decoded (their text, if any, is still read). */
const MAX_IMAGE_PIXELS = 25_000_000;
/** Rules collected per page at most (a drawing of thousands of strokes is no table). */
const MAX_RULES_PER_PAGE = 20_000;

// pdf.js OPS and DrawOPS codes (pdf.js 6: paths come as `constructPath [paintOp, [Float32Array], minMax]`).
const OPS = {
  save: 10,
  restore: 11,
  transform: 12,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  constructPath: 91,
} as const;
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;
const STROKES: ReadonlySet<number> = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILLS: ReadonlySet<number> = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

type Matrix = [number, number, number, number, number, number];

const multiply = (m: readonly number[], n: readonly number[]): Matrix => [
  (m[0] as number) * (n[0] as number) + (m[2] as number) * (n[1] as number),
  (m[1] as number) * (n[0] as number) + (m[3] as number) * (n[1] as number),
  (m[0] as number) * (n[2] as number) + (m[2] as number) * (n[3] as number),
  (m[1] as number) * (n[2] as number) + (m[3] as number) * (n[3] as number),
  (m[0] as number) * (n[4] as number) + (m[2] as number) * (n[5] as number) + (m[4] as number),
  (m[1] as number) * (n[4] as number) + (m[3] as number) * (n[5] as number) + (m[5] as number),
];

const apply = (m: readonly number[], x: number, y: number): [number, number] => [
  (m[0] as number) * x + (m[2] as number) * y + (m[4] as number),
  (m[1] as number) * x + (m[3] as number) * y + (m[5] as number),
];

// ————— the bomb check —————

const STREAM = Buffer.from('stream');
const ENDSTREAM = Buffer.from('endstream');

/**
 * Inflates every FlateDecode stream of the file with a cap per stream and in total. Hand-written
 * because pdf.js has no limit on decoded sizes: a few kilobytes of deflated zeros would decode to
 * gigabytes inside it. Streams that fail to inflate (encrypted, damaged) are left to pdf.js to judge.
 * Returns false when the file decodes to more than the caps allow.
 */
export function withinInflateLimits(bytes: Uint8Array, maxStreamBytes: number, maxTotalBytes: number): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let from = 0;
  while (from < buffer.length) {
    const at = buffer.indexOf(STREAM, from);
    if (at < 0) break;
    from = at + STREAM.length;
    // «endstream» also contains «stream»; a keyword is preceded by a delimiter.
    if (at >= 3 && buffer.subarray(at - 3, at).toString('latin1') === 'end') continue;
    let start = from;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] === 0x0a) start++;
    if (start === from) continue; // «stream» as part of a name or text, not the keyword
    const end = buffer.indexOf(ENDSTREAM, start);
    if (end < 0) break;
    from = end + ENDSTREAM.length;
    // The stream's dictionary: the text after the previous «obj» keyword, at most 4 KB back.
    const dictionary = buffer.subarray(Math.max(0, at - 4096), at).toString('latin1');
    const objAt = dictionary.lastIndexOf('obj');
    if (!/\/FlateDecode|\/Fl\b/.test(objAt >= 0 ? dictionary.slice(objAt) : dictionary)) continue;
    try {
      // Z_SYNC_FLUSH: a stream cut short still counts with what it decodes to.
      const out = inflateSync(buffer.subarray(start, end), { maxOutputLength: maxStreamBytes, finishFlush: zlib.Z_SYNC_FLUSH });
      total += out.length;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return false;
      continue;
    }
    if (total > maxTotalBytes) return false;
  }
  return true;
}

// ————— pdf.js —————

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
}

/** Axis-aligned rectangles and straight segments of a path, in page coordinates. */
function pathRules(data: ArrayLike<number>, ctm: readonly number[], stroked: boolean, filled: boolean, out: PdfRule[]): void {
  const subpaths: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  for (let i = 0; i < data.length;) {
    const op = data[i++];
    if (op === DRAW.moveTo) {
      if (current.length) subpaths.push(current);
      current = [apply(ctm, data[i] as number, data[i + 1] as number)];
      i += 2;
    } else if (op === DRAW.lineTo) {
      current.push(apply(ctm, data[i] as number, data[i + 1] as number));
      i += 2;
    } else if (op === DRAW.curveTo) {
      // A curve ends the straight run; keep its end point as the new start.
      if (current.length) subpaths.push(current);
      current = [apply(ctm, data[i + 4] as number, data[i + 5] as number)];
      i += 6;
    } else if (op === DRAW.quadraticCurveTo) {
      if (current.length) subpaths.push(current);
      current = [apply(ctm, data[i + 2] as number, data[i + 3] as number)];
      i += 4;
    } else if (op === DRAW.closePath) {
      if (current.length) {
        current.push(current[0] as [number, number]);
        subpaths.push(current);
        current = [current[0] as [number, number]];
      }
    } else break;
  }
  if (current.length) subpaths.push(current);

  for (const points of subpaths) {
    if (points.length < 2) continue;
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const x1 = Math.min(...xs);
    const x2 = Math.max(...xs);
    const y1 = Math.min(...ys);
    const y2 = Math.max(...ys);
    const isRectangle =
      points.length >= 4 &&
      points.length <= 5 &&
      points.every(([x, y]) => (Math.abs(x - x1) < 0.01 || Math.abs(x - x2) < 0.01) && (Math.abs(y - y1) < 0.01 || Math.abs(y - y2) < 0.01));
    if (isRectangle && filled && !stroked) {
      // A thin filled rectangle is a border (Word, LibreOffice); a large one is a background.
      if (x2 - x1 <= 4 || y2 - y1 <= 4) out.push({ x1, y1, x2, y2 });
      continue;
    }
    if (!stroked) continue;
    for (let k = 1; k < points.length; k++) {
      const [ax, ay] = points[k - 1] as [number, number];
      const [bx, by] = points[k] as [number, number];
      if (Math.abs(ax - bx) < 0.5 || Math.abs(ay - by) < 0.5) out.push({ x1: ax, y1: ay, x2: bx, y2: by });
    }
  }
}

/** The pages `part` reads of a document of `total`: a contiguous run, so the parts join in order. */
export function pagesOfPart(total: number, part: { index: number; count: number } | undefined): [number, number] {
  if (!part || part.count <= 1) return [1, total];
  if (total < MIN_PAGES_TO_SHARE) return part.index === 0 ? [1, total] : [1, 0];
  return [Math.floor((part.index * total) / part.count) + 1, Math.floor(((part.index + 1) * total) / part.count)];
}

async function readPages(input: PdfWorkerInput): Promise<PdfPartResult> {
  if (!withinInflateLimits(input.bytes, input.maxStreamBytes, input.maxTotalBytes)) return { ok: false, reason: 'too-large' };

  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const require = createRequire(import.meta.url);
  const pdfjsDir = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const task = pdfjs.getDocument({
    data: input.bytes,
    // pdf.js 6 has no `isEvalSupported` any more: it never compiles fonts with eval.
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    maxImageSize: MAX_IMAGE_PIXELS,
    cMapUrl: `${pdfjsDir}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${pdfjsDir}/standard_fonts/`,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (name === 'PasswordException' || /password/i.test((error as { message?: string }).message ?? '')) return { ok: false, reason: 'encrypted' };
    return { ok: false, reason: 'corrupt' };
  }
  if (doc.numPages > input.maxPages) return { ok: false, reason: 'too-many-pages', pages: doc.numPages };

  const pages: PdfPageLayout[] = [];
  const [first, last] = pagesOfPart(doc.numPages, input.part);
  for (let n = first; n <= last; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const vt = viewport.transform;
    const content = await page.getTextContent();
    const runs: PdfTextRun[] = [];
    for (const raw of content.items as TextItemLike[]) {
      if (typeof raw.str !== 'string' || !raw.str.trim() || !raw.transform) continue;
      const t = multiply(vt, raw.transform);
      const height = Math.hypot(t[2], t[3]);
      if (!(height > 0)) continue;
      runs.push({ text: raw.str, x: t[4], y: t[5] - height, width: (raw.width ?? 0) * viewport.scale, height });
    }
    const rules: PdfRule[] = [];
    // A page without text needs no lines (and its images are not decoded).
    if (runs.length) {
      const list = await page.getOperatorList();
      let ctm: Matrix = [...vt] as Matrix;
      const stack: Matrix[] = [];
      for (let i = 0; i < list.fnArray.length && rules.length < MAX_RULES_PER_PAGE; i++) {
        const fn = list.fnArray[i];
        const args = list.argsArray[i] as unknown[] | null;
        if (fn === OPS.save) stack.push(ctm);
        else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
        else if (fn === OPS.transform && args) ctm = multiply(ctm, args as number[]);
        else if (fn === OPS.paintFormXObjectBegin) {
          stack.push(ctm);
          const matrix = args?.[0] as number[] | null | undefined;
          if (matrix && matrix.length === 6) ctm = multiply(ctm, Array.from(matrix));
        } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
        else if (fn === OPS.constructPath && args) {
          const paint = args[0] as number;
          const data = (args[1] as Array<ArrayLike<number> | null> | undefined)?.[0];
          if (data && (STROKES.has(paint) || FILLS.has(paint))) pathRules(data, ctm, STROKES.has(paint), FILLS.has(paint), rules);
        }
      }
    }
    pages.push({ width: viewport.width, height: viewport.height, runs, rules });
    page.cleanup();
  }
  await task.destroy();
  return { ok: true, pages };
}

/** The pages laid out as paragraphs and tables, or why not: a PDF whose pages have no text is a scan. */
function laidOut(pages: PdfPageLayout[]): PdfWorkerResult {
  if (!pages.some((p) => p.runs.length)) return { ok: false, reason: 'no-text' };
  return { ok: true, source: layoutPdf(pages) };
}

/**
 * The task piscina runs in a pooled worker thread (pdf.ts): one PDF in, one result out — or, with
 * `part`, that part's pages.
 */
export default async function readPdfTask(input: PdfWorkerInput): Promise<PdfWorkerResult | PdfPartResult> {
  try {
    const result = await readPages(input);
    return !result.ok || input.part ? result : laidOut(result.pages);
  } catch {
    // Never the document's text: only that it could not be read.
    return { ok: false, reason: 'corrupt' };
  }
}

/** The second step of a document read in parts: the parts' pages, joined in order, laid out. */
export function layoutTask(pages: PdfPageLayout[]): PdfWorkerResult {
  try {
    return laidOut(pages);
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
}
