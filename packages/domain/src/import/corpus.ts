/// <reference types="node" />
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { lostText } from './lost-text.js';
import { parseRoadmapDocument } from './preview.js';
import { scoreImport, type ExpectedDocument, type FidelityScore } from './fidelity.js';
import type { ImportPreview, ImportResult } from './types.js';
import { readHeader } from './header.js';

export * from './large-roadmap.js';

/**
 * The corpus of real roadmaps (`packages/domain/corpus`): each `<name>.expected.json` was written by a
 * person reading the document `<name>.txt` (or the one its `document` names, e.g. a seed in
 * ../shared/seeds). Used by the corpus test (with a floor) and by `npm run bench` (the figures).
 * Node-only and not exported from the package (the admin never bundles it): the test and the bench read
 * files; the parser itself stays pure.
 */

export interface CorpusEntry {
  name: string;
  expected: ExpectedDocument;
  /** The document's path, or null when it is not here (a seed outside the checkout). */
  file: string | null;
}

export interface CorpusResult {
  entry: CorpusEntry;
  result: ImportResult;
  score: FidelityScore | null;
  /** Source texts (cells, lines) not found anywhere in the preview. */
  lost: string[];
}

export function loadCorpus(dir: string): CorpusEntry[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const name = basename(f, '.expected.json');
      const expected = JSON.parse(readFileSync(join(dir, f), 'utf8')) as ExpectedDocument;
      const path = expected.document ? resolve(dir, expected.document) : join(dir, `${name}.txt`);
      return { name, expected, file: existsSync(path) ? path : null };
    });
}

/** The text pieces of a tab-separated document: every cell and line, for the «nothing lost» check. */
function pieces(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => line.split('\t'));
}

export function runCorpusEntry(entry: CorpusEntry): CorpusResult {
  if (!entry.file) throw new Error(`${entry.name}: the document is missing`);
  const bytes = new Uint8Array(readFileSync(entry.file));
  const result = parseRoadmapDocument({ fileName: basename(entry.file), bytes });
  if (!result.ok && result.code === 'NO_TABLE' && entry.expected.sections.every((s) => s.items.length === 0) && entry.file.endsWith('.txt')) {
    // A header whose table was cut off before its first row (an excerpt): only the header is measured.
    const lines = readFileSync(entry.file, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() && !l.includes('\t'));
    const header = readHeader(lines);
    const preview = { header, sections: [] } as unknown as ImportPreview;
    return { entry, result, score: scoreImport(preview, { ...entry.expected, sections: [] }), lost: [] };
  }
  if (!result.ok) return { entry, result, score: null, lost: [] };
  const lost = entry.file.endsWith('.txt') ? lostText(result, pieces(readFileSync(entry.file, 'utf8'))) : [];
  return { entry, result, score: scoreImport(result, entry.expected), lost };
}

export interface CorpusTotals {
  documents: number;
  fields: number;
  exact: number;
  expectedItems: number;
  foundItems: number;
  extraItems: number;
  lostTexts: number;
  failed: number;
}

export function totals(results: readonly CorpusResult[]): CorpusTotals {
  const t: CorpusTotals = { documents: results.length, fields: 0, exact: 0, expectedItems: 0, foundItems: 0, extraItems: 0, lostTexts: 0, failed: 0 };
  for (const r of results) {
    t.lostTexts += r.lost.length;
    if (!r.score) {
      t.failed++;
      continue;
    }
    t.fields += r.score.fields;
    t.exact += r.score.exact;
    t.expectedItems += r.score.expectedItems;
    t.foundItems += r.score.foundItems;
    t.extraItems += r.score.extraItems;
  }
  return t;
}

export const CORPUS_DIR = resolve(dirname(new URL(import.meta.url).pathname), '../../corpus');
