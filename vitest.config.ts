import { accessSync, constants } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Each test file's database and data folder go to the temporary folder. On Linux that is
// memory (/dev/shm) unless TMPDIR says otherwise: PGlite's writes and fsyncs, and copying the
// migrated template, cost next to nothing there, and the files go when the machine restarts.
// Set here, before the global setup and the workers (which inherit it) start.
if (!process.env.TMPDIR && writable('/dev/shm')) process.env.TMPDIR = '/dev/shm';

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Node loads its CommonJS build for the libraries, while
    // Vite would pick the ESM build for our code, and two copies of graphql cannot mix.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Migrates one database for the run; each file's server starts on a copy of it.
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a two-core machine, and the
    // files would run one after another. One per core; more made timeouts on a loaded machine.
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 90_000,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
