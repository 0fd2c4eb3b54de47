// Import of 100 roadmap files (issue 17): a third tab-separated text, a third Word (.docx), a third PDF,
// made from the corpus of real roadmaps (packages/domain/corpus and ../shared/seeds: the text as it is,
// the same documents written into Word tables, those saved as PDF by LibreOffice), each read through the
// product's own reader (dist/modules/imports/readers.js: the domain's parser, pdf.js in its bounded
// worker). Beside it, the baseline: only getting the text out of the same files (decoding the text,
// unzipping the .docx's XML, pdf.js's text content) — what any import costs before understanding a
// table. Then a 2,000-item roadmap as .docx and as PDF. Goals: the 100 files under 30 s, the 2,000
// items under 1 s each. Runs over dist/ (build first): `npm run bench -w @nastavnik/api`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import { ensureTestTools } from '../../../scripts/ensure-test-tools.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
if (!existsSync(path.join(here, '../dist/modules/imports/readers.js'))) {
  console.error('dist/ not found: run `npm run build -w @nastavnik/api` first.');
  process.exit(2);
}
const { RoadmapFileReader } = await import(dist('modules/imports/readers.js'));
const { createPdfReader } = await import(dist('engine/files/pdf.js'));
const { createOfficeConverter, findSoffice } = await import(dist('engine/files/libreoffice.js'));
// Node runs this TypeScript file as it is (it imports only packages): the same rendering as the tests'.
const { tsvToDocx, convertWithLibreOffice } = await import('../src/test/corpus-files.ts');

const FILES = 100;
const GOAL_FILES_S = 30;
const GOAL_BIG_MS = 1000;
const config = { sofficePath: null, convertTimeoutMs: 120_000, pdfTimeoutMs: 60_000, pdfMaxPages: 300 };

// LibreOffice makes the PDFs (as schools' Word files become PDFs): installed like the tests' tools.
ensureTestTools(['libreoffice']);
const soffice = await findSoffice(null);

// The corpus's documents that have a table (the header-only excerpts have none to import).
const corpusDir = path.join(here, '../../../packages/domain/corpus');
const sources = [];
for (const file of readdirSync(corpusDir)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()) {
  const expected = JSON.parse(readFileSync(path.join(corpusDir, file), 'utf8'));
  if (!expected.sections.some((s) => s.items.length)) continue;
  const doc = expected.document ? path.resolve(corpusDir, expected.document) : path.join(corpusDir, file.replace('.expected.json', '.txt'));
  if (existsSync(doc)) sources.push({ name: file.replace('.expected.json', ''), text: readFileSync(doc, 'utf8') });
}

// 2,000 items, 20 sections of 100: the tests' large roadmap.
const { largeRoadmapText, largeRoadmapItem } = await import('@nastavnik/domain/corpus');
const bigText = largeRoadmapText();
/** Items read other than written (split, joined, shifted): every one is checked, not only the count. */
const wrongItems = (preview) =>
  preview.sections.flatMap((s, si) =>
    s.items.filter((it, ii) => {
      const [number, activity, deadlineText, responsible, expectedResult] = largeRoadmapItem(si + 1, ii + 1);
      return (
        it.number !== number ||
        it.activity !== activity ||
        it.deadlineText !== deadlineText ||
        it.responsible !== responsible ||
        it.expectedResult !== expectedResult
      );
    }),
  ).length;

console.log(`Making the files from ${sources.length} real roadmaps…`);
const docx = {};
for (const s of sources) docx[s.name] = new Uint8Array(await tsvToDocx(s.text));
docx.big = new Uint8Array(await tsvToDocx(bigText));
const pdf = await convertWithLibreOffice(soffice, docx, 'pdf');

const files = [];
for (let i = 0; i < FILES; i++) {
  const s = sources[i % sources.length];
  const kind = ['txt', 'docx', 'pdf'][i % 3];
  const bytes = kind === 'txt' ? new TextEncoder().encode(s.text) : kind === 'docx' ? docx[s.name] : pdf[s.name];
  files.push({ fileName: `${String(i + 1).padStart(3, '0')}-${s.name}.${kind}`, bytes, kind });
}
const count = (k) => files.filter((f) => f.kind === k).length;

const reader = new RoadmapFileReader(createPdfReader(config), createOfficeConverter(config));
const pdfReader = await import('pdfjs-dist/legacy/build/pdf.mjs');

/** Only the text out of a file, no layout and no recognition: the floor any import stands on. */
async function extractText(file) {
  if (file.kind === 'txt')
    return new TextDecoder()
      .decode(file.bytes)
      .split('\n')
      .map((l) => l.split('\t'));
  if (file.kind === 'docx')
    return strFromU8(unzipSync(file.bytes, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']).replace(/<[^>]+>/g, ' ');
  const task = pdfReader.getDocument({ data: file.bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  const out = [];
  for (let p = 1; p <= doc.numPages; p++) out.push((await (await doc.getPage(p)).getTextContent()).items.map((i) => i.str).join(' '));
  await task.destroy();
  return out;
}

// A warm-up of both, as a running server is: each pooled worker has loaded pdf.js once.
await Promise.all([files[2], files[5]].map((f) => reader.read({ fileName: f.fileName, bytes: f.bytes }, {})));
await extractText(files[2]);

let t0 = performance.now();
let items = 0;
let failed = 0;
for (const f of files) {
  const r = await reader.read({ fileName: f.fileName, bytes: f.bytes }, {});
  if (r.ok) items += r.stats.items;
  else failed++;
}
const importMs = performance.now() - t0;
t0 = performance.now();
for (const f of files) await extractText(f);
const baselineMs = performance.now() - t0;

// Each read five times, alternating with its baseline: the median is the figure (a server reads such
// files again and again); the first read, the coldest, is printed beside it.
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const big = [];
for (const [kind, bytes] of [
  ['txt', new TextEncoder().encode(bigText)],
  ['docx', docx.big],
  ['pdf', pdf.big],
]) {
  const times = [];
  const baselines = [];
  let r;
  for (let k = 0; k < RUNS; k++) {
    const start = performance.now();
    r = await reader.read({ fileName: `big.${kind}`, bytes }, {});
    times.push(performance.now() - start);
    const t1 = performance.now();
    await extractText({ kind, bytes });
    baselines.push(performance.now() - t1);
  }
  big.push({
    kind,
    ms: median(times),
    first: times[0],
    baseline: median(baselines),
    items: r.ok ? r.stats.items : `${r.code}: ${r.message}`,
    wrong: r.ok ? wrongItems(r) : 0,
  });
}

console.log(`\n${FILES} roadmap files (${count('txt')} text, ${count('docx')} .docx, ${count('pdf')} PDF), one after another:`);
console.log(`  import:   ${(importMs / 1000).toFixed(2)} s  (${items} items, ${failed} refused; goal < ${GOAL_FILES_S} s)`);
console.log(`  baseline: ${(baselineMs / 1000).toFixed(2)} s  (text only, no tables understood)  ratio ${(importMs / baselineMs).toFixed(2)}`);
console.log(`2,000-item roadmap (median of ${RUNS} reads, the first in brackets):`);
for (const b of big) {
  console.log(
    `  ${b.kind.padEnd(5)} ${b.ms.toFixed(0).padStart(6)} ms [${b.first.toFixed(0)}]  (${b.items} items, ${b.wrong} read wrong; goal < ${GOAL_BIG_MS} ms); text only ${b.baseline.toFixed(0)} ms, ratio ${(b.ms / b.baseline).toFixed(1)}`,
  );
}

const missed = [];
if (importMs / 1000 >= GOAL_FILES_S || failed) missed.push(`${FILES} files`);
for (const b of big) if (b.ms >= GOAL_BIG_MS || b.items !== 2000 || b.wrong) missed.push(`2,000 items as ${b.kind}`);
console.log(missed.length ? `goal MISSED: ${missed.join(', ')}` : 'goals met');
process.exit(missed.length ? 1 : 0);
