import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { inputsDigest, projectRoot as root, testCacheDir } from './inputs-digest.ts';

const run = promisify(execFile);
const marker = path.join(testCacheDir, 'package-build.sha256');
/** What `tsc -p tsconfig.build.json` reads (its `include`), besides the installed packages. */
const buildInputs = {
  folders: ['src', 'scripts'],
  files: ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'],
};
/** What the tests use from the build: the exports' code and declarations. */
const outputs = [
  'dist/src/client/index.js',
  'dist/src/client/index.d.ts',
  'dist/src/client/openfeature.js',
  'dist/src/client/openfeature.d.ts',
  'dist/src/client/openfeature-web.js',
  'dist/src/client/openfeature-web.d.ts',
];

/**
 * The production build (`tsc -p tsconfig.build.json`, as `npm run build` makes it), made only
 * when something it reads changed since the last build a test made: the type check and the
 * emit are tsc's own, so the tests exercise the same build, without paying ~15 s for it on
 * every run. Any difference in the inputs, or a missing output, builds again.
 */
export async function buildPackage(): Promise<void> {
  const digest = await inputsDigest(buildInputs);
  const stored = existsSync(marker) ? (await readFile(marker, 'utf8')).trim() : undefined;
  if (stored === digest && outputs.every((output) => existsSync(path.join(root, output)))) return;
  await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
  await mkdir(path.dirname(marker), { recursive: true });
  await writeFile(marker, `${digest}\n`);
}
