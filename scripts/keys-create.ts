// npm run keys:create -- --environment sandbox [--name NAME] [--role read-only|member|admin]
// Prints only the new secret on standard output, so scripts can capture it. Works on a fresh
// data folder too: it migrates and creates the default environments first.
// With the embedded database, stop the server first (PGlite allows one process at a time), or
// use the createApiKey mutation.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { setPrismaClient } from '../src/db/index.ts';
import { applyPendingMigrations } from '../src/db/migrations.ts';
import { systemActor } from '../src/domain/actor.ts';
import { createApiKey, parseApiKeyRole } from '../src/domain/api-keys.ts';
import { ensureDefaultEnvironments, findEnvironmentBySlug } from '../src/domain/environments.ts';
import { PennantError } from '../src/errors.ts';

const { values } = parseArgs({
  options: {
    environment: { type: 'string', short: 'e' },
    name: { type: 'string', short: 'n' },
    role: { type: 'string', short: 'r', default: 'member' },
  },
});
const role = parseApiKeyRole(values.role);
if (!values.environment || !role) {
  console.error(
    'usage: npm run keys:create -- --environment <slug> [--name <name>] [--role read-only|member|admin]',
  );
  process.exit(2);
}
const database = await openDatabase(loadConfig().database);
setPrismaClient(database.prisma);
try {
  await applyPendingMigrations(database.adapterFactory);
  await ensureDefaultEnvironments(systemActor);
  const environment = await findEnvironmentBySlug(values.environment);
  const { secret } = await createApiKey(systemActor, environment, values.name ?? 'CLI key', role);
  process.stdout.write(`${secret}\n`);
} catch (error) {
  console.error(error instanceof PennantError ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
