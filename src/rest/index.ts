import type { Route } from '../routes.ts';
import { featureFlagRoutes } from './feature-flags.ts';
import { userManagementRoutes } from './user-management.ts';

/** The parts of WorkOS's REST API that its Node SDK uses for feature flags and sessions. */
export function workosRoutes(): Route[] {
  return [...featureFlagRoutes(), ...userManagementRoutes()];
}
