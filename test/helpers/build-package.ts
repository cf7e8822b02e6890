import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const marker = path.join(root, 'node_modules/.cache/pennant-tests/package-build.sha256');
/** What `tsc -p tsconfig.build.json` reads (its `include`), besides the installed packages. */
const inputFolders = ['src', 'scripts'];
const inputFiles = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
/** What the tests use from the build: the exports' code and declarations. */
const outputs = [
  'dist/src/client/index.js',
  'dist/src/client/index.d.ts',
  'dist/src/client/openfeature.js',
  'dist/src/client/openfeature.d.ts',
  'dist/src/client/openfeature-web.js',
  'dist/src/client/openfeature-web.d.ts',
];

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(root, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** A digest of every file the build reads, by path and content (not by time: git changes those). */
async function inputsDigest(): Promise<string> {
  const hash = createHash('sha256');
  const files = [...inputFiles, ...(await Promise.all(inputFolders.map(filesUnder))).flat()];
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * The production build (`tsc -p tsconfig.build.json`, as `npm run build` makes it), made only
 * when something it reads changed since the last build a test made: the type check and the
 * emit are tsc's own, so the tests exercise the same build, without paying ~15 s for it on
 * every run. Any difference in the inputs, or a missing output, builds again.
 */
export async function buildPackage(): Promise<void> {
  const digest = await inputsDigest();
  const stored = existsSync(marker) ? (await readFile(marker, 'utf8')).trim() : undefined;
  if (stored === digest && outputs.every((output) => existsSync(path.join(root, output)))) return;
  await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
  await mkdir(path.dirname(marker), { recursive: true });
  await writeFile(marker, `${digest}\n`);
}
