import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Log format: readable lines for a person at a terminal, JSON lines for anything else and in
 * production. The terminal is a real pseudo-terminal (util-linux `script`), so the check is the
 * one a person makes by looking at `npm start`.
 */

const root = path.resolve(import.meta.dirname, '..');
const apiKey = `sk_test_${'a'.repeat(43)}`;
const program = `import('./src/logger.ts').then(({ logger }) => logger.info({ apiKey: '${apiKey}', port: 4000 }, 'listening with ${apiKey}'))`;

function hasScript(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v script'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function run(env: Record<string, string>, terminal: boolean): string {
  const command = `${process.execPath} --import tsx -e "${program}"`;
  const result = terminal
    ? spawnSync('script', ['-qec', command, '/dev/null'], {
        cwd: root,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      })
    : spawnSync(process.execPath, ['--import', 'tsx', '-e', program], {
        cwd: root,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
  expect(result.status).toBe(0);
  return result.stdout;
}

describe('log format', () => {
  it('is one JSON line per record when standard output is not a terminal', () => {
    const lines = run({ LOG_LEVEL: 'info', NODE_ENV: '' }, false).trim().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? '');
    expect(record).toMatchObject({
      level: 30,
      port: 4000,
      apiKey: '[redacted]',
      msg: 'listening with [redacted]',
    });
  });

  it.skipIf(!hasScript())('is readable text in a terminal, still redacted', () => {
    const output = run({ LOG_LEVEL: 'info', NODE_ENV: '' }, true);
    expect(output).toMatch(/INFO.*listening with \[redacted\]/);
    expect(output).toMatch(/port.*4000/);
    expect(output).not.toMatch(/^\{"level"/m);
    expect(output).not.toContain(apiKey);
  });

  it.skipIf(!hasScript())('is JSON in a terminal too with NODE_ENV=production', () => {
    const output = run({ LOG_LEVEL: 'info', NODE_ENV: 'production' }, true);
    expect(output).toMatch(/^\{"level":30,.*"msg":"listening with \[redacted\]"\}\r?$/m);
    expect(output).not.toContain(apiKey);
  });
});
