// npm run -s operators:create -- --email E --role owner|admin|editor|viewer [--environments a,b] --password-stdin
// Creates an operator whose password is read from standard input (never from the command line,
// where other local users could read it in the process list). Prints the new operator's id.
// Works on a fresh data folder too: it migrates and creates the default environments first.
// With the embedded database, stop the server first (PGlite allows one process at a time).
// Exit codes: 0 created, 1 refused (bad input, e-mail taken), 2 usage.
import { parseOperatorsCreateArgs, passwordFromStdin } from './operators-create-args.ts';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const args = parseOperatorsCreateArgs(process.argv.slice(2));
if ('usageError' in args) fail(args.usageError, 2);
if (process.stdin.isTTY) process.stderr.write('Password (then Enter; it is not hidden): ');

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

const password = passwordFromStdin(await readStdin());
if (typeof password !== 'string') fail(password.usageError, 2);

// Loaded only now: a usage error above is answered without loading the server's modules.
const [
  { loadConfig },
  { openDatabase },
  { setPrismaClient },
  { applyPendingMigrations },
  { systemActor },
  { ensureDefaultEnvironments },
  { createOperator },
  { PennantError },
] = await Promise.all([
  import('../src/config.ts'),
  import('../src/db/client.ts'),
  import('../src/db/index.ts'),
  import('../src/db/migrations.ts'),
  import('../src/domain/actor.ts'),
  import('../src/domain/environments.ts'),
  import('../src/domain/operators.ts'),
  import('../src/errors.ts'),
]);
const database = await openDatabase(loadConfig().database);
setPrismaClient(database.prisma);
try {
  await applyPendingMigrations(database.adapterFactory);
  await ensureDefaultEnvironments(systemActor);
  const operator = await createOperator(systemActor, { ...args, password });
  process.stdout.write(`${operator.id}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof PennantError ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
