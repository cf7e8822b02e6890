import { accessSync, constants } from 'node:fs';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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

/**
 * `npm run test:quick` (PENNANT_TEST_QUICK=1) leaves these out for the inner loop: each spawns
 * several processes, builds the package, drives Chromium, or soaks the server. `npm test` and
 * CI run everything.
 */
const slowFiles = [
  'test/cli.test.ts',
  'test/client-browser.test.ts',
  'test/client-exports.test.ts',
  'test/dashboard.test.ts',
  'test/environment-migration.test.ts',
  'test/faults.test.ts',
  'test/fuzz.test.ts',
  'test/graphiql.test.ts',
  'test/hardening-shutdown.test.ts',
  'test/lean-start.test.ts',
  'test/migrations.test.ts',
  'test/realtime-volume.test.ts',
  'test/signals.test.ts',
  'test/walkthrough.test.ts',
];

/**
 * The files that take longest (each spawns processes, drives Chromium, or waits on purpose),
 * longest first, as measured on a two-core machine. They start first, so that the two workers
 * finish together instead of one of them starting a long file near the end. Vitest orders by
 * the durations of the last run when it has them; a fresh clone (CI) has none.
 */
const longestFiles = [
  'test/lean-start.test.ts',
  'test/cli.test.ts',
  'test/operators-cli.test.ts',
  'test/dashboard.test.ts',
  'test/faults.test.ts',
  'test/environment-migration.test.ts',
  'test/migrations.test.ts',
  'test/signals.test.ts',
  'test/fuzz.test.ts',
  'test/hardening-rate-limits.test.ts',
  'test/hardening-shutdown.test.ts',
  'test/targeting-realtime.test.ts',
  'test/realtime-volume.test.ts',
  'test/realtime-instances.test.ts',
  'test/dashboard-admin.test.ts',
];

class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = longestFiles.findIndex((name) => file.moduleId.endsWith(name));
      return index === -1 ? longestFiles.length : index;
    };
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file);
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
    exclude: [...configDefaults.exclude, ...(process.env.PENNANT_TEST_QUICK ? slowFiles : [])],
    // One migrated database for the run (each file's server starts on a copy of it), and the
    // dashboard's build, made once when its source changed (the dashboard tests serve it).
    globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/build-dashboard.ts'],
    pool: 'forks',
    // The files of a worker share one module registry: the server's modules (and Prisma's, and
    // PGlite's) are loaded once per worker instead of once per file, which was a third of the
    // suite's CPU. Files of a worker run one after another, each starts its own server on its
    // own database and stops it in afterAll; spies are restored where they are made.
    isolate: false,
    setupFiles: ['test/helpers/per-file-setup.ts'],
    sequence: { sequencer: LongestFirstSequencer },
    // Vitest's default is one worker fewer than the cores: one on a two-core machine, and the
    // files would run one after another. One more than the cores: much of a file's time is spent
    // waiting on a child process, a browser or a timer, and the extra worker fills that time.
    maxWorkers: availableParallelism() + 1,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
