import { lostText, parseRoadmapDocument, previewFromSource, scoreImport, type ImportResult } from '@nastavnik/domain';
import { CORPUS_DIR, loadCorpus, type CorpusEntry } from '@nastavnik/domain/corpus';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPdfReader } from '../../engine/files/pdf.js';
import { convertWithLibreOffice, tsvToDocx } from '../../test/corpus-files.js';
import { libreOfficeForTests } from '../../test/office-files.js';

/**
 * The corpus of real roadmaps (packages/domain/corpus) in the other shapes schools keep them: each
 * tab-separated document written into Word tables (.docx), and that .docx saved as PDF by LibreOffice.
 * The same results, written by people reading the documents, are the measure; the floors below may only
 * rise. The PDF part needs LibreOffice (CI has it; elsewhere it says it did not run).
 */
const FLOOR = { docx: 0.98, pdf: 0.975 };

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
  console.log(`corpus as ${format}: ${t.exact}/${t.fields} fields exact (${((100 * t.exact) / Math.max(1, t.fields)).toFixed(1)} %)`);

describe('the corpus of real roadmaps as Word and PDF files', () => {
  const docx = new Map<string, Uint8Array>();

  it(`as .docx: at least ${FLOOR.docx * 100} % of the fields exact, nothing lost`, async () => {
    expect(entries.length).toBeGreaterThan(0);
    const results = [];
    for (const entry of entries) {
      const bytes = new Uint8Array(await tsvToDocx(readFileSync(entry.file, 'utf8')));
      docx.set(entry.name, bytes);
      results.push({ entry, result: parseRoadmapDocument({ fileName: `${path.basename(entry.file, '.txt')}.docx`, bytes }) });
    }
    const t = tally(results);
    report('.docx', t);
    expect(t.lost).toEqual([]);
    expect(t.exact / t.fields >= FLOOR.docx ? [] : t.misses).toEqual([]);
  });

  it(`as PDF saved by LibreOffice: at least ${FLOOR.pdf * 100} % of the fields exact, nothing lost`, { timeout: 300_000 }, async () => {
    const soffice = await libreOfficeForTests();
    if (!soffice) return;
    const pdfs = await convertWithLibreOffice(soffice, Object.fromEntries(docx), 'pdf');
    const reader = createPdfReader({ pdfTimeoutMs: 60_000, pdfMaxPages: 300 });
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
});
