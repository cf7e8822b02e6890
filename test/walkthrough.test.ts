import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.ts';

/**
 * The README's five-minute walk-through, run as a reader would run it: its shell blocks pasted
 * one after the other into one bash, against a real server, each block's output compared with
 * the README's `text` block after it. Editing the README's commands or outputs without keeping
 * them true fails here.
 */

interface Step {
  commands: string;
  /** Lines the reader is told to expect (each must appear as a whole line of the output). */
  expected: string[];
}

const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');

function walkthroughSteps(markdown: string): Step[] {
  const start = markdown.indexOf('<!-- walkthrough:start -->');
  const end = markdown.indexOf('<!-- walkthrough:end -->');
  if (start < 0 || end < start) throw new Error('README.md has no walkthrough:start/end markers');
  const section = markdown.slice(start, end);
  const steps: Step[] = [];
  for (const match of section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)) {
    const [, language, body = ''] = match;
    if (language === 'sh') steps.push({ commands: body, expected: [] });
    else if (language === 'text') {
      const step = steps.at(-1);
      if (!step || step.expected.length > 0) throw new Error('a text block must follow a sh block');
      step.expected = body.split('\n').filter((line) => line.trim() !== '');
    } else throw new Error(`unexpected \`\`\`${language} block in the walk-through`);
  }
  return steps;
}

function missingTools(): string[] {
  return ['bash', 'curl', 'jq'].filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}

const missing = missingTools();
if (missing.length > 0) {
  console.warn(`walkthrough.test.ts skipped: ${missing.join(', ')} not installed (CI has them)`);
}

describe.skipIf(missing.length > 0)("the README's walk-through", () => {
  let server: TestServer;
  let shell: ChildProcessWithoutNullStreams;
  let output = '';
  let errors = '';
  const waiters = new Set<() => void>();

  beforeAll(async () => {
    server = await startTestServer();
    shell = spawn('bash', ['--noprofile', '--norc'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/' },
    });
    shell.stdout.setEncoding('utf8');
    shell.stderr.setEncoding('utf8');
    shell.stdout.on('data', (chunk: string) => {
      output += chunk;
      for (const wake of waiters) wake();
    });
    shell.stderr.on('data', (chunk: string) => {
      errors += chunk;
    });
  });

  afterAll(async () => {
    if (shell && shell.exitCode === null) shell.kill('SIGKILL');
    await server?.close();
  });

  /** Resolves once `done(outputSinceStart)` holds; fails with what was seen after `ms`. */
  function waitFor(from: number, done: (seen: string) => boolean, what: string, ms = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (done(output.slice(from))) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${what} did not appear; output:\n${output.slice(from)}\nstderr:\n${errors}`));
      }, ms);
      waiters.add(check);
      check();
    });
  }

  it('produces what the README shows, block by block', { timeout: 120_000 }, async () => {
    const steps = walkthroughSteps(readme);
    expect(steps.length).toBeGreaterThanOrEqual(6);
    const [setup] = steps;
    // The first block points the shell at a server and a key; the reader edits it, and so does
    // this test, right after running it as written.
    expect(setup?.commands).toMatch(/^export PENNANT=http:\/\/localhost:4000$/m);
    expect(setup?.commands).toMatch(/^export KEY=\S+$/m);

    for (const [index, step] of steps.entries()) {
      const from = output.length;
      const sentinel = `@@ walkthrough step ${index} done @@`;
      let input = step.commands;
      if (index === 0) input += `export PENNANT=${server.url} KEY=${server.keys.sandbox}\n`;
      shell.stdin.write(`${input}echo '${sentinel}'\n`);
      await waitFor(from, (seen) => seen.includes(sentinel), `the end of block ${index + 1}`);
      // Output of background commands (the subscription) may arrive after the block's own.
      await waitFor(
        from,
        (seen) => {
          const lines = new Set(seen.split('\n'));
          return step.expected.every((line) => lines.has(line));
        },
        `block ${index + 1}'s expected output (${JSON.stringify(step.expected)})`,
      );
    }
    shell.stdin.end('exit\n');
    const exitCode = await new Promise<number | null>((resolve) => {
      if (shell.exitCode !== null) resolve(shell.exitCode);
      else shell.once('exit', (code) => resolve(code));
    });
    expect(exitCode).toBe(0);
    // The subscription was ended by the walk-through's `kill %1`, nothing else failed.
    expect(errors).toBe('');
  });

  it('the subscription message arrived once, the change it announced', () => {
    const messages = output.split('\n').filter((line) => line.startsWith('data: '));
    expect(messages).toEqual([
      'data: {"data":{"featureFlagsChanged":{"featureFlags":[],"removed":["new-billing"]}}}',
    ]);
  });
});
