/**
 * `npm run bench:dashboard`: how long the flags page takes, from navigation to interactive,
 * with 500 flags in 3 environments (1,500 switches): every row drawn, every switch enabled, the
 * count saying all flags are loaded. Measured in Debian's Chromium against the real server
 * (in this process, PGlite), five loads after one warm-up; the median and the spread go to
 * BENCHMARKS.md. For scale, the same run times the page's GraphQL reads alone (plain fetch in
 * the same page, nothing drawn).
 */
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumAvailable, chromiumPath } from '../test/helpers/browser.ts';
import buildDashboard from '../test/helpers/build-dashboard.ts';
import { createEnvironment, seedFlags } from '../test/helpers/dashboard-seed.ts';
import { signInOperator, startTestServer } from '../test/helpers/server.ts';

const flagCount = Number(process.env.FLAGS ?? 500);
const loads = Number(process.env.LOADS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  if (!chromiumAvailable) throw new Error(`No Chromium at ${chromiumPath}`);
  buildDashboard();
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
    // bypassCSP: the measuring expressions are evaluated strings, which the page's CSP forbids.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    const switches = flagCount * environments.length;
    const interactive: number[] = [];
    for (let run = 0; run <= loads; run++) {
      await page.goto(`${server.url}/`);
      // performance.now() in the page counts from the navigation's start; checked every frame.
      // (Expressions as strings: tsx's helpers do not exist in the page.)
      await page.waitForFunction(
        `document.querySelectorAll('[role=switch]:not([disabled])').length === ${switches} &&
         (document.querySelector('.count')?.textContent ?? '').startsWith('${flagCount} of ${flagCount} flags')`,
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      const ms = (await page.evaluate('performance.now()')) as number;
      if (run > 0) interactive.push(ms);
    }
    // The same reads with plain fetch: what the page costs beyond the API.
    const apiOnly: number[] = [];
    for (let run = 0; run < loads; run++) {
      const start = performance.now();
      await page.evaluate(`(async () => {
        const definitions = 'query($after:String){featureFlags(first:100,after:$after){edges{node{id slug name description tags}} pageInfo{hasNextPage endCursor}}}';
        const rules = 'query($environment:String!,$after:String){featureFlags(first:100,after:$after){edges{node{slug rule(environment:$environment){enabled version organizationRule percentage}}} pageInfo{hasNextPage endCursor}}}';
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
        await Promise.all([pages(definitions, {}), ...${JSON.stringify(environments)}.map((environment) => pages(rules, { environment }))]);
      })()`);
      apiOnly.push(performance.now() - start);
    }
    const round = (n: number) => Math.round(n);
    console.log(
      JSON.stringify(
        {
          flags: flagCount,
          environments: environments.length,
          switches,
          loadToInteractiveMs: { median: round(median(interactive)), runs: interactive.map(round) },
          graphqlReadsOnlyMs: { median: round(median(apiOnly)), runs: apiOnly.map(round) },
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
