/**
 * `npm run screenshots`: PNGs of the dashboard's main pages at 1280 and 390 px wide, into
 * docs/screenshots/. Starts a throwaway server (PGlite in a temporary folder) with a small
 * seeded workspace and drives Debian's Chromium through the pages as an owner.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumAvailable, chromiumPath } from '../test/helpers/browser.ts';
import buildDashboard from '../test/helpers/build-dashboard.ts';
import { seedShowcase } from '../test/helpers/dashboard-seed.ts';
import { signInOperator, startTestServer } from '../test/helpers/server.ts';

const outDir = path.resolve(import.meta.dirname, '../docs/screenshots');
const widths = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 390, height: 844 },
];

async function main(): Promise<void> {
  if (!chromiumAvailable) throw new Error(`No Chromium at ${chromiumPath}: apt-get install -y chromium`);
  buildDashboard();
  await mkdir(outDir, { recursive: true });
  const server = await startTestServer({ env: { PENNANT_CHANGE_POLL_MS: '200' } });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    await seedShowcase(server);
    await server.operators.create({
      email: 'ada@example.com',
      role: 'OWNER',
      password: 'screenshot password',
    });
    await server.operators.create({ email: 'grace@example.com', role: 'EDITOR', environments: ['sandbox'] });
    await server.operators.create({ email: 'linus@example.com', role: 'VIEWER' });
    const cookie = await signInOperator(server, 'ada@example.com', 'screenshot password');
    // One archived flag, for the Archived flags page.
    for (const query of [
      'mutation { createFeatureFlag(input: { slug: "holiday-banner", name: "Holiday banner" }) { featureFlag { id } } }',
      'mutation { archiveFeatureFlag(input: { slug: "holiday-banner" }) { featureFlag { id } } }',
    ]) {
      const response = await fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    }
    const organizationsPage = `/environments/sandbox/organizations`;
    const pages: [string, string, string][] = [
      ['flags', '/', 'Flags'],
      ['flag', '/flags/new-checkout', 'New checkout'],
      ['archived-flags', '/archived-flags', 'Archived flags'],
      ['organizations', organizationsPage, 'Organizations'],
      ['environments', '/environments', 'Environments'],
      ['audit', '/audit', 'Audit log'],
      ['operators', '/operators', 'Operators'],
    ];
    for (const size of widths) {
      const signedOut = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
      const page = await signedOut.newPage();
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.screenshot({ path: path.join(outDir, `sign-in-${size.width}.png`), fullPage: true });
      await signedOut.close();

      const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
      const [name = '', value = ''] = cookie.split('=');
      await context.addCookies([{ name, value, url: server.url }]);
      const signedIn = await context.newPage();
      for (const [file, pagePath, heading] of pages) {
        await signedIn.goto(`${server.url}${pagePath}`);
        await signedIn.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await signedIn.waitForLoadState('networkidle');
        await signedIn.screenshot({ path: path.join(outDir, `${file}-${size.width}.png`), fullPage: true });
      }
      await context.close();
    }
    console.log(`Screenshots written to ${path.relative(process.cwd(), outDir)}/`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
