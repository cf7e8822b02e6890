import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleForBrowser,
  chromiumArgs,
  chromiumAvailable,
  chromiumPath,
  startFrontServer,
} from './helpers/browser.ts';
import { realtimeFixtures } from './helpers/realtime.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

if (!chromiumAvailable) {
  console.warn(`client-browser.test.ts skipped: ${chromiumPath} is missing (apt-get install -y chromium).`);
}

// The page: Pennant's web provider (on pennant/client) with the session cookie, recording
// what it hears for the test to read.
const pageScript = `
  const provider = new PennantWebProvider({ url: location.origin + '/graphql' });
  window.heard = [];
  window.errors = [];
  OpenFeature.addHandler(ProviderEvents.ConfigurationChanged, (details) => window.heard.push(details.flagsChanged));
  OpenFeature.addHandler(ProviderEvents.Error, (details) => window.errors.push(details.message));
  window.ready = OpenFeature.setProviderAndWait(provider).then(() => provider.pennantClient.flags);
  window.flagsClient = OpenFeature.getClient();
  window.pennantFlags = () => provider.pennantClient.flags;
`;

let server: TestServer;
let fixtures: ReturnType<typeof realtimeFixtures>;
let front: Awaited<ReturnType<typeof startFrontServer>>;
let browser: Browser;

describe.skipIf(!chromiumAvailable)('pennant/client in Chromium', () => {
  beforeAll(async () => {
    server = await startTestServer({ env: { PENNANT_RATE_LIMIT_CREATE_SESSION: '100000' } });
    fixtures = realtimeFixtures(server);
    const script = await bundleForBrowser(path.join(import.meta.dirname, 'fixtures/browser/entry.ts'));
    front = await startFrontServer(Number(new URL(server.url).port), {
      '/': {
        type: 'text/html',
        body: '<!doctype html><title>app</title><script type="module" src="/app.js"></script>',
      },
      '/app.js': { type: 'text/javascript', body: `${script}\n${pageScript}` },
    });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    await front?.close();
    await server?.close();
  });

  it('follows a change through the session cookie, which each refresh replaces', async () => {
    const organizationId = await fixtures.organization('Browser Co');
    await fixtures.flag('in-the-browser');
    const session = await fixtures.session(organizationId);
    const context = await browser.newContext();
    try {
      await context.addCookies([
        {
          name: 'wos-session',
          value: session.sealedSession,
          url: front.url,
          httpOnly: true,
          sameSite: 'Lax',
        },
      ]);
      const page = await context.newPage();
      await page.goto(front.url);
      await page.waitForFunction(() => 'ready' in globalThis);
      expect(
        await page.evaluate(() => (globalThis as unknown as { ready: Promise<string[]> }).ready),
      ).toEqual([]);
      // The first refresh set a new cookie (HttpOnly: the page never saw the seal).
      const cookieAfterReady = (await context.cookies(front.url)).find((c) => c.name === 'wos-session');
      expect(cookieAfterReady?.value).toBeTruthy();
      expect(cookieAfterReady?.value).not.toBe(session.sealedSession);
      expect(cookieAfterReady?.httpOnly).toBe(true);

      await fixtures.setRule('in-the-browser', 'SOME', [organizationId]);
      await fixtures.setEnabled('in-the-browser', true);
      await page.waitForFunction(() =>
        (globalThis as unknown as { heard: string[][] }).heard.some((keys) =>
          keys.includes('in-the-browser'),
        ),
      );
      const answer = await page.evaluate(() =>
        (
          globalThis as unknown as {
            flagsClient: { getBooleanDetails(key: string, fallback: boolean): { value: boolean } };
          }
        ).flagsClient.getBooleanDetails('in-the-browser', false),
      );
      expect(answer).toMatchObject({ value: true, reason: 'STATIC' });
      expect(
        await page.evaluate(() => (globalThis as unknown as { pennantFlags(): string[] }).pennantFlags()),
      ).toEqual(['in-the-browser']);
      const cookieAfterChange = (await context.cookies(front.url)).find((c) => c.name === 'wos-session');
      expect(cookieAfterChange?.value).not.toBe(cookieAfterReady?.value);
      expect(await page.evaluate(() => (globalThis as unknown as { errors: string[] }).errors)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
