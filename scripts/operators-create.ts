// npm run -s operators:create -- --email E --role owner|admin|editor|viewer [--environments a,b] --password-stdin
// Creates an operator whose password is read from standard input (never from the command line,
// where other local users could read it in the process list). Prints the new operator's id.
// Works on a fresh data folder too: it migrates and creates the default environments first.
// With the embedded database, stop the server first (PGlite allows one process at a time).
// Exit codes: 0 created, 1 refused (bad input, e-mail taken), 2 usage.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { setPrismaClient } from '../src/db/index.ts';
import { applyPendingMigrations } from '../src/db/migrations.ts';
import { systemActor } from '../src/domain/actor.ts';
import { ensureDefaultEnvironments } from '../src/domain/environments.ts';
import { createOperator, parseOperatorRole } from '../src/domain/operators.ts';
import { PennantError } from '../src/errors.ts';

const usage =
  'usage: npm run -s operators:create -- --email <e-mail> --role owner|admin|editor|viewer [--environments <slug,slug>] --password-stdin   (the password on standard input)';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      environments: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
}
try {
  parsed = parse();
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`, 2);
}
const { values } = parsed;
if (!values.email || !values.role) fail(usage, 2);
const role = parseOperatorRole(values.role);
if (!role)
  fail(`--role must be owner, admin, editor or viewer, not ${JSON.stringify(values.role)}.\n${usage}`, 2);
if (!values['password-stdin'])
  fail(`--password-stdin is required: the password is read from standard input.\n${usage}`, 2);
if (process.stdin.isTTY) process.stderr.write('Password (then Enter; it is not hidden): ');

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

// One line: a trailing newline (echo, a here-string) is not part of the password.
const password = (await readStdin()).replace(/\r?\n$/, '');
if (password === '') fail('No password on standard input.', 2);

const database = await openDatabase(loadConfig().database);
setPrismaClient(database.prisma);
try {
  await applyPendingMigrations(database.adapterFactory);
  await ensureDefaultEnvironments(systemActor);
  const operator = await createOperator(systemActor, {
    email: values.email,
    role,
    environments: values.environments
      ?.split(',')
      .map((slug) => slug.trim())
      .filter(Boolean),
    password,
  });
  process.stdout.write(`${operator.id}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof PennantError ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
