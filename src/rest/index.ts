import type { Route } from '../routes.ts';
import { featureFlagRoutes } from './feature-flags.ts';
import { userManagementRoutes } from './user-management.ts';
import { webhookEndpointRoutes } from './webhook-endpoints.ts';

/** The parts of WorkOS's REST API that its Node SDK uses: feature flags, sessions, webhook endpoints. */
export function workosRoutes(): Route[] {
  return [...featureFlagRoutes(), ...userManagementRoutes(), ...webhookEndpointRoutes()];
}
