import { json, type Route } from '../routes.ts';
import { featureFlagRoutes } from './feature-flags.ts';
import { userManagementRoutes } from './user-management.ts';
import { webhookEndpointRoutes } from './webhook-endpoints.ts';

/** The parts of WorkOS's REST API that its Node SDK uses: feature flags, sessions, webhook endpoints. */
export function workosRoutes(): Route[] {
  return [
    ...featureFlagRoutes(),
    ...userManagementRoutes(),
    ...webhookEndpointRoutes(),
    ...workosPrefixes.map((prefix) => ({ method: '*', path: `${prefix}/*`, handler: notServed })),
  ];
}

/** Where WorkOS's API has more than Pennant serves (checked after every served route). */
const workosPrefixes = [
  '/feature-flags',
  '/organizations',
  '/user_management',
  '/sso',
  '/sdk',
  '/webhook_endpoints',
  '/events',
];

/**
 * The rest of those paths answer a JSON 404, which the SDK raises as a NotFoundException
 * naming the path (an empty or HTML body would be a ParseError that says nothing).
 */
function notServed(request: Request, _params: Record<string, string>, url: URL): Response {
  return json(
    {
      code: 'endpoint_not_supported',
      message: `Pennant does not serve ${request.method} ${url.pathname}: its WorkOS compatibility covers feature flags, session refresh, JWKS and webhook endpoints.`,
    },
    404,
  );
}
