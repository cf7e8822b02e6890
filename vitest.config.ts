import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Node loads its CommonJS build for the libraries, while
    // Vite would pick the ESM build for our code, and two copies of graphql cannot mix.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The dashboard's build, made once when its source changed (the dashboard tests serve it).
    globalSetup: ['test/helpers/build-dashboard.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 90_000,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
