/**
 * `npm run bench:dashboard`: how long the flags page takes with 500 flags in 3 environments
 * (1,500 switches), measured in Debian's Chromium against the real server (in this process,
 * PGlite). Two figures per load, both from the navigation's start:
 *
 * - first screen interactive: every table row inside the 1280×900 viewport is drawn with its
 *   three switches enabled (their click handlers are attached when drawn), and the rows fill the
 *   viewport (or every flag is loaded). Checked on each animation frame, so the main thread was
 *   free at that moment;
 * - all interactive: all 1,500 switches drawn and enabled, the count saying every flag is loaded.
 *
 * With `BASELINE=<git ref>` (e.g. `main`) the dashboard of that ref is built too and the two are
 * loaded in turn (baseline, current, baseline, …) in the same browser, against the same server and
 * data, so that both see the same load from the rest of the machine. Both builds are served to the
 * page by Playwright's routing from disk; `/graphql` goes to the server. The longest main-thread
 * task after the first screen is reported too: how long a click there could wait at worst.
 * For scale, the same run times the API reads alone (plain fetch in the page, nothing drawn).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { chromiumArgs, chromiumAvailable, chromiumPath } from '../test/helpers/browser.ts';
import buildDashboard from '../test/helpers/build-dashboard.ts';
import { createEnvironment, seedFlags } from '../test/helpers/dashboard-seed.ts';
import { signInOperator, startTestServer } from '../test/helpers/server.ts';

const flagCount = Number(process.env.FLAGS ?? 500);
const loads = Number(process.env.LOADS ?? 5);
const baselineRef = process.env.BASELINE;
const root = path.resolve(import.meta.dirname, '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Builds src/dashboard as it is at `ref` into a folder of node_modules/.cache; returns the folder. */
function buildBaseline(ref: string): string {
  const work = path.join(root, 'node_modules/.cache/pennant-dashboard-baseline');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const archive = execFileSync('git', ['archive', ref, 'src/dashboard'], { cwd: root, maxBuffer: 64 << 20 });
  execFileSync('tar', ['-x', '-C', work], { input: archive });
  const source = path.join(work, 'src/dashboard');
  const out = path.join(work, 'dist');
  execFileSync(
    'npx',
    [
      'vite',
      'build',
      source,
      '--config',
      path.join(source, 'vite.config.ts'),
      '--outDir',
      out,
      '--emptyOutDir',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  return out;
}

/** Chromium's counters of main-thread time, in seconds; they start again with each navigation. */
const spentMetrics = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'];

const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };

/** Serves one dashboard build to the context's pages from disk; everything else goes to the server. */
async function serveBuild(context: BrowserContext, directory: string): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/graphql') return route.continue();
    const file = url.pathname.startsWith('/assets/') ? url.pathname : '/index.html';
    const full = path.join(directory, file);
    if (!existsSync(full)) return route.fulfill({ status: 404 });
    return route.fulfill({
      status: 200,
      contentType: types[path.extname(full)] ?? 'application/octet-stream',
      body: readFileSync(full),
    });
  });
}

/** Evaluated in the page on every frame (a string: tsx's helpers do not exist in the page). */
function probe(switches: number): string {
  return `(() => {
    const w = window;
    if (w.__firstScreen === undefined) {
      const rows = [...document.querySelectorAll('table.flags tbody tr')];
      const visible = rows.filter((row) => { const r = row.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; });
      const count = document.querySelector('.count')?.textContent ?? '';
      const filled = rows.length > 0 && (rows[rows.length - 1].getBoundingClientRect().bottom >= innerHeight || count.startsWith('${flagCount} of'));
      if (filled && visible.length > 0 && visible.every((row) => row.querySelectorAll('[role=switch]:not([disabled])').length === 3)) {
        w.__firstScreen = performance.now();
        w.__longestAfterFirst = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.startTime >= w.__firstScreen) w.__longestAfterFirst = Math.max(w.__longestAfterFirst, e.duration); }).observe({ type: 'longtask' });
      }
    }
    if (w.__firstScreen !== undefined && document.querySelectorAll('[role=switch]:not([disabled])').length === ${switches} &&
        (document.querySelector('.count')?.textContent ?? '').startsWith('${flagCount} of ${flagCount} flags')) {
      w.__all ??= performance.now();
      return true;
    }
    return false;
  })()`;
}

async function main(): Promise<void> {
  if (!chromiumAvailable) throw new Error(`No Chromium at ${chromiumPath}`);
  buildDashboard();
  const variants: { name: string; directory: string }[] = [];
  if (baselineRef)
    variants.push({ name: `baseline (${baselineRef})`, directory: buildBaseline(baselineRef) });
  variants.push({ name: 'current', directory: path.join(root, 'dist/dashboard') });
  const server = await startTestServer();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    await createEnvironment(server, 'staging', 'Staging');
    const environments = ['sandbox', 'production', 'staging'];
    await server.operators.create({
      email: 'bench@example.com',
      role: 'OWNER',
      password: 'bench password 1',
    });
    const cookie = await signInOperator(server, 'bench@example.com', 'bench password 1');
    const seedStart = performance.now();
    await seedFlags(server, flagCount, environments, { apiKey: null, headers: { cookie } });
    console.log(`seeded ${flagCount} flags in ${Math.round(performance.now() - seedStart)} ms`);
    const [name = '', value = ''] = cookie.split('=');
    const switches = flagCount * environments.length;
    const pages = [];
    for (const variant of variants) {
      // bypassCSP: the probe is an evaluated string, which the page's CSP forbids.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      await context.addCookies([{ name, value, url: server.url }]);
      await serveBuild(context, variant.directory);
      const page = await context.newPage();
      // Chromium's own counters (seconds of script, style, layout and all tasks): where the time goes.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const metrics = async () =>
        Object.fromEntries(
          (await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]),
        ) as Record<string, number>;
      pages.push({
        variant,
        page,
        metrics,
        first: [] as number[],
        all: [] as number[],
        longest: [] as number[],
        spent: {} as Record<string, number[]>,
      });
    }
    for (let run = 0; run <= loads; run++) {
      for (const entry of pages) {
        await entry.page.goto(`${server.url}/`);
        await entry.page.waitForFunction(probe(switches), undefined, { polling: 'raf', timeout: 120_000 });
        const after = await entry.metrics();
        const [first, all, longest] = (await entry.page.evaluate(
          '[window.__firstScreen, window.__all, window.__longestAfterFirst]',
        )) as number[];
        // The first load of each is a warm-up (cold caches, JIT).
        if (run > 0) {
          entry.first.push(first ?? Number.NaN);
          entry.all.push(all ?? Number.NaN);
          entry.longest.push(longest ?? Number.NaN);
          for (const name of spentMetrics) {
            entry.spent[name] = [...(entry.spent[name] ?? []), (after[name] ?? 0) * 1000];
          }
        }
      }
    }
    // The API reads alone: the baseline's four paged streams, and the one paged stream now.
    const apiOnly: Record<string, number[]> = { fourStreams: [], oneStream: [] };
    const page = pages[pages.length - 1]?.page;
    for (let run = 0; run < loads && page; run++) {
      for (const kind of ['fourStreams', 'oneStream'] as const) {
        const start = performance.now();
        await page.evaluate(`(async () => {
          const definitions = 'query($after:String){featureFlags(first:100,after:$after){edges{node{id slug name description tags}} pageInfo{hasNextPage endCursor}}}';
          const rules = 'query($environment:String!,$after:String){featureFlags(first:100,after:$after){edges{node{slug rule(environment:$environment){enabled version organizationRule percentage}}} pageInfo{hasNextPage endCursor}}}';
          const table = 'query($environments:[String!]!,$first:Int!,$after:String){featureFlags(first:$first,after:$after){edges{node{id slug name description tags rules(environments:$environments){enabled version organizationRule percentage}}} pageInfo{hasNextPage endCursor}}}';
          const pages = async (query, variables) => {
            let after = null;
            do {
              const response = await fetch('/graphql', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ query, variables: { ...variables, after } }),
              });
              const info = (await response.json()).data.featureFlags.pageInfo;
              after = info.hasNextPage ? info.endCursor : null;
            } while (after);
          };
          const environments = ${JSON.stringify(environments)};
          if (${kind === 'fourStreams'}) await Promise.all([pages(definitions, {}), ...environments.map((environment) => pages(rules, { environment }))]);
          else await pages(table, { environments, first: 100 });
        })()`);
        apiOnly[kind]?.push(performance.now() - start);
      }
    }
    const round = (n: number) => Math.round(n);
    const summary = (values: number[]) => ({ median: round(median(values)), runs: values.map(round) });
    console.log(
      JSON.stringify(
        {
          flags: flagCount,
          environments: environments.length,
          switches,
          ...Object.fromEntries(
            pages.map((entry) => [
              entry.variant.name,
              {
                firstScreenInteractiveMs: summary(entry.first),
                allInteractiveMs: summary(entry.all),
                longestTaskAfterFirstScreenMs: summary(entry.longest),
                mainThreadMsUntilAll: Object.fromEntries(
                  Object.entries(entry.spent).map(([name, values]) => [name, round(median(values))]),
                ),
              },
            ]),
          ),
          apiReadsOnlyMs: {
            fourStreams: summary(apiOnly.fourStreams ?? []),
            oneStream: summary(apiOnly.oneStream ?? []),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
