// `npm run bench -w @nastavnik/api`: every bench of the API in turn, each in its own process, so a
// missed goal in one does not hide the figures of the next; the exit code is 1 when any missed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  'district-dashboard.bench.mjs',
  'roadmap-page.bench.mjs',
  'trivial-query.bench.mjs',
  'campaign-reminder.bench.mjs',
  'import-files.bench.mjs',
  'startup.bench.mjs',
];
const dir = path.dirname(fileURLToPath(import.meta.url));
const outcomes = BENCHES.map((file) => {
  console.log(`\n━━ ${file}`);
  const run = spawnSync(process.execPath, [path.join(dir, file)], { stdio: 'inherit' });
  return { file, code: run.status ?? 1 };
});
console.log('\n━━ API benches');
for (const { file, code } of outcomes) console.log(`  ${code === 0 ? 'goal met   ' : 'goal MISSED'}  ${file}`);
process.exitCode = outcomes.some((o) => o.code !== 0) ? 1 : 0;
