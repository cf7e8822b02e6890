import { useEffect, useState } from 'preact/hooks';
import { messageOf, request } from '../api.ts';
import type { WebhookEndpointsQuery } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { usePermissions } from '../session.ts';
import { ErrorMessage, Field } from './form.tsx';
import { SecretOnce } from './secret-once.tsx';

const endpointsQuery = graphql(`
  query WebhookEndpoints($environment: String!) {
    webhookEndpoints(environment: $environment) {
      id
      url
      events
      enabled
      createdAt
      deliveries(first: 5) {
        id
        eventId
        status
        attempts
        lastStatusCode
        lastError
        createdAt
        deliveredAt
      }
    }
  }
`);

const createEndpoint = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      webhookEndpoint {
        id
      }
    }
  }
`);

const deleteEndpoint = graphql(`
  mutation DeleteWebhookEndpoint($input: DeleteWebhookEndpointInput!) {
    deleteWebhookEndpoint(input: $input) {
      deletedWebhookEndpointId
    }
  }
`);

const eventTypes = ['flag.created', 'flag.updated', 'flag.deleted', 'flag.rule_updated'];

export function WebhookEndpoints(props: { environment: string }) {
  const { environment } = props;
  const can = usePermissions();
  const [endpoints, setEndpoints] = useState<WebhookEndpointsQuery['webhookEndpoints']>([]);
  const [error, setError] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(eventTypes);
  const [secret, setSecret] = useState<string | null>(null);
  const load = () =>
    request(endpointsQuery, { environment })
      .then(({ webhookEndpoints }) => setEndpoints(webhookEndpoints))
      .catch((failure) => setError(messageOf(failure)));
  useEffect(() => {
    setSecret(null);
    void load();
  }, [environment]);
  const create = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const { createWebhookEndpoint } = await request(createEndpoint, {
        input: { environment, url, events },
      });
      setSecret(createWebhookEndpoint.secret);
      setUrl('');
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const remove = async (id: string, endpointUrl: string) => {
    if (!confirm(`Delete the webhook endpoint ${endpointUrl} in ${environment} and its pending deliveries?`))
      return;
    try {
      await request(deleteEndpoint, { input: { id, environment } });
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <section aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhook endpoints in {environment}</h2>
      <ErrorMessage message={error} />
      {secret && (
        <SecretOnce
          title="The endpoint's signing secret:"
          secret={secret}
          onDismiss={() => setSecret(null)}
        />
      )}
      {endpoints.length === 0 && <p>No endpoint.</p>}
      {endpoints.map((endpoint) => (
        <article key={endpoint.id} class="card">
          <div class="env-head">
            <h3>
              <code>{endpoint.url}</code>
            </h3>
            {can.isAdmin && (
              <button
                type="button"
                class="danger-link"
                aria-label={`Delete endpoint ${endpoint.url}`}
                onClick={() => void remove(endpoint.id, endpoint.url)}
              >
                Delete
              </button>
            )}
          </div>
          <p class="muted">
            {endpoint.enabled ? 'Enabled' : 'Disabled'} · {endpoint.events.join(', ')}
          </p>
          {endpoint.deliveries.length === 0 ? (
            <p class="muted">No delivery yet.</p>
          ) : (
            <table>
              <caption>Recent deliveries</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last answer</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {endpoint.deliveries.map((delivery) => (
                  <tr key={delivery.id}>
                    <td>
                      <code>event_{delivery.eventId}</code>
                    </td>
                    <td>
                      <span class={`status status-${delivery.status}`}>{delivery.status}</span>
                    </td>
                    <td>{delivery.attempts}</td>
                    <td>{delivery.lastStatusCode ?? delivery.lastError ?? '—'}</td>
                    <td>{new Date(delivery.deliveredAt ?? delivery.createdAt).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
      {can.isAdmin && (
        <form class="inline-form" onSubmit={create}>
          <Field
            label="Endpoint URL"
            type="url"
            required
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
          <fieldset class="checks">
            <legend>Events</legend>
            {eventTypes.map((type) => (
              <label key={type}>
                <input
                  type="checkbox"
                  checked={events.includes(type)}
                  onChange={(e) =>
                    setEvents((current) =>
                      e.currentTarget.checked ? [...current, type] : current.filter((t) => t !== type),
                    )
                  }
                />
                {type}
              </label>
            ))}
          </fieldset>
          <button type="submit" class="primary">
            Add endpoint
          </button>
        </form>
      )}
    </section>
  );
}
