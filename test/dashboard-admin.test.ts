import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumAvailable, chromiumPath } from './helpers/browser.ts';
import { signInOperator, startTestServer, type TestServer } from './helpers/server.ts';

/**
 * The dashboard's administration pages in a real Chromium (one browser and one server for the
 * file): archiving and unarchiving a flag, the audit log's actor filter, inviting an operator who
 * then joins with the invitation link, changing a role and removing an operator, creating an API
 * key (its secret shown once, copied) and revoking it, and a webhook endpoint with its deliveries.
 */

if (!chromiumAvailable) {
  console.warn(`dashboard-admin.test.ts skipped: no Chromium at ${chromiumPath}`);
}

// biome-ignore lint/suspicious/noExplicitAny: ad-hoc documents, read loosely and checked by assertions.
type Loose = Record<string, any>;

describe.skipIf(!chromiumAvailable)('the dashboard’s administration pages in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: Page;
  let receiver: Server;
  let received = 0;
  const contexts: BrowserContext[] = [];

  async function newPage(cookie?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    if (cookie) {
      const [name = '', value = ''] = cookie.split('=');
      await context.addCookies([{ name, value, url: server.url }]);
    }
    return context.newPage();
  }

  async function api(query: string, cookie: string): Promise<Loose> {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: Loose; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data ?? {};
  }

  let ownerCookie: string;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received += 1;
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    server = await startTestServer({ env: { PENNANT_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    await server.operators.create({ email: 'owner@example.com', role: 'owner' });
    await server.operators.create({
      email: 'leaving@example.com',
      role: 'editor',
      environments: ['sandbox'],
    });
    ownerCookie = await signInOperator(server, 'owner@example.com');
    for (const slug of ['old-banner', 'checkout']) {
      await api(
        `mutation { createFeatureFlag(input: { slug: "${slug}", name: "${slug}" }) { featureFlag { id } } }`,
        ownerCookie,
      );
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    owner = await newPage(ownerCookie);
    await owner.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('archives a flag after a confirmation naming the environments, and unarchives it from Archived flags', async () => {
    await owner.goto(server.url);
    await owner.getByRole('switch', { name: 'old-banner in sandbox' }).waitFor();
    await owner.getByRole('button', { name: 'Archive old-banner' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Archive old-banner?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('in every environment: sandbox, production');
    await dialog.getByRole('button', { name: 'Archive old-banner' }).click();
    await owner.getByRole('switch', { name: 'old-banner in sandbox' }).waitFor({ state: 'detached' });
    expect(await owner.getByRole('switch', { name: 'checkout in sandbox' }).count()).toBe(1);
    const archived = await api('{ featureFlag(slug: "old-banner") { archivedAt } }', ownerCookie);
    expect(archived.featureFlag.archivedAt).not.toBeNull();

    // Its own page says so, and leads to the archived flags.
    await owner.goto(`${server.url}/flags/old-banner`);
    await owner.getByRole('note').filter({ hasText: 'off in every environment' }).waitFor();
    await owner.getByRole('link', { name: 'Archived flags' }).click();
    await owner.getByRole('heading', { name: 'Archived flags', level: 1 }).waitFor();
    await owner.getByRole('button', { name: 'Unarchive old-banner' }).click();
    await owner.getByRole('status').filter({ hasText: 'old-banner is back' }).waitFor();
    expect(await owner.getByText('No archived flags.').count()).toBe(1);
    const back = await api('{ featureFlag(slug: "old-banner") { archivedAt } }', ownerCookie);
    expect(back.featureFlag.archivedAt).toBeNull();
  });

  it('the archive dialog refuses a flag that is on, naming where', async () => {
    await api(
      'mutation { setFeatureFlagEnabled(input: { slug: "checkout", environment: "production", enabled: true }) { rule { enabled } } }',
      ownerCookie,
    );
    await owner.goto(server.url);
    await owner.getByRole('switch', { name: 'checkout in production', checked: true }).waitFor();
    await owner.getByRole('button', { name: 'Archive checkout' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Archive checkout?' });
    expect(await dialog.textContent()).toContain('It is on in production: turn it off there');
    expect(await dialog.getByRole('button', { name: 'Archive checkout' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('the audit log filters by actor on the server', async () => {
    // One change by an API key, among the owner's.
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.keys.sandbox}` },
      body: JSON.stringify({
        query:
          'mutation { updateFeatureFlag(input: { slug: "checkout", description: "by a key" }) { featureFlag { id } } }',
      }),
    });
    expect(response.status).toBe(200);
    await owner.goto(`${server.url}/audit`);
    const rows = owner.locator('table.audit tbody tr');
    await rows.first().waitFor();
    expect(await rows.filter({ hasText: 'flag.updated' }).count()).toBe(1);
    await owner.getByLabel('Actor').selectOption({ label: 'owner@example.com' });
    await rows.filter({ hasText: 'flag.updated' }).waitFor({ state: 'detached' });
    const types = await owner.locator('table.audit tbody tr td:nth-child(2)').allTextContents();
    expect(types.length).toBeGreaterThan(3);
    expect(types.filter((type) => type.startsWith('flag.updated'))).toEqual([]);
    expect(types.filter((type) => type.startsWith('flag.archived'))).toHaveLength(1);
  });

  it('an owner invites an operator, who joins with the link and is signed in as a viewer', async () => {
    await owner.goto(`${server.url}/operators`);
    await owner.getByLabel('Email').fill('new.viewer@example.com');
    await owner.getByLabel('Role', { exact: true }).selectOption('VIEWER');
    await owner.getByRole('button', { name: 'Invite' }).click();
    const link = await owner.locator('.secret-value').textContent();
    expect(link).toMatch(/\/invite\?token=/);
    await owner
      .getByRole('row', { name: /new\.viewer@example\.com/ })
      .getByText('invited')
      .waitFor();

    const invited = await newPage();
    await invited.goto(link ?? '');
    await invited.getByRole('heading', { name: 'Join Pennant' }).waitFor();
    await invited.getByLabel('Password', { exact: true }).fill('a long viewer password');
    await invited.getByLabel('Repeat the password').fill('a long viewer password');
    await invited.getByRole('button', { name: 'Accept invitation' }).click();
    await invited.getByRole('heading', { name: 'Flags', level: 1 }).waitFor();
    await invited.getByText('new.viewer@example.com').waitFor();
    await invited.getByText('You have read-only access').waitFor();
    expect(await invited.getByRole('switch', { name: 'checkout in sandbox' }).isDisabled()).toBe(true);
  });

  it('an owner changes an operator’s role and removes another', async () => {
    await owner.goto(`${server.url}/operators`);
    await owner.getByLabel('Role of new.viewer@example.com').selectOption('ADMIN');
    const operators = async () =>
      (await api('{ operators { email role } }', ownerCookie)).operators as { email: string; role: string }[];
    await expect
      .poll(async () => (await operators()).find((o) => o.email === 'new.viewer@example.com')?.role)
      .toBe('ADMIN');

    owner.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('Remove leaving@example.com?');
      void dialog.accept();
    });
    await owner.getByRole('button', { name: 'Remove leaving@example.com' }).click();
    await owner.getByRole('row', { name: /leaving@example\.com/ }).waitFor({ state: 'detached' });
    expect((await operators()).map((o) => o.email)).not.toContain('leaving@example.com');
  });

  it('creates an API key (the secret shown once, copied) and revokes it', async () => {
    await owner.goto(`${server.url}/environments`);
    await owner.getByLabel('Key name').fill('deploy bot');
    await owner.getByLabel('Role', { exact: true }).selectOption('READ_ONLY');
    await owner.getByRole('button', { name: 'Create key' }).click();
    const secret = (await owner.locator('.secret-value').textContent()) ?? '';
    expect(secret).toMatch(/^sk_test_/);
    await owner.getByRole('button', { name: 'Copy' }).click();
    await owner.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    // The key works, with its role.
    const read = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: '{ featureFlag(slug: "checkout") { slug } }' }),
    });
    expect(((await read.json()) as Loose).data.featureFlag.slug).toBe('checkout');
    await owner.getByRole('button', { name: 'Done' }).click();
    expect(await owner.locator('.secret-value').count()).toBe(0);

    owner.once('dialog', (dialog) => void dialog.accept());
    await owner.getByRole('button', { name: 'Revoke deploy bot' }).click();
    await owner.getByRole('button', { name: 'Revoke deploy bot' }).waitFor({ state: 'detached' });
    const refused = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: '{ featureFlag(slug: "checkout") { slug } }' }),
    });
    const refusal = await refused.text();
    expect(refusal, refusal).toContain('UNAUTHENTICATED');
  });

  it('adds a webhook endpoint and shows its deliveries', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    await owner.goto(`${server.url}/environments`);
    await owner.getByLabel('Endpoint URL').fill(url);
    await owner.getByRole('button', { name: 'Add endpoint' }).click();
    const endpoint = owner.locator('article').filter({ hasText: url });
    await endpoint.getByText('No delivery yet.').waitFor();
    await api(
      'mutation { setFeatureFlagEnabled(input: { slug: "checkout", environment: "sandbox", enabled: true }) { rule { enabled } } }',
      ownerCookie,
    );
    await expect.poll(() => received, { timeout: 20_000 }).toBeGreaterThan(0);
    // The page shows deliveries as of its load: read it again until the delivery is recorded.
    await expect
      .poll(
        async () => {
          await owner.reload();
          await owner.locator('article').filter({ hasText: url }).waitFor();
          return owner.locator('article').filter({ hasText: url }).locator('.status').allTextContents();
        },
        { timeout: 20_000 },
      )
      .toEqual(['delivered']);
    expect(await endpoint.locator('caption').textContent()).toBe('Recent deliveries');
  });
});
