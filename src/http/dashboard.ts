import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Route } from '../routes.ts';

/**
 * The web dashboard (src/dashboard), as `vite build` left it: `index.html` and content-hashed
 * files under `assets/`. Served from memory: the whole build is a few hundred kilobytes and
 * never changes while the server runs.
 */

/**
 * Paths the dashboard's router draws (src/dashboard/router.ts); each answers with `index.html`.
 * Organizations are under their environment: `/organizations/*` is WorkOS's REST API.
 */
export const dashboardPagePaths = [
  '/',
  '/sign-in',
  '/setup',
  '/invite',
  '/flags/:slug',
  '/archived-flags',
  '/environments/:environment/organizations',
  '/environments/:environment/organizations/:id',
  '/environments',
  '/audit',
  '/operators',
];

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

interface DashboardFile {
  body: Buffer;
  type: string;
}

/**
 * Where the build is: `PENNANT_DASHBOARD_DIR`, else `dist/dashboard` of this checkout, whether
 * this module runs from source (`src/http`) or compiled (`dist/src/http`).
 */
export function defaultDashboardDir(): string {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  return path.basename(root) === 'dist' ? path.join(root, 'dashboard') : path.join(root, 'dist', 'dashboard');
}

function readBuild(directory: string): Map<string, DashboardFile> | null {
  if (!existsSync(path.join(directory, 'index.html'))) return null;
  const files = new Map<string, DashboardFile>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const type = contentTypes[path.extname(name)];
        // Only known kinds are served; anything else in the folder stays private.
        if (type)
          files.set(`/${path.relative(directory, full).split(path.sep).join('/')}`, {
            body: readFileSync(full),
            type,
          });
      }
    }
  };
  walk(directory);
  return files;
}

/** A Host header as browsers send it (name or address, optional port); anything else is left out of the CSP. */
const plainHost = /^(?:[a-zA-Z0-9.-]+|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/;

/**
 * Strict: the dashboard's own scripts and styles only (no inline script or style, no eval), data
 * and the GraphQL endpoint on this origin, including its WebSocket (`'self'` does not cover
 * ws: in every browser), never framed.
 */
export function dashboardContentSecurityPolicy(host: string | null): string {
  const sockets = host && plainHost.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

const commonHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

function notBuilt(directory: string): Response {
  return new Response(
    `The dashboard is not built: run \`npm run build:dashboard\` (expected ${directory}/index.html).\n`,
    {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...commonHeaders },
    },
  );
}

/**
 * The routes that serve the dashboard: its pages (all `index.html`, never cached, so a new
 * build is picked up at the next load) and its hashed assets (cached for a year, immutable).
 * Every other path (`/graphql`, `/sso/*`, `/user_management/*`, …) is left to its own route.
 */
export function dashboardRoutes(directory: string = defaultDashboardDir()): Route[] {
  const files = readBuild(directory);
  const page = (request: Request): Response => {
    const index = files?.get('/index.html');
    if (!index) return notBuilt(directory);
    return new Response(new Uint8Array(index.body), {
      headers: {
        'content-type': index.type,
        'cache-control': 'no-cache',
        'content-security-policy': dashboardContentSecurityPolicy(request.headers.get('host')),
        ...commonHeaders,
      },
    });
  };
  return [
    ...dashboardPagePaths.map((pagePath) => ({ method: 'GET', path: pagePath, handler: page })),
    {
      method: 'GET',
      path: '/assets/*',
      handler: (_request, _params, url) => {
        const file = files?.get(url.pathname);
        if (!file) {
          return new Response('Not found.\n', {
            status: 404,
            headers: {
              'content-type': 'text/plain; charset=utf-8',
              'cache-control': 'no-store',
              ...commonHeaders,
            },
          });
        }
        return new Response(new Uint8Array(file.body), {
          headers: {
            'content-type': file.type,
            // The file name carries a hash of its content: a new build has new names.
            'cache-control': 'public, max-age=31536000, immutable',
            ...commonHeaders,
          },
        });
      },
    },
  ];
}
