import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Each test starts Node processes: slow on a busy machine.
const processTimeout = 180_000;

import { graphql } from './gql/index.ts';
import { cliChildEnv, migratedDataDirs } from './helpers/process.ts';
import { dataOf, startTestServer } from './helpers/server.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CurrentEnvironment = graphql(`
  query CliCurrentEnvironment {
    currentEnvironment { slug }
  }
`);

const dataDirs = migratedDataDirs('pennant-cli-');
afterAll(() => dataDirs.removeAll());

function run(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env: cliChildEnv(env) });
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
  });
}

interface RunningServer {
  child: ChildProcess;
  /** The URL from the log line. */
  url: string;
  output: () => string;
  stop: () => Promise<number | string>;
}

/**
 * `npm start`'s command (`tsx src/main.ts`), run until it logs that it listens and has printed
 * `keys` whole API keys (the first start prints them after the listening line).
 */
function startServer(dataDir: string, keys: number): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: cliChildEnv({ PORT: '0', HOST: '127.0.0.1', PENNANT_DATA_DIR: dataDir }),
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  // The exit code, or the signal that ended it (with what it wrote to stderr, to say why).
  const exited = new Promise<number | string>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? `${signal}: ${stderr.slice(-2000)}`)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in time:\n${stdout}`)), 120_000);
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const match = /"url":"([^"]+)"/.exec(stdout);
      if (match && (stdout.match(/sk_(test|live)_[A-Za-z0-9_-]{43}\n/g) ?? []).length >= keys) {
        clearTimeout(timer);
        resolve({
          child,
          url: match[1] ?? '',
          output: () => stdout,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${stdout}`));
    });
  });
}

async function currentEnvironmentOf(graphqlUrl: string, apiKey: string): Promise<unknown> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: '{ currentEnvironment { slug } }' }),
  });
  return ((await response.json()) as { data?: { currentEnvironment?: { slug: string } } }).data
    ?.currentEnvironment?.slug;
}

describe('npm run keys:create', { timeout: processTimeout }, () => {
  it('on a data folder without keys prints only a sk_test_ secret that then authenticates', async () => {
    const dataDir = await dataDirs.fresh();
    const result = await run('npm', ['run', '--silent', 'keys:create', '--', '--environment', 'sandbox'], {
      PENNANT_DATA_DIR: dataDir,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^sk_test_[A-Za-z0-9_-]{43}\n$/);

    const server = await startTestServer({ env: { PENNANT_DATA_DIR: dataDir, DATABASE_URL: '' } });
    try {
      const response = await server.request(CurrentEnvironment, {}, { apiKey: result.stdout.trim() });
      expect(dataOf(response).currentEnvironment.slug).toBe('sandbox');
    } finally {
      await server.close();
    }

    const unknown = await run('npm', ['run', '--silent', 'keys:create', '--', '--environment', 'nowhere'], {
      PENNANT_DATA_DIR: dataDir,
    });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/Environment "nowhere" was not found/);
  });

  it('--role read-only makes a key that reads but may not change anything; a bad role is refused', async () => {
    const dataDir = await dataDirs.fresh();
    const badRole = await run(
      'npm',
      ['run', '--silent', 'keys:create', '--', '--environment', 'sandbox', '--role', 'owner'],
      { PENNANT_DATA_DIR: dataDir },
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stdout).toBe('');
    const result = await run(
      'npm',
      ['run', '--silent', 'keys:create', '--', '--environment', 'sandbox', '--role', 'read-only'],
      { PENNANT_DATA_DIR: dataDir },
    );
    expect(result.code, result.stderr).toBe(0);
    const server = await startTestServer({ env: { PENNANT_DATA_DIR: dataDir, DATABASE_URL: '' } });
    try {
      const apiKey = result.stdout.trim();
      expect(await currentEnvironmentOf(server.graphqlUrl, apiKey)).toBe('sandbox');
      const response = await fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({
          query: 'mutation { createFeatureFlag(input: { slug: "x", name: "X" }) { featureFlag { slug } } }',
        }),
      });
      const body = (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'member' });
    } finally {
      await server.close();
    }
  });
});

describe('npm start', { timeout: processTimeout }, () => {
  it('logs one line with the real URL and database, and prints one key per environment on first start only', async () => {
    const dataDir = await dataDirs.fresh();
    const first = await startServer(dataDir, 2);
    try {
      const port = Number(new URL(first.url).port);
      expect(port).toBeGreaterThan(0);
      expect(first.url).toBe(`http://127.0.0.1:${port}/graphql`);
      const listening = first
        .output()
        .split('\n')
        .filter((line) => line.includes('"url"'));
      expect(listening).toHaveLength(1);
      expect(listening[0]).toContain(`listening on http://127.0.0.1:${port}/graphql`);
      expect(listening[0]).toContain(`PGlite) in ${path.join(dataDir, 'pgdata')}`);

      const keys = first.output().match(/sk_(test|live)_[A-Za-z0-9_-]{43}/g) ?? [];
      expect(keys).toHaveLength(2);
      const sandboxKey = keys.find((key) => key.startsWith('sk_test_')) ?? '';
      const productionKey = keys.find((key) => key.startsWith('sk_live_')) ?? '';
      expect(await currentEnvironmentOf(first.url, sandboxKey)).toBe('sandbox');
      expect(await currentEnvironmentOf(first.url, productionKey)).toBe('production');
    } finally {
      expect(await first.stop(), first.output()).toBe(0);
    }

    // Read once it has exited, so that a key printed late would be in the output.
    const second = await startServer(dataDir, 0);
    expect(await second.stop()).toBe(0);
    expect(second.output()).toMatch(/"url":"/);
    expect(second.output()).not.toMatch(/sk_(test|live)_/);
  });

  // Configuration errors and an unreachable database (exit codes 2 and 1): hardening-config.test.ts.
});
