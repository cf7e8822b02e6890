import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for the tests (and any client) from the committed, printed schema.
// `npm run codegen` after changing schema.graphql or a document under test/.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**'],
  generates: {
    'test/gql/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
  ignoreNoDocuments: true,
  // ESM with NodeNext resolution: generated imports carry their `.js` extension.
  emitLegacyCommonJSImports: false,
};

export default config;
