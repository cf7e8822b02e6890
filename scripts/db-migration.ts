// npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql with
// the SQL that takes the committed migrations to what prisma/schema.prisma describes.
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { diffMigrationsToSchema, migrationLockfile, migrationsDir } from '../src/db/migrations.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration -- <name>   (lower-case letters, digits and _)');
  process.exit(2);
}
const pglite = new PGlite();
const sql = await diffMigrationsToSchema(new PrismaPGlite(pglite));
await pglite.close();
if (!sql) {
  console.error('prisma/schema.prisma and prisma/migrations agree: no migration written.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'migration.sql'), sql);
const lockfilePath = path.join(migrationsDir, migrationLockfile.name);
await access(lockfilePath).catch(() => writeFile(lockfilePath, migrationLockfile.content));
console.log(path.relative(process.cwd(), path.join(dir, 'migration.sql')));
