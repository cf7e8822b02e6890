import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { runMainUntilExit } from './helpers/process.ts';

/** Bad configuration stops the real process at start, with exit code 2 and a clear message. */

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
  it.concurrent.each(cases)('exits 2 with a clear message: $message', async ({ env, message }) => {
    const result = await runMainUntilExit({
      PENNANT_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Configuration error: /);
    expect(result.stderr).toMatch(message);
    // One line, no stack trace.
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    // A password is never repeated back.
    expect(result.stderr + result.stdout).not.toContain(shortPassword);
  });

  it('names an unreachable database without its password, and exits 1', async () => {
    const result = await runMainUntilExit({
      PENNANT_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgresql://pennant:hunter2-secret@127.0.0.1:1/pennant',
    });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/Pennant failed to start/);
    expect(result.stdout + result.stderr).not.toContain('hunter2-secret');
  });
});
