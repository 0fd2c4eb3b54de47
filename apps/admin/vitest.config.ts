import { defineConfig } from 'vitest/config';

/** Unit tests: pure logic only (no browser, no server). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
