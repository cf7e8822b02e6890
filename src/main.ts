import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { logger } from './logger.ts';
import { makeDataFolderPrivate, restrictNewFiles } from './security/data-folder.ts';

async function main(): Promise<void> {
  // Everything the server writes (the data folder) is private to its user.
  restrictNewFiles();
  const config = loadConfig();
  // The database opens (PGlite boots, its WebAssembly compiling off the main thread) while the
  // rest of the server's modules load: the two were the largest parts of start-up, one after
  // the other (BENCHMARKS.md, "Start-up: where the time goes").
  await makeDataFolderPrivate(config.dataDir);
  const database = openDatabase(config.database);
  // Awaited by app.start(); a failure to open is reported there, not as an unhandled rejection.
  database.catch(() => undefined);
  const { buildApp } = await import('./app.ts');
  const app = buildApp(config, { database });
  // Signal handlers first: a SIGTERM while migrations run or the first keys are being made
  // waits for the start to finish, then stops cleanly (node's default would kill the process
  // mid-migration and leave npm's exit code as 143).
  let stopping = false;
  const starting = app.start();
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // app.stop() cuts connections after shutdownTimeoutMs; this is the last resort.
    const forced = setTimeout(() => {
      logger.error('shutdown took too long; exiting anyway');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5_000);
    forced.unref();
    starting
      .then(() => app.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  const running = await starting;
  if (stopping) return;
  logger.info(
    {
      url: `${running.url}/graphql`,
      database: running.database.description,
      // Where start-up time went, step by step, and since the process began (imports included).
      startupMs: { ...running.startupMs, sinceProcessStart: Math.round(performance.now()) },
      // CPU time (user + system, all threads) since the process began: on a shared machine the
      // wall time above stretches with other processes' load, this much less.
      startupCpuMs: cpuMs(process.cpuUsage()),
    },
    `Pennant listening on ${running.url}/graphql, data in ${running.database.description}`,
  );
  if (running.setupUrl) {
    // The link is a secret (it makes an owner), so it goes to standard output once, never to
    // the structured log; the log only says that it was printed.
    logger.warn(
      'no operator exists yet: open the setup link printed on standard output to create the first owner',
    );
    process.stdout.write(
      `\nNo operator yet. Create the first owner (one-time link, valid ${Math.round(
        config.operators.linkTtlSeconds / 3600,
      )} hours; a restart makes a new one):\n  ${running.setupUrl}\n`,
    );
  }
  // On first start, one key per new environment, shown once: only its hash is kept.
  const { systemActor } = await import('./domain/actor.ts');
  const { createApiKey } = await import('./domain/api-keys.ts');
  for (const environment of running.createdEnvironments) {
    if (stopping) return;
    const { secret } = await createApiKey(systemActor, environment, 'Initial key');
    process.stdout.write(
      `\nAPI key for environment "${environment.slug}" (shown once, store it now):\n  ${secret}\n`,
    );
  }
}

function cpuMs({ user, system }: NodeJS.CpuUsage): number {
  return Math.round((user + system) / 1000);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(2);
  }
  // One readable line for whoever started it (e.g. "Can't reach database server at …"), then
  // the structured record with the stack for the logs.
  const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
  process.stderr.write(`Pennant failed to start: ${reason}\n`);
  logger.fatal({ err: error }, 'Pennant failed to start');
  process.exit(1);
});
