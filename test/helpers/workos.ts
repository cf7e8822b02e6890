import { WorkOS } from '@workos-inc/node';
import type { TestServer } from './server.ts';

/**
 * The official WorkOS SDK pointed at a test server: only the constructor options differ from
 * code written for WorkOS itself.
 */
export function workosFor(server: TestServer, options: { apiKey?: string; clientId?: string } = {}): WorkOS {
  const url = new URL(server.url);
  return new WorkOS(options.apiKey ?? server.keys.sandbox, {
    apiHostname: url.hostname,
    port: Number(url.port),
    https: false,
    ...(options.clientId ? { clientId: options.clientId } : {}),
  });
}
