import { existsSync } from 'node:fs';
import { chmod, lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The data folder holds the server secret, the cookie passwords and (with the embedded
 * database) every row: e-mail addresses, key hashes, encrypted signing keys. Only the server's
 * own user may read or write it: folders 0700, files 0600. Older versions made it 0755 with
 * PGlite's files 0666 (a local user could read it, or insert a key hash), so the modes are set
 * again at every start, whatever made them.
 */
export async function makeDataFolderPrivate(folder: string): Promise<void> {
  // Not made here when absent: with PostgreSQL and configured secrets nothing is written.
  if (!existsSync(folder)) return;
  await makePrivate(folder);
}

async function makePrivate(target: string): Promise<void> {
  const stats = await lstat(target);
  // A link is not followed: the folder's contents are made private, not what a link points at.
  if (stats.isSymbolicLink()) return;
  if (stats.isDirectory()) {
    if ((stats.mode & 0o777) !== 0o700) await chmod(target, 0o700);
    for (const entry of await readdir(target)) await makePrivate(path.join(target, entry));
  } else if ((stats.mode & 0o777) !== 0o600 && (stats.mode & 0o077) !== 0) {
    await chmod(target, 0o600);
  }
}

/**
 * Files the server creates from now on (PGlite's new relation and WAL files) are private from
 * the start. The server process owns nothing else on disk.
 */
export function restrictNewFiles(): void {
  process.umask(0o077);
}
