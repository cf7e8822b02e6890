import { randomBytes } from 'node:crypto';
import { prisma } from '../db/index.ts';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { WebhookEndpoint } from '../generated/prisma/client.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import { recordEvent } from './events.ts';
import { decryptWithServerSecret, encryptWithServerSecret } from './secrets.ts';
import { commitChange } from './transaction.ts';
import { checkWebhookTarget } from './webhook-targets.ts';

/** The WorkOS event names Pennant delivers, each with a FeatureFlag as `data`. */
export const webhookEventTypes = [
  'flag.created',
  'flag.updated',
  'flag.deleted',
  'flag.rule_updated',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/**
 * Which WorkOS event an event of the log becomes, if any. Turning a flag on or off changes the
 * FeatureFlag object's `enabled`, so it is `flag.updated`; choosing organizations or changing
 * the organization rule is `flag.rule_updated`.
 */
export function webhookEventTypeOf(eventType: string): WebhookEventType | undefined {
  switch (eventType) {
    case 'flag.created':
    case 'flag.updated':
    case 'flag.deleted':
      return eventType;
    case 'flag.toggled':
      return 'flag.updated';
    case 'rule.updated':
      return 'flag.rule_updated';
    default:
      return undefined;
  }
}

const secretPurpose = 'webhook-endpoint-secret';
export const maxEndpointsPerEnvironment = 50;

/** A well-formed URL the environment may send webhooks to (see webhook-targets.ts). */
function validEndpointUrl(value: string, environmentKind: 'SANDBOX' | 'PRODUCTION'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BadUserInputError('url', 'url must be an absolute http(s) URL.');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || value.length > 2048) {
    throw new BadUserInputError('url', 'url must be an absolute http(s) URL of at most 2048 characters.');
  }
  if (url.username || url.password) {
    throw new BadUserInputError(
      'url',
      'url must not carry credentials; the signature authenticates Pennant.',
    );
  }
  checkWebhookTarget(url, environmentKind);
  return url.toString();
}

function validEvents(events: readonly string[]): WebhookEventType[] {
  const unique = [...new Set(events)];
  if (unique.length === 0) throw new BadUserInputError('events', 'events must name at least one event.');
  for (const event of unique) {
    if (!(webhookEventTypes as readonly string[]).includes(event)) {
      throw new BadUserInputError(
        'events',
        `${JSON.stringify(event.slice(0, 60))} is not an event Pennant sends (${webhookEventTypes.join(', ')}).`,
      );
    }
  }
  return (unique as WebhookEventType[]).sort();
}

function endpointRecord(endpoint: WebhookEndpoint) {
  return { id: endpoint.id, url: endpoint.url, events: endpoint.events };
}

/**
 * Registers an endpoint in an environment. The signing secret is returned only here: it is
 * stored encrypted with the server secret (signing needs the secret itself, so a hash will not do).
 */
export async function createWebhookEndpoint(
  actor: Actor,
  environmentId: string,
  input: { url: string; events: readonly string[] },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const url = validEndpointUrl(input.url, await environmentKindOf(environmentId));
  const events = validEvents(input.events);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const secretEncrypted = await encryptWithServerSecret(secret, secretPurpose);
  const endpoint = await commitChange(async (tx) => {
    const count = await tx.webhookEndpoint.count({ where: { environmentId } });
    if (count >= maxEndpointsPerEnvironment) {
      throw new BadUserInputError(
        'url',
        `An environment may have at most ${maxEndpointsPerEnvironment} webhook endpoints.`,
      );
    }
    const created = await tx.webhookEndpoint.create({
      data: { id: newId('we'), environmentId, url, events, secretEncrypted },
    });
    await recordEvent(tx, {
      type: 'webhook_endpoint.created',
      actor,
      environmentId,
      after: endpointRecord(created),
    });
    return created;
  });
  return { endpoint, secret };
}

async function environmentKindOf(environmentId: string): Promise<'SANDBOX' | 'PRODUCTION'> {
  const environment = await prisma.environment.findUnique({
    where: { id: environmentId },
    select: { kind: true },
  });
  if (!environment) throw new NotFoundError('Environment', environmentId);
  return environment.kind;
}

/** Changes an endpoint's URL, events or status; what is omitted stays. */
export async function updateWebhookEndpoint(
  actor: Actor,
  environmentId: string,
  id: string,
  input: { url?: string | null; events?: readonly string[] | null; enabled?: boolean | null },
): Promise<WebhookEndpoint> {
  const data: { url?: string; events?: WebhookEventType[]; enabled?: boolean } = {};
  if (input.url != null) data.url = validEndpointUrl(input.url, await environmentKindOf(environmentId));
  if (input.events != null) data.events = validEvents(input.events);
  if (input.enabled != null) data.enabled = input.enabled;
  return commitChange(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({ where: { id } });
    if (!before || before.environmentId !== environmentId) throw new NotFoundError('Webhook endpoint', id);
    const after = await tx.webhookEndpoint.update({ where: { id }, data });
    await recordEvent(tx, {
      type: 'webhook_endpoint.updated',
      actor,
      environmentId,
      before: { ...endpointRecord(before), enabled: before.enabled },
      after: { ...endpointRecord(after), enabled: after.enabled },
    });
    return after;
  });
}

/** Deleting an endpoint also drops its pending deliveries. */
export function deleteWebhookEndpoint(
  actor: Actor,
  environmentId: string,
  id: string,
): Promise<WebhookEndpoint> {
  return commitChange(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id } });
    if (!endpoint) throw new NotFoundError('Webhook endpoint', id);
    if (endpoint.environmentId !== environmentId) {
      throw new ForbiddenError('An API key can only delete webhook endpoints of its own environment.');
    }
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordEvent(tx, {
      type: 'webhook_endpoint.deleted',
      actor,
      environmentId,
      before: endpointRecord(endpoint),
    });
    return endpoint;
  });
}

export function endpointSecret(endpoint: Pick<WebhookEndpoint, 'secretEncrypted'>): Promise<string> {
  return decryptWithServerSecret(endpoint.secretEncrypted, secretPurpose);
}
