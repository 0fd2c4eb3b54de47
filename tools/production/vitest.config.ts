import { defineConfig } from 'vitest/config';

/** The production topology test: one file, long steps (processes, a load run, a browser). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
