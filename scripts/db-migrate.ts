// npm run db:migrate: applies pending migrations to the configured database (DATABASE_URL, or
// the embedded PGlite in PENNANT_DATA_DIR) without the native Prisma engine.
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { applyPendingMigrations } from '../src/db/migrations.ts';

const config = loadConfig();
const database = await openDatabase(config.database);
try {
  const applied = await applyPendingMigrations(database.adapterFactory);
  console.log(
    applied.length > 0
      ? `Applied ${applied.join(', ')} to ${database.description}.`
      : `${database.description} is up to date.`,
  );
} finally {
  await database.close();
}
