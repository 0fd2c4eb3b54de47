import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create as createFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { DocumentRow, RevisionDocument, SignatureBlock } from './layout.js';

/**
 * The revision as a PDF (pdfkit, pure JS): the same layout as the DOCX, drawn by hand so that long
 * cells break across pages with the header row repeated. The font is PT Serif (ParaType, OFL),
 * shipped as TTF by the npm package `@expo-google-fonts/pt-serif` and embedded as a subset — never a
 * system font — so Cyrillic renders and extracts the same on every machine.
 */

export const PDF_CONTENT_TYPE = 'application/pdf';

const require = createRequire(import.meta.url);
export const PDF_FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/pt-serif/400Regular/PTSerif_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/pt-serif/700Bold/PTSerif_700Bold.ttf'),
} as const;

let fonts: { regular: Buffer; bold: Buffer; outlines: Font } | undefined;
function fontData() {
  if (!fonts) {
    const bold = readFileSync(PDF_FONT_FILES.bold);
    fonts = { regular: readFileSync(PDF_FONT_FILES.regular), bold, outlines: createFont(bold) };
  }
  return fonts;
}

/**
 * The watermark as glyph outlines, not text: it shows on every page but stays out of the text
 * layer (copying, search, screen readers and pdftotext read the document, not «ПРОЕКТ» letters).
 */
function drawWatermark(doc: Doc, text: string, size: number, color: string, opacity: number): void {
  const font = fontData().outlines;
  const run = font.layout(text);
  const scale = size / font.unitsPerEm;
  const width = run.positions.reduce((sum, p) => sum + p.xAdvance, 0) * scale;
  doc.save();
  doc.rotate(-28, { origin: [PAGE.width / 2, PAGE.height / 2] });
  doc.translate((PAGE.width - width) / 2, PAGE.height / 2 + (font.capHeight * scale) / 2);
  doc.scale(scale, -scale);
  doc.fillColor(color).fillOpacity(opacity);
  let pen = 0;
  for (const [i, glyph] of run.glyphs.entries()) {
    const outline = glyph.path.toSVG();
    if (outline) {
      doc.save();
      doc.translate(pen, 0);
      doc.path(outline).fill();
      doc.restore();
    }
    pen += run.positions[i]!.xAdvance;
  }
  doc.restore();
}

type Doc = PDFKit.PDFDocument;

/** A4 landscape, in points. */
const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = { top: 46, bottom: 46, left: 57, right: 40 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;

const SIZE = { body: 11, title: 13, titleFirst: 14, table: 9.5, header: 8.5, watermark: 110 };
const LEADING = 1.22;
const PAD = 3;
const BORDER = 0.5;
const COLORS = { text: '#000000', mark: '#c00000', muted: '#595959', section: '#ededed', head: '#d9d9d9', watermark: '#c00000' };

interface Line {
  text: string;
  bold: boolean;
}

type Align = 'left' | 'center';

/**
 * Advance widths of words at size 1, per font: a line's width is the sum of its words' and spaces'
 * (shaping every candidate line with fontkit would make a 500-item roadmap take seconds). Bounded.
 */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_MAX = 50_000;

function measure(doc: Doc, font: 'regular' | 'bold', size: number): (value: string) => number {
  return (value) => {
    const key = `${font}\u0000${value}`;
    let width = widthCache.get(key);
    if (width === undefined) {
      if (widthCache.size >= WIDTH_CACHE_MAX) widthCache.clear();
      width = doc.widthOfString(value) / size;
      widthCache.set(key, width);
    }
    return width * size;
  };
}

/** Greedy word wrap with the font's real metrics; words wider than the column break after a dash, else by characters. */
function wrap(doc: Doc, text: string, width: number, size: number, bold = false): Line[] {
  const font = bold ? 'bold' : 'regular';
  doc.font(font).fontSize(size);
  const measureOf = measure(doc, font, size);
  const space = measureOf(' ');
  const lines: Line[] = [];
  for (const paragraph of text.replace(/\t/g, ' ').split('\n')) {
    let current = '';
    let currentWidth = 0;
    const push = () => {
      if (current) lines.push({ text: current, bold });
      current = '';
      currentWidth = 0;
    };
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      const wordWidth = measureOf(word);
      const candidate = current ? currentWidth + space + wordWidth : wordWidth;
      if (candidate <= width) {
        current = current ? `${current} ${word}` : word;
        currentWidth = candidate;
        continue;
      }
      push();
      if (wordWidth <= width) {
        current = word;
        currentWidth = wordWidth;
        continue;
      }
      for (const piece of word.split(/(?<=[-–—/])/)) {
        const pieceWidth = measureOf(piece);
        if (currentWidth + pieceWidth <= width) {
          current += piece;
          currentWidth += pieceWidth;
          continue;
        }
        push();
        for (const char of piece) {
          const charWidth = measureOf(char);
          if (current && currentWidth + charWidth > width) push();
          current += char;
          currentWidth += charWidth;
        }
      }
    }
    lines.push({ text: current, bold });
  }
  return lines;
}

class Writer {
  y = MARGIN.top;
  pageTop = MARGIN.top;
  private readonly widths: number[];
  private readonly lineHeight = SIZE.table * LEADING;

  constructor(
    private readonly doc: Doc,
    private readonly model: RevisionDocument,
  ) {
    this.widths = model.columns.map((column) => column.width * CONTENT_WIDTH);
  }

  newPage(): void {
    const { doc, model } = this;
    doc.addPage({ size: 'A4', layout: 'landscape', margins: MARGIN });
    if (model.watermark) drawWatermark(doc, model.watermark, SIZE.watermark, COLORS.watermark, 0.07);
    const top = 20;
    if (model.mark) {
      doc.font('bold').fontSize(SIZE.header).fillColor(COLORS.mark).fillOpacity(1);
      doc.text(model.mark, MARGIN.left, top, { lineBreak: false });
    }
    doc.font('regular').fontSize(SIZE.header).fillColor(COLORS.muted).fillOpacity(1);
    doc.text(model.revisionNote, PAGE.width - MARGIN.right - doc.widthOfString(model.revisionNote), top, { lineBreak: false });
    doc.fillColor(COLORS.text);
    this.y = this.pageTop = MARGIN.top;
  }

  /** Lines one under another at x; returns the y below them. */
  private lines(lines: Line[], x: number, y: number, size: number, width: number, align: Align = 'left', color = COLORS.text): number {
    const { doc } = this;
    for (const line of lines) {
      doc
        .font(line.bold ? 'bold' : 'regular')
        .fontSize(size)
        .fillColor(color);
      const dx = align === 'center' ? (width - doc.widthOfString(line.text)) / 2 : 0;
      if (line.text) doc.text(line.text, x + dx, y, { lineBreak: false });
      y += size * LEADING;
    }
    return y;
  }

  signature(block: SignatureBlock, x: number, width: number): number {
    const lines = [...wrap(this.doc, block.heading, width, SIZE.body, true), ...block.lines.flatMap((value) => wrap(this.doc, value, width, SIZE.body))];
    return this.lines(lines, x, this.y, SIZE.body, width);
  }

  head(): void {
    const { doc, model } = this;
    if (model.mark) {
      // Red, as in the page header.
      this.y = this.lines(wrap(doc, model.mark, CONTENT_WIDTH, SIZE.body, true), MARGIN.left, this.y, SIZE.body, CONTENT_WIDTH, 'center', COLORS.mark);
      this.y += 6;
    }
    const side = CONTENT_WIDTH * 0.38;
    const left = this.signature(model.agreement, MARGIN.left, side);
    const right = this.signature(model.approval, MARGIN.left + CONTENT_WIDTH - side, side);
    this.y = Math.max(left, right) + 16;
    const titleWidth = CONTENT_WIDTH * 0.85;
    const titleX = MARGIN.left + (CONTENT_WIDTH - titleWidth) / 2;
    for (const [i, value] of model.title.entries()) {
      const size = i === 0 && model.title.length > 1 ? SIZE.titleFirst : SIZE.title;
      this.y = this.lines(wrap(doc, value, titleWidth, size, true), titleX, this.y, size, titleWidth, 'center');
    }
    if (model.subtitle) this.y = this.lines(wrap(doc, model.subtitle, titleWidth, SIZE.body), titleX, this.y, SIZE.body, titleWidth, 'center');
    this.y += 10;
  }

  private cellLines(row: DocumentRow): Line[][] {
    const inner = (width: number) => width - 2 * PAD;
    if (row.kind === 'section') {
      return [
        [
          ...wrap(this.doc, row.title, inner(CONTENT_WIDTH), SIZE.table, true),
          ...row.lines.flatMap((value) => wrap(this.doc, value, inner(CONTENT_WIDTH), SIZE.table)),
        ],
      ];
    }
    return row.cells.map((value, c) => wrap(this.doc, value, inner(this.widths[c]!), SIZE.table));
  }

  private heightOf(lineCount: number): number {
    return lineCount * this.lineHeight + 2 * PAD;
  }

  /** One slice of a row: `count` lines of every cell from `offset`, with borders and fill. */
  private segment(cells: Line[][], widths: number[], offset: number[], count: number, fill: string | null, align: Align[]): void {
    const { doc } = this;
    const height = this.heightOf(count);
    let x = MARGIN.left;
    for (const [c, lines] of cells.entries()) {
      const width = widths[c]!;
      if (fill) doc.rect(x, this.y, width, height).fillColor(fill).fill();
      doc.lineWidth(BORDER).strokeColor('#000000').rect(x, this.y, width, height).stroke();
      this.lines(lines.slice(offset[c]!, offset[c]! + count), x + PAD, this.y + PAD, SIZE.table, width - 2 * PAD, align[c]);
      x += width;
    }
    this.y += height;
  }

  private headerCells = (): Line[][] => this.model.columns.map((column, c) => wrap(this.doc, column.label, this.widths[c]! - 2 * PAD, SIZE.table, true));

  headerRow(): void {
    const cells = this.headerCells();
    const count = Math.max(...cells.map((lines) => lines.length));
    this.segment(
      cells,
      this.widths,
      cells.map(() => 0),
      count,
      COLORS.head,
      cells.map(() => 'center'),
    );
  }

  private continueOnNewPage(): void {
    this.newPage();
    this.headerRow();
  }

  /** A row; it moves to the next page when it fits there, else it is split line by line. */
  row(row: DocumentRow, next: DocumentRow | undefined): void {
    const cells = this.cellLines(row);
    const widths = row.kind === 'section' ? [CONTENT_WIDTH] : this.widths;
    const fill = row.kind === 'section' ? COLORS.section : null;
    const align: Align[] = row.kind === 'section' ? ['left'] : this.model.columns.map((column) => (column.key === 'number' ? 'center' : 'left'));
    const offset = cells.map(() => 0);
    const headerHeight = this.heightOf(Math.max(...this.headerCells().map((lines) => lines.length)));
    const freshRoom = BOTTOM - MARGIN.top - headerHeight;
    // A section heading keeps at least a few lines of its first item with it.
    const keepWith = row.kind === 'section' && next?.kind === 'item' ? this.heightOf(Math.min(3, Math.max(...this.cellLines(next).map((l) => l.length)))) : 0;
    for (;;) {
      const rest = Math.max(...cells.map((lines, c) => lines.length - offset[c]!));
      const needed = this.heightOf(rest);
      const room = BOTTOM - this.y;
      if (needed + keepWith <= room) {
        this.segment(cells, widths, offset, rest, fill, align);
        return;
      }
      const atTop = this.y <= this.pageTop + headerHeight + 0.01;
      if (!atTop && needed + keepWith <= freshRoom) {
        this.continueOnNewPage();
        continue;
      }
      const fit = Math.floor((room - 2 * PAD) / this.lineHeight);
      if (fit < 2 && !atTop) {
        this.continueOnNewPage();
        continue;
      }
      const count = Math.max(1, Math.min(fit, rest));
      this.segment(cells, widths, offset, count, fill, align);
      for (let c = 0; c < offset.length; c++) offset[c] = Math.min(cells[c]!.length, offset[c]! + count);
      if (offset.every((value, c) => value >= cells[c]!.length)) return;
      this.continueOnNewPage();
    }
  }

  footers(): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const label = `Страница ${i - range.start + 1} из ${range.count}`;
      doc.font('regular').fontSize(SIZE.header).fillColor(COLORS.muted).fillOpacity(1);
      doc.text(label, (PAGE.width - doc.widthOfString(label)) / 2, PAGE.height - 30, { lineBreak: false });
    }
  }
}

export async function renderPdf(model: RevisionDocument, createdAt: Date): Promise<Buffer> {
  const { regular, bold } = fontData();
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    size: 'A4',
    layout: 'landscape',
    margins: MARGIN,
    lang: 'ru-RU',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: model.meta.title, Subject: model.meta.subject, Author: 'Наставник', Creator: 'Наставник', CreationDate: createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);

  const writer = new Writer(doc, model);
  writer.newPage();
  writer.head();
  writer.headerRow();
  for (const [i, row] of model.rows.entries()) writer.row(row, model.rows[i + 1]);
  writer.footers();
  doc.end();
  return done;
}
