// ESLint over every workspace (issue 13): typescript-eslint's recommended rules, React's hooks rules
// in the admin, and nothing about formatting (Prettier owns that: eslint-config-prettier last).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.turbo/**',
      '**/coverage/**',
      '.data/**',
      '.cache/**',
      'apps/admin/src/gql/**',
      '**/test-results/**',
      '**/playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      // An unused argument named `_x` is a deliberate placeholder (a callback's shape).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Control characters are stripped on purpose (file names, XML 1.0 text): the ranges are the point.
      'no-control-regex': 'off',
    },
  },
  {
    // Test code reads GraphQL and JSON answers loosely; production code may not.
    files: [
      '**/*.test.ts',
      '**/*.test.tsx',
      'apps/api/src/test/**',
      'apps/api/src/isolation/**',
      'apps/api/src/seed/**',
      'apps/admin/e2e/**',
      'tools/*/src/**',
    ],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/admin/src/**/*.{ts,tsx}', 'apps/admin/e2e/**/*.ts', 'apps/idp/src/pages/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['apps/admin/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  prettier,
);
