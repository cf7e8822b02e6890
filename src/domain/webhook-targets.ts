import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { BadUserInputError, PennantError } from '../errors.ts';

/**
 * Where webhooks may be sent. A webhook URL is chosen by whoever holds an API key, and Pennant
 * makes the request from inside the operator's network: without this rule a key could make it
 * reach the cloud metadata service (169.254.169.254), the database, or an admin port on
 * localhost, and read the status code back from `deliveries`.
 *
 * Only globally routable unicast addresses are allowed (ipaddr.js's `unicast` range, after
 * unwrapping IPv4-mapped IPv6): loopback, link-local, private, carrier-grade NAT, unique-local,
 * unspecified, multicast, reserved and the IPv6 ranges that embed an IPv4 address (NAT64, 6to4,
 * Teredo) are refused. The URL is checked when it is saved, and the address again when a
 * delivery connects: the name is resolved, every address checked, and the connection made to the
 * checked address (not resolved a second time), so a name that answers a public address at save
 * and 127.0.0.1 at delivery (DNS rebinding) fails.
 *
 * `PENNANT_WEBHOOK_ALLOW_PRIVATE=true` lifts the address rule and https-only for production
 * environments, for development and tests (receivers on localhost); the server refuses it when
 * NODE_ENV=production.
 */

let allowPrivate = false;

/** Resolves a name to all its addresses (node:dns `lookup` with `all: true`). */
export type NameResolver = (
  hostname: string,
  options: { all: true; family: number },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

let resolveName: NameResolver = dnsLookup;

/**
 * `resolver` replaces the system's (tests use it to answer a name with an address of their
 * choosing, as a rebinding DNS server would).
 */
export function setWebhookTargetPolicy(policy: { allowPrivate: boolean; resolver?: NameResolver }): void {
  allowPrivate = policy.allowPrivate;
  resolveName = policy.resolver ?? dnsLookup;
}

export function webhookTargetsMayBePrivate(): boolean {
  return allowPrivate;
}

/** Why an address may not receive webhooks, or null when it may. */
export function refusedAddressReason(address: string): string | null {
  if (allowPrivate) return null;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process(): an IPv4-mapped IPv6 address (::ffff:127.0.0.1) becomes the IPv4 address.
    parsed = ipaddr.process(address);
  } catch {
    return `${address} is not an IP address.`;
  }
  const range = parsed.range();
  return range === 'unicast'
    ? null
    : `${parsed.toString()} is a ${describeRange(range)} address; webhooks go only to public addresses.`;
}

function describeRange(range: string): string {
  switch (range) {
    case 'loopback':
      return 'loopback';
    case 'private':
      return 'private';
    case 'linkLocal':
      return 'link-local';
    case 'uniqueLocal':
      return 'unique-local';
    case 'unspecified':
      return 'unspecified';
    case 'carrierGradeNat':
      return 'carrier-grade NAT';
    case 'multicast':
      return 'multicast';
    default:
      return `reserved (${range})`;
  }
}

const localNames = /(^|\.)localhost\.?$/i;

/**
 * Checks a webhook URL when it is saved: an address literal (IPv4, IPv6 in brackets) or
 * `localhost` that may not receive webhooks is BAD_USER_INPUT, and so is plain http for a
 * production environment. A name is resolved only at delivery (see `guardedLookup`).
 */
export function checkWebhookTarget(url: URL, environmentKind: 'SANDBOX' | 'PRODUCTION'): void {
  if (allowPrivate) return;
  if (environmentKind === 'PRODUCTION' && url.protocol !== 'https:') {
    throw new BadUserInputError('url', 'url must be https for a production environment.');
  }
  const host = hostOf(url);
  if (localNames.test(host)) {
    throw new BadUserInputError('url', 'url must not name localhost; webhooks go only to public addresses.');
  }
  if (isIP(host) !== 0) {
    const reason = refusedAddressReason(host);
    if (reason) throw new BadUserInputError('url', `url: ${reason}`);
  }
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** A connection refused by the address rule: the delivery fails with this reason. */
export class RefusedWebhookTargetError extends PennantError {
  constructor(reason: string) {
    super('FORBIDDEN', reason);
    this.name = 'RefusedWebhookTarget';
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request: resolves the name, refuses the connection when any address
 * it resolves to may not receive webhooks (a name that mixes public and private addresses is
 * refused whole, so the choice between them cannot be steered), and hands the socket exactly
 * the addresses it checked.
 */
export function guardedLookup(
  hostname: string,
  options: { all?: boolean; family?: number | string },
  callback: LookupCallback,
): void {
  resolveName(hostname, { all: true, family: Number(options.family ?? 0) || 0 }, (error, addresses) => {
    if (error) {
      callback(error, []);
      return;
    }
    for (const { address } of addresses) {
      const reason = refusedAddressReason(address);
      if (reason) {
        callback(new RefusedWebhookTargetError(`${hostname} resolves to ${reason}`), []);
        return;
      }
    }
    const first = addresses[0];
    if (!first) {
      callback(Object.assign(new Error(`${hostname} has no address.`), { code: 'ENOTFOUND' }), []);
      return;
    }
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  });
}
