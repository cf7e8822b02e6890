import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { chromiumArgs, chromiumAvailable, chromiumPath } from './helpers/browser.ts';
import { dataOf, signInOperator, startTestServer, type TestServer } from './helpers/server.ts';

/**
 * The dashboard in a real Chromium, one browser and one server for the file, in the order a
 * team meets it: the first owner sets up, signs in (a wrong password is refused), creates a
 * flag, turns it on in sandbox, chooses some organizations; a change made through the API
 * appears without a reload; a viewer can change nothing; two people editing one rule get a
 * conflict instead of overwriting each other. The main pages pass axe-core's checks, and no
 * page breaks the Content-Security-Policy.
 */

if (!chromiumAvailable) {
  console.warn(
    `dashboard.test.ts skipped: no Chromium at ${chromiumPath} (apt-get install -y chromium; CI installs it)`,
  );
}

const CreateOrganization = graphql(`
  mutation DashboardCreateOrganization($name: String!) {
    createOrganization(input: { name: $name }) {
      organization {
        id
      }
    }
  }
`);

const SandboxRule = graphql(`
  query DashboardSandboxRule($slug: String!, $environment: String!) {
    featureFlag(slug: $slug) {
      rule(environment: $environment) {
        enabled
        organizationRule
        organizationIds
        version
      }
    }
  }
`);

const SetEnabled = graphql(`
  mutation DashboardSetEnabled($slug: String!, $environment: String!, $enabled: Boolean!) {
    setFeatureFlagEnabled(input: { slug: $slug, environment: $environment, enabled: $enabled }) {
      rule {
        version
      }
    }
  }
`);

const ownerEmail = 'owner@example.com';
const ownerPassword = 'a long owner password';
const slug = 'new-checkout';

describe.skipIf(!chromiumAvailable)('the dashboard in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: Page;
  let acmeId: string;
  const cspViolations: string[] = [];
  const contexts: BrowserContext[] = [];

  async function newPage(cookie?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    if (cookie) {
      const [name = '', value = ''] = cookie.split('=');
      await context.addCookies([{ name, value, url: server.url }]);
    }
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
      if (process.env.DEBUG_DASHBOARD) console.log('[page]', message.type(), message.text());
    });
    return page;
  }

  /** API keys belong to one environment. */
  const keyOf = (environment: string) =>
    environment === 'production' ? server.keys.production : server.keys.sandbox;

  async function ruleIn(environment = 'sandbox') {
    const { featureFlag } = dataOf(
      await server.request(SandboxRule, { slug, environment }, { apiKey: keyOf(environment) }),
    );
    return featureFlag?.rule;
  }

  beforeAll(async () => {
    // A low sign-in limit, so that the last test reaches it in a few attempts.
    server = await startTestServer({ env: { PENNANT_RATE_LIMIT_SIGN_IN: '4' } });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const acme = dataOf(await server.request(CreateOrganization, { name: 'Acme Corp' }));
    acmeId = acme.createOrganization.organization.id;
    await server.request(CreateOrganization, { name: 'Globex' });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('the setup link creates the first owner, who lands on the flags page', async () => {
    expect(server.setupUrl).toMatch(/\/setup\?token=/);
    owner = await newPage();
    await owner.goto(server.setupUrl!);
    await owner.getByLabel('Email', { exact: true }).fill(ownerEmail);
    await owner.getByLabel('Password', { exact: true }).fill(ownerPassword);
    await owner.getByLabel('Repeat the password').fill(ownerPassword);
    await owner.getByRole('button', { name: 'Create owner' }).click();
    await owner.getByRole('heading', { name: 'Flags', level: 1 }).waitFor();
    expect(await owner.getByText(ownerEmail).count()).toBe(1);
  });

  it('signing in: a wrong password is refused with a clear message, the right one opens the dashboard', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/audit`);
    await page.waitForURL(/\/sign-in\?next=%2Faudit$/);
    await page.getByLabel('Email', { exact: true }).fill(ownerEmail);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Wrong e-mail or password.');
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.getByLabel('Password', { exact: true }).fill(ownerPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where the person was going.
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('creates a flag (slug derived from the name) and switches it on in sandbox', async () => {
    await owner.getByRole('button', { name: 'Create flag' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Create flag' });
    await dialog.getByLabel('Name').fill('New checkout');
    expect(await dialog.getByLabel('Slug').inputValue()).toBe(slug);
    await dialog.getByLabel('Tags').fill('checkout, beta');
    await dialog.getByRole('button', { name: 'Create' }).click();

    const sandboxSwitch = owner.getByRole('switch', { name: `${slug} in sandbox` });
    await sandboxSwitch.waitFor();
    expect(await sandboxSwitch.getAttribute('aria-checked')).toBe('false');
    expect(
      await owner.getByRole('switch', { name: `${slug} in production` }).getAttribute('aria-checked'),
    ).toBe('false');

    await sandboxSwitch.click();
    await expect.poll(() => sandboxSwitch.getAttribute('aria-checked'), { timeout: 5000 }).toBe('true');
    expect((await ruleIn())?.enabled).toBe(true);
    expect((await ruleIn('production'))?.enabled).toBe(false);
  });

  it('chooses Some organizations on the flag page: search, add, save', async () => {
    await owner.getByRole('link', { name: 'New checkout' }).click();
    await owner.getByRole('heading', { name: 'New checkout', level: 1 }).waitFor();
    const sandbox = owner.getByRole('region', { name: 'Sandbox' });
    await sandbox.getByRole('radio', { name: 'Some' }).check();
    await sandbox.getByLabel('Add an organization in sandbox').fill('acme');
    await sandbox.getByRole('button', { name: 'Add Acme Corp' }).click();
    await sandbox.getByRole('button', { name: 'Save sandbox rule' }).click();
    await sandbox.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    const rule = await ruleIn();
    expect(rule?.organizationRule).toBe('SOME');
    expect(rule?.organizationIds).toEqual([acmeId]);
  });

  it('shows a change made through the API without a reload', async () => {
    // A mark on the page's window: a reload would lose it.
    await owner.evaluate(() => Object.assign(window, { notReloaded: true }));
    const productionSwitch = owner.getByRole('switch', { name: `${slug} in production` });
    expect(await productionSwitch.getAttribute('aria-checked')).toBe('false');

    dataOf(
      await server.request(
        SetEnabled,
        { slug, environment: 'production', enabled: true },
        { apiKey: keyOf('production') },
      ),
    );

    await expect.poll(() => productionSwitch.getAttribute('aria-checked'), { timeout: 5000 }).toBe('true');
    expect(await owner.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    // And in the history, with who did it.
    await owner.getByRole('region', { name: 'History' }).getByText('flag.toggled').first().waitFor();
  });

  it('a viewer sees everything and can change nothing', async () => {
    await server.operators.create({
      email: 'viewer@example.com',
      role: 'VIEWER',
      password: 'viewer password 1',
    });
    const viewer = await newPage(await signInOperator(server, 'viewer@example.com', 'viewer password 1'));
    await viewer.goto(server.url);
    const sandboxSwitch = viewer.getByRole('switch', { name: `${slug} in sandbox` });
    await sandboxSwitch.waitFor();
    expect(await sandboxSwitch.getAttribute('aria-checked')).toBe('true');
    expect(await sandboxSwitch.isDisabled()).toBe(true);
    expect(await viewer.getByRole('switch', { name: `${slug} in production` }).isDisabled()).toBe(true);
    expect(await viewer.getByRole('button', { name: 'Create flag' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: `Delete ${slug}` }).count()).toBe(0);
    expect(await viewer.getByText('You have read-only access').count()).toBe(1);

    await viewer.goto(`${server.url}/flags/${slug}`);
    const sandbox = viewer.getByRole('region', { name: 'Sandbox' });
    await sandbox.getByText('Acme Corp', { exact: true }).waitFor();
    expect(await sandbox.getByRole('radio', { name: 'All' }).isDisabled()).toBe(true);
    expect(await sandbox.getByRole('button', { name: 'Save sandbox rule' }).count()).toBe(0);
    expect(await viewer.getByRole('link', { name: 'Operators' }).count()).toBe(0);
  });

  it('an editor changes rules only in its own environments', async () => {
    await server.operators.create({
      email: 'editor@example.com',
      role: 'EDITOR',
      environments: ['sandbox'],
      password: 'editor password 1',
    });
    const editor = await newPage(await signInOperator(server, 'editor@example.com', 'editor password 1'));
    await editor.goto(server.url);
    await editor.getByRole('switch', { name: `${slug} in sandbox` }).waitFor();
    expect(await editor.getByRole('switch', { name: `${slug} in sandbox` }).isDisabled()).toBe(false);
    expect(await editor.getByRole('switch', { name: `${slug} in production` }).isDisabled()).toBe(true);
    expect(await editor.getByRole('button', { name: 'Create flag' }).count()).toBe(1);
  });

  it('two people editing one rule: the second gets a clear conflict, not a silent overwrite', async () => {
    const other = await newPage(await signInOperator(server, ownerEmail, ownerPassword));
    await owner.goto(`${server.url}/flags/${slug}`);
    await other.goto(`${server.url}/flags/${slug}`);
    const mine = owner.getByRole('region', { name: 'Sandbox' });
    const theirs = other.getByRole('region', { name: 'Sandbox' });
    await mine.getByText('Acme Corp', { exact: true }).waitFor();
    await theirs.getByText('Acme Corp', { exact: true }).waitFor();

    // The other person starts an edit; meanwhile the first saves a different one.
    await theirs.getByRole('radio', { name: 'All' }).check();
    await mine.getByRole('radio', { name: 'None' }).check();
    await mine.getByRole('button', { name: 'Save sandbox rule' }).click();
    await mine.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = await ruleIn();
    expect(saved?.organizationRule).toBe('NONE');

    // Their save is refused (whether the live update already showed the conflict or not).
    await theirs.getByRole('button', { name: 'Save sandbox rule' }).click();
    const conflict = theirs.getByRole('alert').filter({ hasText: 'Conflict' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(`version ${saved?.version}`);
    expect((await ruleIn())?.organizationRule).toBe('NONE');
    // Their draft is kept until they choose.
    expect(await theirs.getByRole('radio', { name: 'All' }).isChecked()).toBe(true);
    await conflict.getByRole('button', { name: 'Discard my change' }).click();
    expect(await theirs.getByRole('radio', { name: 'None' }).isChecked()).toBe(true);
  });

  it('the main pages pass axe-core (WCAG 2 A and AA) and nothing broke the Content-Security-Policy', async () => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const pages: [string, string][] = [
      ['/', 'Flags'],
      [`/flags/${slug}`, 'New checkout'],
      ['/environments/sandbox/organizations', 'Organizations'],
      ['/environments', 'Environments'],
      ['/audit', 'Audit log'],
      ['/operators', 'Operators'],
    ];
    for (const [path, heading] of pages) {
      await owner.goto(`${server.url}${path}`);
      await owner.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await owner.waitForLoadState('networkidle');
      // Evaluated through the DevTools protocol, which the page's CSP does not govern.
      await owner.evaluate(axeSource);
      const { violations, passes } = await owner.evaluate(async () => {
        type Result = { id: string; nodes: { target: string[] }[] };
        const axe = (
          window as unknown as { axe: { run(options: unknown): Promise<Record<string, Result[]>> } }
        ).axe;
        const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
        return { violations: result.violations ?? [], passes: result.passes?.length ?? 0 };
      });
      // axe ran its rules on the page (a page it could not read would pass nothing).
      expect(passes, path).toBeGreaterThan(5);
      expect(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        path,
      ).toEqual([]);
    }
    expect(cspViolations).toEqual([]);
  });

  it('after too many failed sign-ins the form shows the rate limit and when to retry (last: it blocks this address)', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email', { exact: true }).fill('nobody@example.com');
    const alert = page.getByRole('alert');
    let message = '';
    for (let attempt = 0; attempt < 6 && !message.includes('Too many'); attempt++) {
      await page.getByLabel('Password', { exact: true }).fill(`wrong password ${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await alert.waitFor();
      // The form is enabled again once the answer is shown.
      await page.getByRole('button', { name: 'Sign in' }).and(page.locator(':enabled')).waitFor();
      message = (await alert.textContent()) ?? '';
    }
    expect(message).toMatch(/Too many .*Retry after \d+ seconds\./);
  });
});
