/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, loadCorpus, runCorpusEntry, totals } from './corpus.js';

/**
 * The corpus of real roadmaps, each with the result a person wrote by reading it: the share of fields
 * reproduced exactly must not fall below the floor in corpus/floor.json (raise it as the import improves),
 * and no word of any document may be lost.
 */
const floor = JSON.parse(readFileSync(join(CORPUS_DIR, 'floor.json'), 'utf8')) as { fieldsExact: number; itemsFound: number };
const entries = loadCorpus(CORPUS_DIR);
const present = entries.filter((e) => e.file);

describe('the corpus of real roadmaps', () => {
  it('has its documents (the seeds only when ../shared is beside the checkout)', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) if (!e.expected.document) expect(e.file, e.name).not.toBeNull();
  });

  const results = present.map(runCorpusEntry);

  it.each(results.map((r) => [r.entry.name, r] as const))('%s: imported, nothing lost', (_name, r) => {
    const headerOnly = r.entry.expected.sections.every((s) => s.items.length === 0);
    if (!headerOnly) expect(r.result.ok ? 'ok' : `${r.result.code}: ${r.result.message}`).toBe('ok');
    expect(r.score, 'measured').not.toBeNull();
    expect(r.lost).toEqual([]);
  });

  it(`reproduces at least the floor of fields exactly (${floor.fieldsExact}) and finds the items`, () => {
    const t = totals(results);
    const exactShare = t.fields ? t.exact / t.fields : 1;
    const foundShare = t.expectedItems ? t.foundItems / t.expectedItems : 1;
    const misses = results.flatMap((r) => (r.score?.misses ?? []).map((m) => `${r.entry.name} · ${m.where} · ${m.field}: «${m.expected}» ≠ «${m.actual}»`));
    expect({
      exactShare: exactShare >= floor.fieldsExact,
      foundShare: foundShare >= floor.itemsFound,
      misses: exactShare >= floor.fieldsExact ? [] : misses,
    }).toEqual({
      exactShare: true,
      foundShare: true,
      misses: [],
    });
  });
});
