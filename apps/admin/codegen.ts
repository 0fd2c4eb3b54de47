import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for Apollo Client 4 with the `client` preset: write operations with the generated
 * `graphql()` function from `src/gql`, and the hooks infer result and variable types. The schema is
 * the one the API generates from its code and commits (`npm run schema` at the root).
 */
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: {
        // The app does not use fragment masking helpers; plain typed documents are enough.
        fragmentMasking: false,
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: 'string' },
        strictScalars: true,
      },
    },
  },
};

export default config;
