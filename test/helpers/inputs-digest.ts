import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

/** Where the tests keep what they make once and reuse while its inputs are unchanged. */
export const testCacheDir = path.join(projectRoot, 'node_modules/.cache/pennant-tests');

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(projectRoot, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(projectRoot, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * A digest of the given files and of every file under the given folders, by path and content
 * (not by time: git changes those), to tell whether something made from them is still current.
 */
export async function inputsDigest(inputs: { folders: string[]; files: string[] }): Promise<string> {
  const hash = createHash('sha256');
  const files = [...inputs.files, ...(await Promise.all(inputs.folders.map(filesUnder))).flat()];
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(projectRoot, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}
