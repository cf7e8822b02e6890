import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { chromiumArgs, chromiumAvailable, chromiumPath } from './helpers/browser.ts';
import { metricValue, startTestServer, type TestServer } from './helpers/server.ts';

/**
 * GraphiQL in a real Chromium, as an operator opens it: the page Pennant serves renders its
 * editor, runs a query and a subscription with an API key typed into the headers pane, and
 * loads nothing from any other host (every request is recorded; any to another host is
 * aborted and fails the test).
 */

if (!chromiumAvailable) {
  console.warn(
    `graphiql.test.ts skipped: no Chromium at ${chromiumPath} (apt-get install -y chromium; CI installs it)`,
  );
}

const CreateFlag = graphql(`
  mutation GraphiqlCreateFlag($slug: String!) {
    createFeatureFlag(input: { slug: $slug, name: "From the test" }) { featureFlag { slug } }
  }
`);

describe.skipIf(!chromiumAvailable)('GraphiQL served by Pennant', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  const elsewhere: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(server.url).origin,
    });
    page = await context.newPage();
    const origin = new URL(server.url).origin;
    await page.route('**/*', (route) => {
      const url = route.request().url();
      requested.push(url);
      const own =
        url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith('data:');
      if (own) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Replaces the text of an editor (Monaco) by pasting, as a person would: typing auto-closes brackets. */
  async function setEditor(container: string, text: string): Promise<void> {
    await page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await page.locator(`${container} .monaco-editor`).first().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
  }

  async function resultText(): Promise<string> {
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, as a person reads it
    return (await page.locator('.result-window').innerText()).replace(/\s+/g, ' ');
  }

  it('renders the editor from its own page', { timeout: 90_000 }, async () => {
    const response = await page.goto(server.graphqlUrl);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    await page.locator('.graphiql-container .monaco-editor').first().waitFor({ timeout: 60_000 });
    expect(await page.title()).toBe('Pennant GraphiQL');
    await expect(page.getByRole('button', { name: /Execute query/ }).isVisible()).resolves.toBe(true);
  });

  it('runs a query with an API key from the headers pane', { timeout: 60_000 }, async () => {
    await page.getByRole('button', { name: 'Headers' }).click();
    await setEditor(
      '.graphiql-editor-tool .graphiql-editor:not(.hidden)',
      JSON.stringify({ Authorization: `Bearer ${server.keys.sandbox}` }),
    );
    await setEditor('.graphiql-query-editor', '{ currentEnvironment { slug } }');
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect
      .poll(resultText, { timeout: 30_000 })
      .toMatch(/"currentEnvironment": \{ "slug": "sandbox" \}/);
  });

  it('runs a subscription and shows what it receives', { timeout: 60_000 }, async () => {
    await setEditor(
      '.graphiql-query-editor',
      'subscription { events(environment: "sandbox") { type flagSlug } }',
    );
    await page.getByRole('button', { name: /Execute query/ }).click();
    // The subscription is open once the server counts it; then a change must reach the page.
    await expect
      .poll(() => metricValue(server.url, 'pennant_active_subscriptions'), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const created = await server.request(CreateFlag, { slug: 'seen-in-graphiql' });
    expect(created.errors).toBeUndefined();
    await expect
      .poll(resultText, { timeout: 30_000 })
      .toMatch(/"type": "flag.created", "flagSlug": "seen-in-graphiql"/);
  });

  it('loaded nothing from another host', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(elsewhere).toEqual([]);
  });
});
