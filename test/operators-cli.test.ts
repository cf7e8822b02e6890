import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  operatorsCreateUsage,
  parseOperatorsCreateArgs,
  passwordFromStdin,
} from '../scripts/operators-create-args.ts';
import { cliChildEnv, migratedDataDirs } from './helpers/process.ts';
import { signInOperator, startTestServer } from './helpers/server.ts';

/**
 * `npm run operators:create` (the password on standard input) and the setup link the first
 * start prints, as an operator of the server would use them: real child processes.
 */

// Each test starts Node processes: slow on a busy machine.
const processTimeout = 180_000;
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const dataDirs = migratedDataDirs('pennant-operators-cli-');
afterAll(() => dataDirs.removeAll());

function createOperator(args: string[], stdin: string | null, dataDir: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'operators:create', '--', ...args], {
      cwd: projectRoot,
      env: cliChildEnv({ PENNANT_DATA_DIR: dataDir }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (stdin !== null) child.stdin.write(stdin);
    child.stdin.end();
  });
}

const password = 'a password from stdin';

describe('npm run operators:create', { timeout: processTimeout }, () => {
  it('reads the password from standard input, prints the id, and the operator can sign in', async () => {
    const dataDir = await dataDirs.fresh();
    const created = await createOperator(
      ['--email', 'Root@Example.com', '--role', 'owner', '--password-stdin'],
      `${password}\n`,
      dataDir,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^op_[0-9A-Z]{26}\n$/);

    const short = await createOperator(
      ['--email', 'short@example.com', '--role', 'viewer', '--password-stdin'],
      'short\n',
      dataDir,
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/password must be at least 12 characters/);

    const server = await startTestServer({ env: { PENNANT_DATA_DIR: dataDir, DATABASE_URL: '' } });
    try {
      // An operator exists: no setup link on this start.
      expect(server.setupUrl).toBeNull();
      // The e-mail is taken whatever its case (the function the script calls; its refusals exit 1
      // as the short password above shows).
      await expect(
        server.operators.create({ email: 'root@example.com', role: 'viewer', password }),
      ).rejects.toThrow(/already exists/);
      const cookie = await signInOperator(server, 'root@example.com', password);
      const response = await fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query: '{ currentOperator { email role } }' }),
      });
      const body = (await response.json()) as { data?: { currentOperator?: unknown } };
      expect(body.data?.currentOperator).toEqual({ email: 'root@example.com', role: 'OWNER' });
    } finally {
      await server.close();
    }
  });

  it('refuses usage errors with exit code 2 before loading anything, writing nothing to standard output', async () => {
    const dataDir = await dataDirs.fresh();
    const result = await createOperator(
      ['--email', 'a@example.com', '--role', 'boss', '--password-stdin'],
      `${password}\n`,
      dataDir,
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--role must be owner, admin, editor or viewer, not "boss"/);
    expect(result.stderr).toMatch(/usage: npm run -s operators:create/);
  });
});

describe("operators:create's command line", () => {
  it('refuses each usage error with the usage line', () => {
    for (const [args, message] of [
      [['--email', 'a@example.com', '--role', 'boss', '--password-stdin'], /--role must be owner/],
      [['--email', 'a@example.com', '--role', 'owner'], /--password-stdin is required/],
      [['--role', 'owner', '--password-stdin'], /^usage:/],
      [
        ['--email', 'a@example.com', '--role', 'owner', '--password', 'on the command line'],
        /Unknown option '--password'/,
      ],
    ] as const) {
      const parsed = parseOperatorsCreateArgs([...args]);
      expect(parsed, args.join(' ')).toEqual({ usageError: expect.stringMatching(message) });
      expect((parsed as { usageError: string }).usageError).toContain(operatorsCreateUsage);
    }
  });

  it('takes the role in any case and the environments as a list', () => {
    expect(
      parseOperatorsCreateArgs([
        '--email',
        'e@example.com',
        '--role',
        'Editor',
        '--environments',
        'sandbox, production,',
        '--password-stdin',
      ]),
    ).toEqual({ email: 'e@example.com', role: 'EDITOR', environments: ['sandbox', 'production'] });
  });

  it('takes one line of standard input as the password, and refuses none', () => {
    expect(passwordFromStdin('a password from stdin\n')).toBe('a password from stdin');
    expect(passwordFromStdin('with a carriage return\r\n')).toBe('with a carriage return');
    expect(passwordFromStdin('')).toEqual({ usageError: 'No password on standard input.' });
    expect(passwordFromStdin('\n')).toEqual({ usageError: 'No password on standard input.' });
  });
});

describe('the first start without an operator', { timeout: processTimeout }, () => {
  it('prints a one-time setup link once, and the link creates the owner', async () => {
    const dataDir = await dataDirs.fresh();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: projectRoot,
      env: cliChildEnv({ PORT: '0', HOST: '127.0.0.1', PENNANT_DATA_DIR: dataDir }),
    });
    let output = '';
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise((resolve) => child.on('close', resolve));
    try {
      const setupUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no setup link in time:\n${output}`)), 120_000);
        child.stdout.on('data', (chunk) => {
          output += chunk;
          // The link, then the keys: wait for both so the whole first-start output is read.
          const match = /(http:\/\/127\.0\.0\.1:\d+\/setup\?token=[A-Za-z0-9_-]{43})\n/.exec(output);
          if (match && /sk_live_\S+\n/.test(output)) {
            clearTimeout(timer);
            resolve(match[1] ?? '');
          }
        });
        child.on('close', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      const token = new URL(setupUrl).searchParams.get('token') ?? '';
      // Shown once: the token appears in the output exactly once, not also in a log record.
      expect(output.split(token)).toHaveLength(2);
      const graphqlUrl = new URL('/graphql', setupUrl).toString();
      const complete = async (email: string) => {
        const response = await fetch(graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query:
              'mutation ($input: CompleteSetupInput!) { completeSetup(input: $input) { operator { email role } } }',
            variables: { input: { token, email, password } },
          }),
        });
        return (await response.json()) as {
          data?: { completeSetup?: unknown };
          errors?: { extensions?: { code?: string } }[];
        };
      };
      expect((await complete('first@example.com')).data?.completeSetup).toEqual({
        operator: { email: 'first@example.com', role: 'OWNER' },
      });
      expect((await complete('second@example.com')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
