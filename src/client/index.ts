/**
 * `pennant/client`: what browsers and Node applications import to follow a session's flags.
 * Nothing here may import a Node built-in: this module is bundled for browsers.
 */
export type { RetryOptions } from './backoff.ts';
export { PennantClientError } from './errors.ts';
export {
  createPennantClient,
  type FlagsChange,
  featureFlagsOfAccessToken,
  type PennantClient,
  type PennantClientOptions,
  type PennantCredentials,
} from './session-client.ts';
