// Entry of `npm run test:production` and of the topology benchmark (`npm run bench`):
//   node src/run.mjs test | bench
// Needs Debian's nginx and pgbouncer (and Chromium for the test), installed with apt when missing.
// Where they cannot be installed (no apt: a laptop) it says so and exits 0 — except with CI=true,
// where not running is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTestTools, TOOLS } from '../../../scripts/ensure-test-tools.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const mode = process.argv[2];
if (mode !== 'test' && mode !== 'bench') {
  console.error('usage: node src/run.mjs test|bench');
  process.exit(2);
}
const what = mode === 'test' ? 'npm run test:production' : 'the production topology benchmark';
const tools = mode === 'test' ? ['nginx', 'pgbouncer', 'chromium'] : ['nginx', 'pgbouncer'];
const missing = tools.filter((name) => !TOOLS[name].present());
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const canInstall = existsSync('/usr/bin/apt-get') && (isRoot || existsSync('/usr/bin/sudo'));
  if (!canInstall) {
    const message = `${what} НЕ ЗАПУЩЕН: нет ${missing.join(', ')} и нет apt-get, чтобы их установить (Debian/Ubuntu). / did NOT run: ${missing.join(', ')} missing and no apt-get to install them.`;
    if (process.env.CI === 'true') {
      console.error(message);
      process.exit(1);
    }
    console.log(message);
    process.exit(0);
  }
  ensureTestTools(missing);
}

const ROOT = path.resolve(HERE, '..', '..', '..');
const args =
  mode === 'test'
    ? [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', path.join(HERE, '..', 'vitest.config.ts')]
    : [path.join(HERE, 'bench.ts')];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: path.join(HERE, '..') });
process.exit(result.status ?? 1);
