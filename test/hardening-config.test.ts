import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { runMainUntilExit } from './helpers/process.ts';

/**
 * Bad configuration stops the server at start with a clear message: exit code 2 for a
 * configuration error, 1 for a database it cannot reach.
 */

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pennant-config-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const shortPassword = 'too-short-password-1234';

const cases: { env: Record<string, string>; message: RegExp }[] = [
  {
    env: { PENNANT_COOKIE_PASSWORD: shortPassword },
    message: /PENNANT_COOKIE_PASSWORD must be at least 32 characters/,
  },
  {
    env: { PENNANT_COOKIE_PASSWORD: `a:${'x'.repeat(40)},b:${shortPassword}` },
    message: /PENNANT_COOKIE_PASSWORD must be at least 32 characters \(password id b\)/,
  },
  { env: { DATABASE_URL: 'not a url' }, message: /DATABASE_URL is not a valid URL/ },
  {
    env: { DATABASE_URL: 'mysql://localhost/db' },
    message: /DATABASE_URL must start with postgresql:\/\/ or postgres:\/\//,
  },
  {
    env: { REDIS_URL: 'http://localhost:6379' },
    message: /REDIS_URL must start with redis:\/\/ or rediss:\/\//,
  },
  { env: { PORT: 'eighty' }, message: /PORT must be an integer from 0 to 65535, got "eighty"/ },
  { env: { PENNANT_MAX_DEPTH: '0' }, message: /PENNANT_MAX_DEPTH must be an integer from 2 to 100, got "0"/ },
  { env: { PENNANT_MAX_BODY_BYTES: '1.5' }, message: /PENNANT_MAX_BODY_BYTES must be an integer/ },
  {
    env: { PENNANT_RATE_LIMIT_REFRESH_SESSION: '-1' },
    message: /PENNANT_RATE_LIMIT_REFRESH_SESSION must be an integer/,
  },
  {
    env: { PENNANT_INTROSPECTION: 'maybe' },
    message: /PENNANT_INTROSPECTION must be true or false, got "maybe"/,
  },
  {
    env: { LOG_LEVEL: 'loud' },
    message: /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"/,
  },
];

describe('PENNANT_ALLOWED_ORIGINS', () => {
  const load = (origins: string) =>
    loadConfig({ PENNANT_DATA_DIR: '/nonexistent', PENNANT_ALLOWED_ORIGINS: origins });

  it.each(['app.example.com', 'ftp://example.com', 'https://app.example.com/', 'https://example.com/path'])(
    'refuses %s, naming the variable and the entry',
    (entry) => {
      const attempt = () => load(`https://ok.example.com, ${entry}`);
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(`PENNANT_ALLOWED_ORIGINS: "${entry}" is not an origin`);
    },
  );

  it('keeps well-formed origins as browsers send them', () => {
    expect(load(' https://app.example.com , http://localhost:5173').allowedOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
  });
});

describe('configuration is validated at start', () => {
  // The rules are checked in this process (loadConfig is what main() calls first); one spawned
  // process per exit code shows how main() reports each kind of failure.
  it.each(cases)('refuses with a clear message: $message', ({ env, message }) => {
    let error: unknown;
    try {
      loadConfig({ PENNANT_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...env });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).message;
    expect(text).toMatch(message);
    // One line, so main() prints it as one.
    expect(text.split('\n')).toHaveLength(1);
    // A password is never repeated back.
    expect(text).not.toContain(shortPassword);
  });

  it('a configuration error exits 2 with one line on stderr, no stack and no secret', async () => {
    const result = await runMainUntilExit({
      PENNANT_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      PENNANT_COOKIE_PASSWORD: shortPassword,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'Configuration error: PENNANT_COOKIE_PASSWORD must be at least 32 characters.\n',
    );
    expect(result.stdout).not.toContain(shortPassword);
  });

  it('names an unreachable database without its password, and exits 1', async () => {
    const result = await runMainUntilExit({
      PENNANT_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgresql://pennant:hunter2-secret@127.0.0.1:1/pennant',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Pennant failed to start: .*reach database server at `127\.0\.0\.1:1`/);
    expect(result.stdout + result.stderr).not.toContain('hunter2-secret');
  });
});
