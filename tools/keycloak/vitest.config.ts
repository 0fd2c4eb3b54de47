import { defineConfig } from 'vitest/config';

/**
 * The real-Keycloak suite: only `npm run test:keycloak` runs it (its files are *.kc.test.ts, which
 * no other vitest config includes). One Keycloak for the whole run, started in globalSetup.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.kc.test.ts'],
    environment: 'node',
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
