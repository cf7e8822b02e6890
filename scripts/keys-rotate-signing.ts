// npm run keys:rotate-signing [-- --algorithm RS256|ES256|EdDSA]
// Gives every environment a new active access-token signing key (PENNANT_SIGNING_ALG by
// default). The previous keys stay in the JWKS and keep verifying until the tokens they signed
// have expired (retirement + PENNANT_ACCESS_TOKEN_TTL), then leave it. Prints the new `kid`s on
// standard output, one a line.
// With the embedded database, stop the server first (PGlite allows one process at a time); with
// PostgreSQL, running servers pick the new key up within 30 seconds.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type SigningAlgorithm } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { setPrismaClient } from '../src/db/index.ts';
import { applyPendingMigrations } from '../src/db/migrations.ts';
import { initializeSessions } from '../src/domain/sessions.ts';
import { rotateSigningKeys } from '../src/domain/signing-keys.ts';
import { logger } from '../src/logger.ts';

// Standard output carries only the new kid.
logger.level = 'warn';

const { values } = parseArgs({ options: { algorithm: { type: 'string', short: 'a' } } });
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
const algorithm = (values.algorithm ?? config.signingAlgorithm) as SigningAlgorithm;
if (!['RS256', 'ES256', 'EdDSA'].includes(algorithm)) {
  console.error('usage: npm run keys:rotate-signing [-- --algorithm RS256|ES256|EdDSA]');
  process.exit(2);
}
const database = await openDatabase(config.database);
setPrismaClient(database.prisma);
try {
  await applyPendingMigrations(database.adapterFactory);
  // Loads the server secret (the one the server uses) and creates a first key if there is none.
  await initializeSessions({ ...config, issuer: config.issuer ?? `http://localhost:${config.port}` });
  const keys = await rotateSigningKeys(algorithm);
  process.stdout.write(keys.map((key) => `${key.id}\n`).join(''));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
