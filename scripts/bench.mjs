// `npm run bench` (after the builds): each workspace's bench in turn, so a missed goal in one does
// not hide the figures of the others; the exit code is 1 when any missed its goal.
import { spawnSync } from 'node:child_process';

const WORKSPACES = ['@nastavnik/domain', '@nastavnik/api', '@nastavnik/stack', '@nastavnik/production-test'];
const outcomes = WORKSPACES.map((workspace) => {
  console.log(`\n═══ npm run bench -w ${workspace}`);
  const run = spawnSync('npm', ['run', 'bench', '-w', workspace], { stdio: 'inherit' });
  return { workspace, code: run.status ?? 1 };
});
console.log('\n═══ benches');
for (const { workspace, code } of outcomes) console.log(`  ${code === 0 ? 'goals met   ' : 'goal MISSED '}  ${workspace}`);
process.exitCode = outcomes.some((o) => o.code !== 0) ? 1 : 0;
