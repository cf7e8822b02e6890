import { useCallback, useEffect, useState } from 'preact/hooks';
import { messageOf, request } from '../api.ts';
import { EditFlagDialog } from '../components/flag-dialogs.tsx';
import { ErrorMessage } from '../components/form.tsx';
import { actorLabel, changeLines, When } from '../components/history.tsx';
import { Link } from '../components/link.tsx';
import { RuleEditor } from '../components/rule-editor.tsx';
import type { FlagHistoryQuery } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { useLiveEvents } from '../live.ts';
import { usePermissions, useSession } from '../session.ts';

const flagQuery = graphql(`
  query FlagPage($slug: String!) {
    featureFlag(slug: $slug) {
      id
      slug
      name
      description
      tags
      createdAt
      archivedAt
    }
  }
`);

const historyQuery = graphql(`
  query FlagHistory($slug: String!, $environment: String!) {
    events(environment: $environment, flagSlug: $slug, first: 30) {
      edges {
        node {
          id
          cursor
          type
          createdAt
          actorType
          actorId
          actorName
          before
          after
          environment {
            slug
          }
        }
      }
    }
  }
`);

type HistoryEvent = FlagHistoryQuery['events']['edges'][number]['node'];

export function FlagPage(props: { slug: string }) {
  const { environments } = useSession();
  const [flag, setFlag] = useState<
    | { slug: string; name: string; description: string; tags: string[]; archivedAt?: string | null }
    | null
    | undefined
  >();
  const [history, setHistory] = useState<HistoryEvent[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const can = usePermissions();

  const loadHistory = useCallback(async () => {
    // The log is per environment; definition changes appear in each, and are shown once.
    const pages = await Promise.all(
      environments.map((e) => request(historyQuery, { slug: props.slug, environment: e.slug })),
    );
    const byId = new Map<string, HistoryEvent>();
    for (const page of pages) for (const edge of page.events.edges) byId.set(edge.node.id, edge.node);
    setHistory(
      [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)),
    );
  }, [props.slug, environments]);

  useEffect(() => {
    setFlag(undefined);
    request(flagQuery, { slug: props.slug })
      .then(({ featureFlag }) => setFlag(featureFlag))
      .catch((failure) => setError(messageOf(failure)));
    void loadHistory().catch((failure) => setError(messageOf(failure)));
  }, [props.slug, loadHistory]);

  useLiveEvents((event) => {
    if (event.flagSlug !== props.slug) return;
    if (event.type === 'flag.deleted') setFlag(null);
    if (event.type === 'flag.updated' || event.type === 'flag.archived' || event.type === 'flag.unarchived') {
      void request(flagQuery, { slug: props.slug }).then(({ featureFlag }) => setFlag(featureFlag));
    }
    void loadHistory().catch(() => {});
  });

  if (flag === null) {
    return (
      <>
        <h1>No flag {props.slug}</h1>
        <p>
          It does not exist (or was just deleted). <Link href="/">All flags</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <Link href="/">Flags</Link> / <span aria-current="page">{props.slug}</span>
      </nav>
      <ErrorMessage message={error} />
      {flag === undefined ? (
        <p>Loading…</p>
      ) : (
        <>
          <div class="page-head">
            <h1>{flag.name}</h1>
            {can.canDefineFlags && (
              <button type="button" onClick={() => setEditing(true)}>
                Edit
              </button>
            )}
          </div>
          <EditFlagDialog
            flag={{ id: '', ...flag }}
            open={editing}
            onClose={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false);
              setFlag((current) => ({ ...saved, archivedAt: current?.archivedAt ?? null }));
            }}
          />
          <p>
            <code class="slug">{flag.slug}</code>
            {flag.tags.length > 0 && (
              <ul class="tags inline" aria-label="Tags">
                {flag.tags.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            )}
          </p>
          {flag.description && <p>{flag.description}</p>}
          {flag.archivedAt && (
            <p class="banner info" role="note">
              Archived {new Date(flag.archivedAt).toLocaleString()}: off in every environment, and its rules
              cannot change until an admin unarchives it (<Link href="/archived-flags">Archived flags</Link>).
            </p>
          )}
          <div class="environments">
            {environments.map((environment) => (
              <RuleEditor key={environment.slug} slug={flag.slug} environment={environment} />
            ))}
          </div>
        </>
      )}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {history.length === 0 ? (
          <p>No recorded changes.</p>
        ) : (
          <ol class="history">
            {history.map((event) => (
              <li key={event.id}>
                <div class="history-head">
                  <strong>{event.type}</strong>
                  {event.environment && <span class="badge">{event.environment.slug}</span>}
                  <span>by {actorLabel(event)}</span>
                  <When at={event.createdAt} />
                </div>
                <ul class="changes">
                  {changeLines(event.before, event.after).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
