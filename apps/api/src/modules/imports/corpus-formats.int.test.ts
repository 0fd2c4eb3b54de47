import { lostText, parseRoadmapDocument, previewFromSource, scoreImport, type ImportResult } from '@nastavnik/domain';
import { CORPUS_DIR, loadCorpus, type CorpusEntry } from '@nastavnik/domain/corpus';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiConfig } from '../../engine/config.js';
import { createOfficeConverter } from '../../engine/files/libreoffice.js';
import { createPdfReader } from '../../engine/files/pdf.js';
import { convertWithLibreOffice, tsvToDocx } from '../../test/corpus-files.js';
import { LIBREOFFICE_MISSING_NOTE, libreOfficeForTests } from '../../test/office-files.js';
import { RoadmapFileReader } from './readers.js';

/**
 * The corpus of real roadmaps (packages/domain/corpus) in the other shapes schools keep them: each
 * tab-separated document written into Word tables (.docx); that .docx saved by LibreOffice as PDF, .rtf
 * and .odt, and as .doc (from the .odt: LibreOffice 7.4 writing a `docx`-library table straight to .doc
 * loses its cell marks). The .doc, .rtf and .odt are imported as the product imports them: converted
 * back to .docx by LibreOffice (engine/files/libreoffice.ts) and read by the same RoadmapFileReader —
 * the round trip that merges a document's consecutive tables into one (measured on the corpus with
 * every section a table of its own, too: one table per document never shows it). The same results,
 * written by people reading the documents, are the measure; the floors below may only rise. All but
 * the .docx need LibreOffice (CI has it; elsewhere those tests are skipped, saying it is missing).
 */
const FLOOR = { docx: 0.98, pdf: 0.975, doc: 0.98, rtf: 0.98, odt: 0.98 };

const entries = loadCorpus(CORPUS_DIR).filter(
  (e): e is CorpusEntry & { file: string } => e.file !== null && e.expected.sections.some((s) => s.items.length > 0),
);
const pieces = (file: string) =>
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .flatMap((line) => line.split('\t'));

interface Tally {
  fields: number;
  exact: number;
  lost: string[];
  misses: string[];
}

function tally(results: Array<{ entry: CorpusEntry & { file: string }; result: ImportResult }>): Tally {
  const t: Tally = { fields: 0, exact: 0, lost: [], misses: [] };
  for (const { entry, result } of results) {
    if (!result.ok) {
      t.misses.push(`${entry.name}: ${result.code} ${result.message}`);
      continue;
    }
    const score = scoreImport(result, entry.expected);
    t.fields += score.fields;
    t.exact += score.exact;
    t.misses.push(...score.misses.map((m) => `${entry.name} · ${m.where} · ${m.field}: «${m.expected}» ≠ «${m.actual}»`));
    // A PDF keeps the lines of a paragraph apart (the header is read line by line): the text around
    // the table is searched as one run, so a paragraph broken into lines is not taken for lost.
    const joined = { ...result, preamble: [result.preamble.join(' ')], postscript: [result.postscript.join(' ')] };
    t.lost.push(...lostText(joined, pieces(entry.file)).map((text) => `${entry.name}: ${text}`));
  }
  return t;
}

const report = (format: string, t: Tally) =>
  console.log(
    `corpus as ${format}: ${t.exact}/${t.fields} fields exact (${((100 * t.exact) / Math.max(1, t.fields)).toFixed(1)} %), ${t.lost.length} texts lost`,
  );

/** Computed once, on first use (each test may run alone). */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => (value ??= make());
}

const docxFiles = once(async () => {
  const files: Record<string, Uint8Array> = {};
  for (const entry of entries) files[entry.name] = new Uint8Array(await tsvToDocx(readFileSync(entry.file, 'utf8')));
  return files;
});

/** The corpus as .doc, .rtf and .odt written by LibreOffice (three runs over all the documents). */
const officeFiles = once(async () => {
  const soffice = await libreOfficeForTests();
  if (!soffice) return null;
  const docx = await docxFiles();
  const [odt, rtf] = await Promise.all([convertWithLibreOffice(soffice, docx, 'odt'), convertWithLibreOffice(soffice, docx, 'rtf')]);
  return { odt, rtf, doc: await convertWithLibreOffice(soffice, odt, 'doc', 'odt') };
});

/** The corpus with every section a table of its own, as .docx and as .doc (written from its .odt, as above). */
const sectionTables = once(async () => {
  const docx: Record<string, Uint8Array> = {};
  for (const entry of entries) docx[entry.name] = new Uint8Array(await tsvToDocx(readFileSync(entry.file, 'utf8'), { tablePerSection: true }));
  const soffice = await libreOfficeForTests();
  if (!soffice) return { docx, doc: null };
  return { docx, doc: await convertWithLibreOffice(soffice, await convertWithLibreOffice(soffice, docx, 'odt'), 'doc', 'odt') };
});

const imports: ApiConfig['imports'] = { sofficePath: null, convertTimeoutMs: 120_000, pdfTimeoutMs: 60_000, pdfMaxPages: 300 };

describe('the corpus of real roadmaps as Word, OpenDocument, RTF and PDF files', () => {
  it(`as .docx: at least ${FLOOR.docx * 100} % of the fields exact, nothing lost`, async () => {
    expect(entries.length).toBeGreaterThan(0);
    const docx = await docxFiles();
    const results = entries.map((entry) => ({
      entry,
      result: parseRoadmapDocument({ fileName: `${path.basename(entry.file, '.txt')}.docx`, bytes: docx[entry.name]! }),
    }));
    const t = tally(results);
    report('.docx', t);
    expect(t.lost).toEqual([]);
    expect(t.exact / t.fields >= FLOOR.docx ? [] : t.misses).toEqual([]);
  });

  it(`as PDF saved by LibreOffice: at least ${FLOOR.pdf * 100} % of the fields exact, nothing lost`, { timeout: 300_000 }, async ({ skip }) => {
    const soffice = await libreOfficeForTests();
    if (!soffice) return skip(LIBREOFFICE_MISSING_NOTE);
    const pdfs = await convertWithLibreOffice(soffice, await docxFiles(), 'pdf');
    const reader = createPdfReader(imports);
    const results = [];
    for (const entry of entries) {
      const source = await reader.read(pdfs[entry.name]!);
      const fileName = `${entry.name}.pdf`;
      results.push({ entry, result: 'blocks' in source ? previewFromSource(source, { fileName, format: 'pdf' }) : source });
    }
    const t = tally(results);
    report('PDF', t);
    expect(t.lost).toEqual([]);
    expect(t.exact / t.fields >= FLOOR.pdf ? [] : t.misses).toEqual([]);
  });

  it.for(['doc', 'rtf', 'odt'] as const)(
    'as .%s saved by LibreOffice, imported through its conversion back to .docx: at its floor of fields exact, nothing lost',
    { timeout: 600_000 },
    async (format, { skip }) => {
      const files = await officeFiles();
      if (!files) return skip(LIBREOFFICE_MISSING_NOTE);
      const reader = new RoadmapFileReader(createPdfReader(imports), createOfficeConverter(imports));
      // All at once: the converter itself runs two LibreOffices at a time, the rest wait their turn.
      const results = await Promise.all(
        entries.map(async (entry) => ({ entry, result: await reader.read({ fileName: `${entry.name}.${format}`, bytes: files[format][entry.name]! }, {}) })),
      );
      const t = tally(results);
      report(`.${format}`, t);
      expect(results.filter(({ result }) => result.ok && result.format !== format)).toEqual([]);
      expect(t.lost).toEqual([]);
      expect(t.exact / t.fields >= FLOOR[format] ? [] : t.misses).toEqual([]);
    },
  );

  it(
    `with every section a table of its own (its own column widths), as .doc: at least ${FLOOR.doc * 100} % of the fields exact, as many as its .docx, nothing lost`,
    {
      timeout: 600_000,
    },
    async ({ skip }) => {
      // LibreOffice reads such a .doc back as ONE table over the union of the tables' column edges.
      const files = await sectionTables();
      const docx = tally(entries.map((entry) => ({ entry, result: parseRoadmapDocument({ fileName: `${entry.name}.docx`, bytes: files.docx[entry.name]! }) })));
      report('.docx, a table per section', docx);
      const docFiles = files.doc;
      if (!docFiles) return skip(LIBREOFFICE_MISSING_NOTE);
      const reader = new RoadmapFileReader(createPdfReader(imports), createOfficeConverter(imports));
      const results = await Promise.all(
        entries.map(async (entry) => ({ entry, result: await reader.read({ fileName: `${entry.name}.doc`, bytes: docFiles[entry.name]! }, {}) })),
      );
      const t = tally(results);
      report('.doc, a table per section', t);
      expect(t.lost).toEqual([]);
      expect(t.exact).toBeGreaterThanOrEqual(docx.exact);
      expect(t.exact / t.fields >= FLOOR.doc ? [] : t.misses).toEqual([]);
    },
  );
});
