import { defineConfig } from 'vitest/config';

/** Browser journey against the whole stack (PostgreSQL, identity provider, API, this admin). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
