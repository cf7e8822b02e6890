import { requireApiKey } from '../auth/index.ts';
import { prisma } from '../db/index.ts';
import { createWebhookEndpoint, deleteWebhookEndpoint, updateWebhookEndpoint } from '../domain/webhooks.ts';
import { BadUserInputError } from '../errors.ts';
import type { WebhookEndpoint } from '../generated/prisma/client.ts';
import { json, type Route } from '../routes.ts';
import { actorOfApiKey, noContent, restRoute } from './http.ts';
import { listWire, paginate, parsePageRequest } from './wire.ts';

/**
 * WorkOS's webhook-endpoint API (`workos.webhooks.*Endpoint*`), over the same domain functions
 * as the GraphQL mutations. One difference, on purpose: the signing secret is in the answer to
 * the creation only (it is stored encrypted and never shown again), not in every answer.
 */
export function webhookEndpointRoutes(): Route[] {
  return [
    restRoute('GET', '/webhook_endpoints', async (request, _params, url) => {
      const apiKey = await requireApiKey(request);
      const environmentId = apiKey.environment.id;
      const page = await paginate(parsePageRequest(url), (query) =>
        prisma.webhookEndpoint.findMany({
          where: { environmentId, ...(query.id ? { id: query.id } : {}) },
          orderBy: { id: query.direction },
          take: query.take,
        }),
      );
      return json(
        listWire(
          page.data.map((endpoint) => endpointWire(endpoint)),
          page,
        ),
      );
    }),
    restRoute('POST', '/webhook_endpoints', async (request) => {
      const apiKey = await requireApiKey(request);
      const body = await jsonBody(request);
      const { endpoint, secret } = await createWebhookEndpoint(actorOfApiKey(apiKey), apiKey.environment.id, {
        url: stringOf(body, 'endpoint_url') ?? '',
        events: eventsOf(body) ?? [],
      });
      return json(endpointWire(endpoint, secret), 201);
    }),
    restRoute('PATCH', '/webhook_endpoints/:id', async (request, params) => {
      const apiKey = await requireApiKey(request);
      const body = await jsonBody(request);
      const status = stringOf(body, 'status');
      if (status !== undefined && status !== 'enabled' && status !== 'disabled') {
        throw new BadUserInputError('status', 'status must be "enabled" or "disabled".');
      }
      const endpoint = await updateWebhookEndpoint(
        actorOfApiKey(apiKey),
        apiKey.environment.id,
        params.id ?? '',
        {
          url: stringOf(body, 'endpoint_url') ?? null,
          events: eventsOf(body) ?? null,
          enabled: status === undefined ? null : status === 'enabled',
        },
      );
      return json(endpointWire(endpoint));
    }),
    restRoute('DELETE', '/webhook_endpoints/:id', async (request, params) => {
      const apiKey = await requireApiKey(request);
      await deleteWebhookEndpoint(actorOfApiKey(apiKey), apiKey.environment.id, params.id ?? '');
      return noContent();
    }),
  ];
}

function endpointWire(endpoint: WebhookEndpoint, secret?: string) {
  return {
    object: 'webhook_endpoint',
    id: endpoint.id,
    endpoint_url: endpoint.url,
    ...(secret ? { secret } : {}),
    status: endpoint.enabled ? 'enabled' : 'disabled',
    events: endpoint.events,
    created_at: endpoint.createdAt.toISOString(),
    updated_at: endpoint.updatedAt.toISOString(),
  };
}

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  try {
    const body: unknown = text === '' ? {} : JSON.parse(text);
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new BadUserInputError('body', 'The body must be a JSON object.');
}

function stringOf(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadUserInputError(field, `${field} must be a string.`);
  return value;
}

function eventsOf(body: Record<string, unknown>): string[] | undefined {
  const value = body.events;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((event) => typeof event === 'string')) {
    throw new BadUserInputError('events', 'events must be an array of event names.');
  }
  return value;
}
