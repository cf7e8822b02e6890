import { useEffect, useState } from 'preact/hooks';
import { messageOf, request } from '../api.ts';
import { EnvironmentPicker } from '../components/environment-picker.tsx';
import { ErrorMessage } from '../components/form.tsx';
import { actorLabel, changeLines, When } from '../components/history.tsx';
import { Link } from '../components/link.tsx';
import type { AuditLogQuery } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { usePermissions, useSession } from '../session.ts';

const auditQuery = graphql(`
  query AuditLog($environment: String!, $flagSlug: String, $type: String, $actorId: ID, $after: String) {
    events(
      environment: $environment
      flagSlug: $flagSlug
      type: $type
      actorId: $actorId
      first: 50
      after: $after
    ) {
      edges {
        node {
          id
          type
          createdAt
          actorType
          actorId
          actorName
          flagSlug
          before
          after
          environment {
            slug
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type AuditEvent = AuditLogQuery['events']['edges'][number]['node'];

const types = [
  'flag.created',
  'flag.updated',
  'flag.deleted',
  'flag.archived',
  'flag.unarchived',
  'flag.toggled',
  'rule.updated',
  'organization.created',
  'organization.updated',
  'organization.deleted',
  'api_key.created',
  'api_key.revoked',
  'webhook_endpoint.created',
  'webhook_endpoint.updated',
  'webhook_endpoint.deleted',
  'environment.created',
];

const auditActors = graphql(`
  query AuditActors($environment: String!, $withOperators: Boolean!) {
    apiKeys(environment: $environment) {
      id
      name
    }
    operators @include(if: $withOperators) {
      id
      email
    }
  }
`);

/** The audit log, newest first, 50 events a page; every filter is applied by the server. */
export function AuditPage() {
  const { environments } = useSession();
  const [environment, setEnvironment] = useState(environments[0]?.slug ?? 'sandbox');
  const [flagSlug, setFlagSlug] = useState('');
  const [type, setType] = useState('');
  const { operator } = useSession();
  const can = usePermissions();
  const [actor, setActor] = useState('');
  const [actors, setActors] = useState<{ id: string; label: string }[]>([]);
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async (after: string | null) => {
    setLoading(true);
    try {
      const result = await request(auditQuery, {
        environment,
        flagSlug: flagSlug.trim() || null,
        type: type || null,
        actorId: actor || null,
        after,
      });
      const page = result.events.edges.map((e) => e.node);
      setEvents((current) => (after ? [...current, ...page] : page));
      setNext(result.events.pageInfo.hasNextPage ? (result.events.pageInfo.endCursor ?? null) : null);
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    const timer = setTimeout(() => void load(null), 150);
    return () => clearTimeout(timer);
  }, [environment, flagSlug, type, actor]);

  // Who may be chosen: the environment's API keys, and the operators for those who may list them.
  useEffect(() => {
    let cancelled = false;
    request(auditActors, { environment, withOperators: can.isAdmin })
      .then(({ apiKeys, operators }) => {
        if (cancelled) return;
        const people = operators?.map((o) => ({ id: o.id, label: o.email })) ?? [
          { id: operator.id, label: operator.email },
        ];
        setActors([...people, ...apiKeys.map((key) => ({ id: key.id, label: `API key ${key.name}` }))]);
      })
      .catch(() => !cancelled && setActors([{ id: operator.id, label: operator.email }]));
    return () => {
      cancelled = true;
    };
  }, [environment, can.isAdmin, operator]);

  const shown = events;
  return (
    <>
      <h1>Audit log</h1>
      <search class="filters">
        <EnvironmentPicker value={environment} onChange={setEnvironment} />
        <label>
          Flag slug
          <input type="search" value={flagSlug} onInput={(e) => setFlagSlug(e.currentTarget.value)} />
        </label>
        <label>
          Type
          <select value={type} onChange={(e) => setType(e.currentTarget.value)}>
            <option value="">All types</option>
            {types.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Actor
          <select value={actor} onChange={(e) => setActor(e.currentTarget.value)}>
            <option value="">Anyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
      </search>
      <ErrorMessage message={error} />
      <div class="table-wrap">
        <table class="audit">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Type</th>
              <th scope="col">Flag</th>
              <th scope="col">Who</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((event) => (
              <tr key={event.id}>
                <td>
                  <When at={event.createdAt} />
                </td>
                <td>
                  {event.type}
                  {!event.environment && <span class="badge">all environments</span>}
                </td>
                <td>
                  {event.flagSlug ? (
                    <Link href={`/flags/${encodeURIComponent(event.flagSlug)}`}>{event.flagSlug}</Link>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{actorLabel(event)}</td>
                <td>
                  <ul class="changes">
                    {changeLines(event.before, event.after).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && shown.length === 0 && <p>No event matches.</p>}
      {next && (
        <button type="button" disabled={loading} onClick={() => void load(next)}>
          Older events
        </button>
      )}
    </>
  );
}
