import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Unit tests (`*.test.ts`) and integration tests (`*.int.test.ts`, real PostgreSQL + real HTTP).
 * globalSetup starts PostgreSQL once (DATABASE_URL, else embedded) with a fresh database per run.
 * Files run one after another: they share that database and each starts its own API and idp.
 */
export default defineConfig({
  resolve: {
    // One graphql module for everyone: without this Vite hands our sources graphql's ESM build
    // while Apollo and type-graphql (loaded by Node) get the CommonJS one, and `instanceof
    // GraphQLError` fails between the two (the "dual package hazard"). Node itself (dist) always
    // loads the CommonJS build, so this makes the tests match production.
    alias: [
      { find: /^graphql$/, replacement: require.resolve('graphql') },
      { find: /^graphql\/(.*?)(\.m?js)?$/, replacement: `${path.dirname(require.resolve('graphql'))}/$1.js` },
    ],
  },
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
