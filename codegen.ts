import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the committed, printed schema: for the tests (and any client), and for
// the dashboard, whose documents then fail `npm run check` when a schema change breaks them.
// `npm run codegen` after changing schema.graphql or a document.
const scalars = { DateTime: 'string', JSON: 'unknown' };

const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'test/gql/': {
      documents: ['test/**/*.ts', '!test/gql/**'],
      preset: 'client',
      config: { useTypeImports: true, enumsAsTypes: true, scalars },
      presetConfig: { fragmentMasking: false },
    },
    'src/dashboard/gql/': {
      documents: ['src/dashboard/**/*.{ts,tsx}', '!src/dashboard/gql/**'],
      preset: 'client',
      // Documents as strings: the browser bundle then needs no graphql runtime to print them.
      config: { useTypeImports: true, enumsAsTypes: true, scalars, documentMode: 'string' },
      presetConfig: { fragmentMasking: false },
    },
  },
  ignoreNoDocuments: true,
  // ESM with NodeNext resolution: generated imports carry their `.js` extension.
  emitLegacyCommonJSImports: false,
};

export default config;
