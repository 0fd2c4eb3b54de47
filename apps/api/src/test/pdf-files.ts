import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/**
 * PDF files for the import tests, made by code (no stored binaries): a roadmap drawn with pdfkit in
 * DejaVu Sans (npm `dejavu-fonts-ttf`, so Cyrillic is embedded and extractable) — header blocks, a
 * ruled table with wrapped cells, section rows spanning the table, page breaks with the heading row
 * repeated, portrait or landscape — and the hostile ones: a scan (an image only), an encrypted file, a
 * malformed one and a decompression bomb.
 */

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

type Doc = PDFKit.PDFDocument;

export const PDF_HEADING = ['№', 'Наименование мероприятия', 'Срок', 'Ответственный', 'Результат'] as const;

export interface PdfRoadmapItem {
  number: string;
  activity: string;
  deadline: string;
  responsible: string;
  result: string;
}

export interface PdfRoadmapSection {
  title: string;
  items: PdfRoadmapItem[];
}

export interface RoadmapPdfOptions {
  sections: PdfRoadmapSection[];
  /** Header blocks above the table: the annex note on the left, the approval on the right, the title. */
  header?: boolean;
  landscape?: boolean;
  /**
   * Landscape by `/Rotate 90`: portrait pages whose content is drawn turned, as scanners' and some
   * printers' PDFs are (the reader must lay the page out as it is shown, not as it is stored).
   */
  rotated?: boolean;
  /** Borders as thin filled rectangles (as Word and LibreOffice export them) instead of stroked lines. */
  filledBorders?: boolean;
  userPassword?: string;
}

/** Collects the document's bytes from now on; the returned function ends it and gives them. */
function collect(doc: Doc): () => Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return () => {
    doc.end();
    return ended;
  };
}

/** A roadmap as a PDF: the shapes of real ones exported from Word. */
export async function roadmapPdf(options: RoadmapPdfOptions): Promise<Buffer> {
  const margin = 36;
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margin,
    pdfVersion: '1.7',
    info: { Title: 'Дорожная карта' },
    ...(options.userPassword ? { userPassword: options.userPassword, ownerPassword: `${options.userPassword}-owner` } : {}),
  });
  const done = collect(doc);
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const stored = { width: doc.page.width, height: doc.page.height };
  const turn = () => {
    if (!options.rotated) return;
    (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.Rotate = 90;
    // Shown turned clockwise: draw in the shown page's coordinates (x right, y down on 842 × 595).
    doc.transform(0, -1, 1, 0, 0, stored.height);
  };
  turn();
  const shown = options.rotated ? { width: stored.height, height: stored.width } : stored;
  const pageWidth = shown.width;
  const bottom = shown.height - margin;
  const tableWidth = pageWidth - 2 * margin;
  let y = margin;

  if (options.header) {
    doc.font('regular').fontSize(10);
    doc.text('Приложение № 1', margin, y, { lineBreak: false });
    doc.text('к приказу от 12.03.2024 № 45-од', margin, y + 13, { lineBreak: false });
    const right = ['УТВЕРЖДАЮ', 'Директор МБОУ «СОШ № 5»', '__________ И.И. Иванова', '«12» марта 2024 г.'];
    for (const [i, line] of right.entries()) {
      const width = doc.widthOfString(line);
      doc.text(line, pageWidth - margin - width, y + i * 13, { lineBreak: false });
    }
    y += right.length * 13 + 24;
    doc.font('bold').fontSize(12);
    for (const line of ['Дорожная карта реализации программы наставничества «Вместе»', 'на 2024-2025 учебный год']) {
      const width = doc.widthOfString(line);
      doc.text(line, (pageWidth - width) / 2, y, { lineBreak: false });
      y += 16;
    }
    y += 12;
  }

  const fractions = [0.07, 0.4, 0.15, 0.18, 0.2];
  const widths = fractions.map((f) => f * tableWidth);
  const xs = widths.reduce<number[]>((acc, w) => [...acc, (acc[acc.length - 1] as number) + w], [margin]);
  const pad = 4;
  const size = 9;

  const rule = (x1: number, y1: number, x2: number, y2: number) => {
    if (options.filledBorders) {
      doc.rect(Math.min(x1, x2), Math.min(y1, y2), Math.max(Math.abs(x2 - x1), 0.6), Math.max(Math.abs(y2 - y1), 0.6)).fill('#000000');
    } else {
      doc.moveTo(x1, y1).lineTo(x2, y2).lineWidth(0.5).stroke('#000000');
    }
  };
  const heightOf = (text: string, width: number, bold = false) =>
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(size)
      .heightOfString(text, { width: width - 2 * pad }) +
    2 * pad;
  const drawRow = (cells: Array<{ text: string; from: number; to: number; bold?: boolean }>) => {
    const height = Math.max(...cells.map((c) => heightOf(c.text, (xs[c.to] as number) - (xs[c.from] as number), c.bold)));
    if (y + height > bottom) {
      doc.addPage();
      turn();
      y = margin;
      drawHeading();
    }
    for (const cell of cells) {
      const x1 = xs[cell.from] as number;
      const x2 = xs[cell.to] as number;
      doc
        .font(cell.bold ? 'bold' : 'regular')
        .fontSize(size)
        .fillColor('#000000')
        .text(cell.text, x1 + pad, y + pad, { width: x2 - x1 - 2 * pad });
      rule(x1, y, x1, y + height);
      rule(x2, y, x2, y + height);
      rule(x1, y, x2, y);
      rule(x1, y + height, x2, y + height);
    }
    y += height;
  };
  const drawHeading = () => drawRow(PDF_HEADING.map((text, i) => ({ text, from: i, to: i + 1, bold: true })));

  drawHeading();
  for (const section of options.sections) {
    drawRow([{ text: section.title, from: 0, to: 5, bold: true }]);
    for (const item of section.items) {
      drawRow([item.number, item.activity, item.deadline, item.responsible, item.result].map((text, i) => ({ text, from: i, to: i + 1 })));
    }
  }
  return done();
}

/** A 200×200 grey PNG built by hand: signature, IHDR, IDAT (zlib), IEND. */
export function greyPng(size = 200): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const raw = Buffer.alloc((size + 1) * size, 0x99);
  for (let row = 0; row < size; row++) raw[row * (size + 1)] = 0; // filter: none
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A «scanned» roadmap: pages with an image and no text layer. */
export async function scannedPdf(pages = 2): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 36 });
  const done = collect(doc);
  const png = greyPng();
  for (let i = 0; i < pages; i++) {
    if (i > 0) doc.addPage();
    doc.image(png, 36, 36, { width: 500 });
  }
  return done();
}

/** Not a PDF behind its header. */
export function malformedPdf(): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    Buffer.from('это не PDF: 1 0 obj << /Type /Broken >> xref trailer garbage ', 'utf8'),
    Buffer.alloc(512, 0x37),
  ]);
}

/** Objects written one after another with a correct cross-reference table. */
function handWrittenPdf(objects: Buffer[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  for (const [i, body] of objects.entries()) {
    offsets.push(offset);
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(object);
    offset += object.length;
  }
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const stream = (dictionary: string, data: Buffer) =>
  Buffer.concat([Buffer.from(`<< ${dictionary} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);

/**
 * A decompression bomb: a one-page PDF whose content stream is FlateDecode of `megabytes` MB of zeros
 * (a few hundred kilobytes on disk). Valid otherwise: without the reader's check pdf.js would inflate it.
 */
export function bombPdf(megabytes = 300): Buffer {
  const zeros = Buffer.alloc(megabytes * 1024 * 1024);
  const packed = deflateSync(zeros, { level: 9 });
  return handWrittenPdf([
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>'),
    stream('/Filter /FlateDecode', packed),
  ]);
}

/**
 * The same bomb with its deflated bytes written as hex (`[/ASCIIHexDecode /FlateDecode]`): the bomb
 * check cannot inflate it as it stands, so only the reader's memory watch stops it.
 */
export function hexWrappedBombPdf(megabytes = 300): Buffer {
  const packed = deflateSync(Buffer.alloc(megabytes * 1024 * 1024), { level: 9 });
  return handWrittenPdf([
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>'),
    stream('/Filter [/ASCIIHexDecode /FlateDecode]', Buffer.from(`${packed.toString('hex')}>`)),
  ]);
}

/** A small valid PDF with one line of text in a standard font (Helvetica), compressed or not. */
export function plainTextPdf(text = 'Plan'): Buffer {
  const content = Buffer.from(`BT /F1 12 Tf 72 720 Td (${text}) Tj ET`);
  return handWrittenPdf([
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'),
    stream('/Filter /FlateDecode', deflateSync(content)),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
  ]);
}

/** Items for a roadmap of `sections` × `perSection` rows, with long activities that wrap in their cells. */
export function sampleSections(sections: number, perSection: number): PdfRoadmapSection[] {
  const months = ['сентябрь 2024', 'октябрь 2024', 'ноябрь 2024', 'декабрь 2024', 'январь 2025', 'февраль 2025', 'март 2025', 'апрель 2025', 'май 2025'];
  return Array.from({ length: sections }, (_, s) => ({
    title: `${s + 1}. ${['Организационный этап', 'Основной этап', 'Итоговый этап', 'Этап контроля'][s % 4]}`,
    items: Array.from({ length: perSection }, (_, i) => ({
      number: `${s + 1}.${i + 1}`,
      activity: i % 2 === 0 ? `Проведение встречи наставников и наставляемых по теме ${i + 1} с обсуждением плана работы` : `Семинар ${i + 1}`,
      deadline: months[(s * perSection + i) % months.length] as string,
      responsible: i % 3 === 0 ? 'Куратор программы' : 'Заместитель директора по УВР',
      result: 'Протокол',
    })),
  }));
}
