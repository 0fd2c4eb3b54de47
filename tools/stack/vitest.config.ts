import { defineConfig } from 'vitest/config';

/** The starter as users run it (dist/start.js in its own process): build first. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
