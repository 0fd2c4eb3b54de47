import { IMPORT_ERRORS_RU, previewFromSource, type ImportFailure, type ImportPreview, type SourceDocument } from '@nastavnik/domain';
import { describe, expect, it } from 'vitest';
import {
  bombPdf,
  hexWrappedBombPdf,
  malformedPdf,
  PDF_HEADING,
  plainTextPdf,
  roadmapPdf,
  sampleSections,
  scannedPdf,
  type PdfRoadmapSection,
} from '../../test/pdf-files.js';
import { createPdfReader } from './pdf.js';
import { withinInflateLimits } from './pdf-worker.js';

/**
 * The PDF reader on PDFs made by code (src/test/pdf-files.ts): pdf.js in its worker, the layout, and
 * the domain's preview on top — a table over several pages, landscape pages (by size and by
 * `/Rotate`), the header blocks; and the files it must refuse with a Russian message.
 */

const reader = createPdfReader({ pdfTimeoutMs: 30_000, pdfMaxPages: 300 });

const isFailure = (value: SourceDocument | ImportFailure): value is ImportFailure => 'ok' in value && value.ok === false;

async function preview(bytes: Uint8Array): Promise<ImportPreview> {
  const source = await reader.read(bytes);
  if (isFailure(source)) throw new Error(`${source.code}: ${source.message}`);
  const result = previewFromSource(source, { fileName: 'Дорожная карта.pdf', format: 'pdf' });
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result;
}

/** Sections and items of a preview, in the shape the factory was given. */
const asSections = (p: ImportPreview): PdfRoadmapSection[] =>
  p.sections.map((s) => ({
    title: [s.number, s.title].filter(Boolean).join(' '),
    items: s.items.map((i) => ({ number: i.number, activity: i.activity, deadline: i.deadlineText, responsible: i.responsible, result: i.expectedResult })),
  }));

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('PDF reader: roadmaps', () => {
  it('reads a table over several pages: sections and items exact, the repeated heading row no item', async () => {
    const sections = sampleSections(3, 12);
    const pdf = await roadmapPdf({ header: true, sections });
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    const p = await preview(pdf);
    expect(p.format).toBe('pdf');
    expect(asSections(p)).toEqual(sections);
    expect(p.stats).toEqual({ rows: 39, items: 36, sections: 3 });
    expect(p.columns.map((c) => [c.heading, c.mappedTo])).toEqual([
      ['№', 'number'],
      ['Наименование мероприятия', 'activity'],
      ['Срок', 'deadline'],
      ['Ответственный', 'responsible'],
      ['Результат', 'expectedResult'],
    ]);
    const activities = p.sections.flatMap((s) => s.items.map((i) => i.activity));
    expect(activities).not.toContain(PDF_HEADING[1]);
    expect(p.unmapped).toEqual([]);
  });

  it("reads a long PDF in parts on all the workers, joined in order: the result is the whole document's", async () => {
    const sections = sampleSections(8, 40);
    const pdf = await roadmapPdf({ header: true, sections });
    // Long enough to be shared out (pdf.ts: at least 64 KB, at least 8 pages).
    expect(pdf.byteLength).toBeGreaterThan(64 * 1024);
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(8);
    const p = await preview(pdf);
    expect(asSections(p)).toEqual(sections);
    expect(p.header.approval?.name).toBe('И.И. Иванова');
  });

  it('reads the header blocks: the title, the approval (position, name, date), the programme and the period', async () => {
    const p = await preview(await roadmapPdf({ header: true, sections: sampleSections(1, 2) }));
    expect(p.header.title).toBe('Дорожная карта реализации программы наставничества «Вместе» на 2024-2025 учебный год');
    expect(p.header.approval).toMatchObject({
      heading: 'УТВЕРЖДАЮ',
      position: 'Директор',
      organization: 'МБОУ «СОШ № 5»',
      name: 'И.И. Иванова',
      date: '2024-03-12',
    });
    expect(p.header.programmeName).toBe('Вместе');
    expect(p.header.period).toMatchObject({ periodStart: '2024-09-01', periodEnd: '2025-08-31', source: 'document' });
    expect(p.preamble).toEqual([
      'Приложение № 1',
      'к приказу от 12.03.2024 № 45-од',
      'УТВЕРЖДАЮ',
      'Директор МБОУ «СОШ № 5»',
      '__________ И.И. Иванова',
      '«12» марта 2024 г.',
      'Дорожная карта реализации программы наставничества «Вместе»',
      'на 2024-2025 учебный год',
    ]);
  });

  it('reads landscape pages: A4 turned, with borders drawn as thin filled rectangles', async () => {
    const sections = sampleSections(2, 14);
    const pdf = await roadmapPdf({ landscape: true, filledBorders: true, header: true, sections });
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    const p = await preview(pdf);
    expect(asSections(p)).toEqual(sections);
    expect(p.header.approval?.name).toBe('И.И. Иванова');
  });

  it('reads pages turned by /Rotate 90 as they are shown', async () => {
    const sections = sampleSections(2, 10);
    const pdf = await roadmapPdf({ rotated: true, header: true, sections });
    expect(pdf.toString('latin1')).toMatch(/\/Rotate 90/);
    const p = await preview(pdf);
    expect(asSections(p)).toEqual(sections);
    expect(p.header.title).toBe('Дорожная карта реализации программы наставничества «Вместе» на 2024-2025 учебный год');
  });

  it('leaves the caller’s bytes as they were', async () => {
    const pdf = plainTextPdf('Plan');
    const before = Buffer.from(pdf);
    const source = await reader.read(pdf);
    expect(source).toEqual({ blocks: [{ kind: 'paragraph', text: 'Plan' }], rowLabel: 'строка таблицы', warnings: [] });
    expect(Buffer.compare(pdf, before)).toBe(0);
  });
});

describe('PDF reader: files it refuses, with a Russian message', () => {
  it('a scan (images only): no text layer', async () => {
    expect(await reader.read(await scannedPdf())).toEqual({ ok: false, code: 'NO_TEXT_LAYER', message: IMPORT_ERRORS_RU.pdfNoText });
    expect(IMPORT_ERRORS_RU.pdfNoText).toMatch(/^В PDF нет текстового слоя/);
  });

  it('a password-protected file', async () => {
    const pdf = await roadmapPdf({ sections: sampleSections(1, 2), userPassword: 'secret' });
    expect(await reader.read(pdf)).toEqual({
      ok: false,
      code: 'ENCRYPTED',
      message: 'Файл PDF защищён паролем — снимите защиту (сохраните PDF без пароля) и загрузите снова',
    });
  });

  it('a malformed file', async () => {
    expect(await reader.read(malformedPdf())).toEqual({ ok: false, code: 'CORRUPT', message: 'Файл PDF повреждён или не читается' });
    expect(await reader.read(Buffer.from('%PDF-1.7'))).toMatchObject({ code: 'CORRUPT' });
  });

  it('a decompression bomb (300 MB of zeros in a few hundred KB): refused before pdf.js inflates it', async () => {
    const pdf = bombPdf(300);
    expect(pdf.length).toBeLessThan(1024 * 1024);
    expect(await reader.read(pdf)).toEqual({
      ok: false,
      code: 'TOO_LARGE',
      message: 'Файл PDF слишком сложный или сжат подозрительно сильно — импорт отклонён',
    });
  });

  it('a bomb the check cannot see (Flate under ASCIIHex): stopped by the memory watch', async () => {
    const watched = createPdfReader({ pdfTimeoutMs: 60_000, pdfMaxPages: 300 }, { maxMemoryGrowth: 128 * 1024 * 1024 });
    const started = Date.now();
    expect(await watched.read(hexWrappedBombPdf(600))).toEqual({ ok: false, code: 'TOO_LARGE', message: IMPORT_ERRORS_RU.pdfTooComplex });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('the bomb check counts each stream and all of them; streams that do not inflate are left to pdf.js', () => {
    const two = bombPdf(2);
    expect(withinInflateLimits(two, 4 << 20, 8 << 20)).toBe(true);
    expect(withinInflateLimits(two, 1 << 20, 8 << 20)).toBe(false);
    const both = Buffer.concat([two, two]);
    expect(withinInflateLimits(both, 4 << 20, 3 << 20)).toBe(false);
    expect(withinInflateLimits(Buffer.from('1 0 obj << /Filter /FlateDecode >>\nstream\nnot deflate\nendstream endobj'), 1024, 1024)).toBe(true);
  });

  it('more pages than allowed', async () => {
    const small = createPdfReader({ pdfTimeoutMs: 30_000, pdfMaxPages: 1 });
    expect(await small.read(await scannedPdf(3))).toEqual({ ok: false, code: 'TOO_LARGE', message: 'В PDF 3 страниц, допускается не более 1' });
  });

  it('a file read for longer than the limit', async () => {
    const hasty = createPdfReader({ pdfTimeoutMs: 1, pdfMaxPages: 300 });
    expect(await hasty.read(await roadmapPdf({ sections: sampleSections(1, 2) }))).toEqual({
      ok: false,
      code: 'TOO_LARGE',
      message: IMPORT_ERRORS_RU.pdfTooComplex,
    });
  });
});
