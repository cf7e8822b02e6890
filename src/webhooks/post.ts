import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import {
  guardedLookup,
  hostOf,
  RefusedWebhookTargetError,
  refusedAddressReason,
} from '../domain/webhook-targets.ts';

/**
 * POSTs one webhook and answers the status code. The connection goes only where the address
 * rule allows (src/domain/webhook-targets.ts): an address literal is checked here, a name is
 * resolved and checked by `guardedLookup`, and the socket connects to the address that was
 * checked. Redirects are not followed (a 3xx is a failed delivery), so a public endpoint cannot
 * bounce the request inside either.
 */
export function postWebhook(
  url: URL,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
): Promise<number> {
  const host = hostOf(url);
  if (isIP(host) !== 0) {
    const reason = refusedAddressReason(host);
    if (reason) return Promise.reject(new RefusedWebhookTargetError(reason));
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup,
        // One connection per delivery: a pooled socket would skip the lookup (and its check).
        agent: false,
        signal,
      },
      (response: IncomingMessage) => {
        // The answer's body is not read: the status is all a delivery records.
        response.resume();
        response.on('error', () => undefined);
        resolve(response.statusCode ?? 0);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
