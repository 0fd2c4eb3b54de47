// `npm run bench -w @nastavnik/domain` (after the build): the import's fidelity on the corpus of real
// roadmaps (packages/domain/corpus: results written by people reading the documents) and the time to
// read a 2,000-item roadmap, beside the baseline of only splitting the same text into cells. Exits 1
// when the fidelity falls under corpus/floor.json, a word is lost, or the 2,000 items take 1 s or more.
import { performance } from 'node:perf_hooks';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/import/corpus.js', import.meta.url);
if (!existsSync(fileURLToPath(dist))) {
  console.error('dist/import/corpus.js not found: run `npm run build -w @nastavnik/domain` first.');
  process.exit(2);
}
const { CORPUS_DIR, loadCorpus, runCorpusEntry, totals, largeRoadmapText } = await import(dist.href);
const { parseRoadmapDocument } = await import(new URL('../dist/index.js', import.meta.url).href);
const floor = JSON.parse(readFileSync(`${CORPUS_DIR}/floor.json`, 'utf8'));

const entries = loadCorpus(CORPUS_DIR);
const present = entries.filter((e) => e.file);
const results = present.map(runCorpusEntry);
const t = totals(results);
const share = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '100.0');
console.log(`Import fidelity on ${t.documents} real roadmaps (${entries.length - present.length} not here: ../shared absent)`);
for (const r of results) {
  const s = r.score;
  console.log(
    `  ${r.entry.name.padEnd(48)} ${s ? `${String(s.exact).padStart(4)}/${String(s.fields).padEnd(4)} fields exact, items ${s.foundItems}/${s.expectedItems}${s.extraItems ? ` (+${s.extraItems} extra)` : ''}` : 'not read'}${r.lost.length ? `, ${r.lost.length} texts LOST` : ''}`,
  );
}
console.log(`  fields exact: ${t.exact}/${t.fields} = ${share(t.exact, t.fields)} %  (goal ≥ 98 %, floor ${floor.fieldsExact * 100} %)`);
console.log(`  items found:  ${t.foundItems}/${t.expectedItems} = ${share(t.foundItems, t.expectedItems)} %, extra items: ${t.extraItems}`);
console.log(`  words dropped: ${t.lostTexts} texts`);

// 2,000 items, as a tab-separated text (the tests' large roadmap).
const bytes = new TextEncoder().encode(largeRoadmapText());
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const runs = [];
  for (let k = 0; k < 7; k++) {
    const t0 = performance.now();
    fn();
    runs.push(performance.now() - t0);
  }
  return median(runs);
};
let items = 0;
const parseMs = time(() => {
  const r = parseRoadmapDocument({ fileName: 'big.txt', bytes });
  items = r.ok ? r.stats.items : -1;
});
const splitMs = time(() =>
  new TextDecoder()
    .decode(bytes)
    .split('\n')
    .map((l) => l.split('\t')),
);
console.log(
  `2,000-item roadmap: ${parseMs.toFixed(1)} ms (${items} items; goal < 1000 ms); baseline split into cells: ${splitMs.toFixed(1)} ms, ratio ${(parseMs / splitMs).toFixed(1)}`,
);

const missed = [];
if (t.fields && t.exact / t.fields < floor.fieldsExact) missed.push('fidelity under the floor');
if (t.lostTexts) missed.push('words lost');
if (items !== 2000 || parseMs >= 1000) missed.push('2,000-item roadmap');
console.log(missed.length ? `goal MISSED: ${missed.join(', ')}` : 'goals met (the ≥ 98 % goal is reported above, the floor is enforced)');
process.exitCode = missed.length ? 1 : 0;
