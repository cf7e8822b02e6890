import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardRoutes } from '../src/http/dashboard.ts';
import { graphql } from './gql/index.ts';
import { dataOf, environmentOf, startTestServer, type TestServer } from './helpers/server.ts';

/**
 * How Pennant serves the dashboard's build (made by the global setup): its pages with a strict
 * Content-Security-Policy and no caching, its hashed assets cached for good, every page path
 * answered with index.html, and nothing else (GraphQL, REST, health) touched.
 */

const CurrentEnvironment = graphql(`
  query DashboardServingEnvironment {
    currentEnvironment {
      slug
    }
  }
`);

let server: TestServer;
let index: string;

beforeAll(async () => {
  server = await startTestServer();
  index = await (await fetch(`${server.url}/`)).text();
});
afterAll(() => server.close());

function assetPaths(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
}

describe('the dashboard page', () => {
  it('is index.html, not cached, with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = response.headers.get('content-security-policy') ?? '';
    const host = new URL(server.url).host;
    const directives = Object.fromEntries(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe');
  });

  it('has no inline script or style: every script and stylesheet is a file of the build', () => {
    expect(index).toContain('<div id="app">');
    const scripts = [...index.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\/assets\/[^"]+\.js"/);
      expect(body?.trim()).toBe('');
    }
    expect(index).not.toMatch(/<style\b|\sstyle="/);
    expect(assetPaths(index).some((asset) => asset.endsWith('.css'))).toBe(true);
  });

  it('answers every page path of the dashboard with the same index.html', async () => {
    const paths = [
      '/flags/new-checkout',
      '/environments/production/organizations',
      '/environments/sandbox/organizations/org_01ABC',
      '/environments',
      '/audit',
      '/operators',
      '/setup?token=abc',
      '/invite?token=abc',
      '/sign-in?next=%2Faudit',
    ];
    for (const pagePath of paths) {
      const response = await fetch(`${server.url}${pagePath}`);
      expect(response.status, pagePath).toBe(200);
      expect(response.headers.get('cache-control'), pagePath).toBe('no-cache');
      expect(await response.text(), pagePath).toBe(index);
    }
  });

  it('does not answer paths that are not pages with index.html', async () => {
    for (const other of ['/nope', '/flags', '/flags/a/b', '/index.html.bak', '/environments/sandbox']) {
      const response = await fetch(`${server.url}${other}`);
      expect(response.status, other).toBe(404);
      expect(await response.text(), other).not.toBe(index);
    }
  });
});

describe('the dashboard assets', () => {
  it('are served with their type and cached for a year as immutable (their names carry a content hash)', async () => {
    const assets = assetPaths(index);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      expect(asset).toMatch(/-[A-Za-z0-9_-]{8,}\.(js|css)$/);
      const response = await fetch(`${server.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type'), asset).toBe(
        asset.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
      );
      expect(response.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
  });

  it('an unknown asset is a plain 404 that is not cached (never index.html)', async () => {
    const response = await fetch(`${server.url}/assets/index-00000000.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).not.toContain('<html');
    const outside = await fetch(`${server.url}/assets/..%2F..%2Fpackage.json`);
    expect(outside.status).toBe(404);
  });
});

describe('other routes are untouched', () => {
  it('GraphQL, health and the WorkOS-compatible REST routes answer as before, without the dashboard headers', async () => {
    const graphqlAnswer = await server.request(CurrentEnvironment);
    expect(dataOf(graphqlAnswer).currentEnvironment.slug).toBe('sandbox');
    expect(graphqlAnswer.headers.get('content-security-policy')).toBeNull();

    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(health.headers.get('content-security-policy')).toBeNull();

    const { clientId } = await environmentOf('sandbox');
    const jwks = await fetch(`${server.url}/sso/jwks/${clientId}`);
    expect(jwks.status).toBe(200);
    expect(((await jwks.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);

    // WorkOS's REST space keeps its paths, even those that look like dashboard pages.
    const organizations = await fetch(`${server.url}/organizations`, { headers: { accept: 'text/html' } });
    expect(organizations.status).toBe(404);
    expect(((await organizations.json()) as { code: string }).code).toBe('endpoint_not_supported');

    // GraphiQL (development) still opens at /graphql in a browser.
    const graphiql = await fetch(server.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).toContain('GraphiQL');
  });
});

describe('without a build', () => {
  it('the pages say how to build it (503); the assets are 404', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'pennant-no-dashboard-'));
    try {
      const routes = dashboardRoutes(empty);
      const page = routes.find((route) => route.path === '/');
      const answer = await page!.handler(new Request('http://127.0.0.1/'), {}, new URL('http://127.0.0.1/'));
      expect(answer.status).toBe(503);
      expect(await answer.text()).toContain('npm run build:dashboard');
      const assets = routes.find((route) => route.path === '/assets/*');
      const url = new URL('http://127.0.0.1/assets/x.js');
      expect((await assets!.handler(new Request(url), {}, url)).status).toBe(404);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
