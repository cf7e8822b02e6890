import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser } from './helpers/browser.ts';
import { buildPackage } from './helpers/build-package.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
let scratch: string | undefined;

// The package as an application gets it: the production build (`npm run build`), reached
// through package.json `exports` by the package's own name; built again only when its inputs
// changed.
beforeAll(buildPackage, 240_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the built exports', () => {
  it('pennant/client, pennant/openfeature and pennant/openfeature/web import in Node', async () => {
    const script = `
      const client = await import('pennant/client');
      const openfeature = await import('pennant/openfeature');
      const web = await import('pennant/openfeature/web');
      console.log(JSON.stringify([typeof client.createPennantClient, typeof openfeature.PennantProvider,
        typeof web.PennantWebProvider, typeof client.PennantClientError]));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    expect(JSON.parse(stdout)).toEqual(['function', 'function', 'function', 'function']);
  });

  it('come with type declarations that a TypeScript application compiles against', async () => {
    scratch = await mkdtemp(path.join(root, 'test', '.exports-check-'));
    const consumer = path.join(scratch, 'consumer.ts');
    await writeFile(
      consumer,
      `import { createPennantClient, type PennantClient } from 'pennant/client';
       import { PennantProvider } from 'pennant/openfeature';
       import { PennantWebProvider } from 'pennant/openfeature/web';
       const client: PennantClient = createPennantClient({ url: 'http://localhost:4000/graphql', sealedSession: 's' });
       const enabled: boolean = client.isEnabled('x');
       // @ts-expect-error: refresh must return a promise of the access token
       createPennantClient({ url: 'u', accessToken: 't', refresh: () => 1 });
       export const used = [enabled, new PennantProvider({ url: 'u', apiKey: 'k' }), new PennantWebProvider({ url: 'u' })];
      `,
    );
    const result = await run(
      'npx',
      [
        'tsc',
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        consumer,
      ],
      { cwd: root },
    ).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    expect(result.stdout).toBe('');
  });

  it('the browser modules bundle for a browser: no Node built-in on their path', async () => {
    for (const entry of ['dist/src/client/index.js', 'dist/src/client/openfeature-web.js']) {
      const bundle = await bundleForBrowser(path.join(root, entry));
      expect(bundle).toContain('graphql-transport-ws');
    }
  });
});
