import { useEffect, useRef } from 'preact/hooks';
import { subscribe } from './api.ts';
import type { LiveEventsSubscription } from './gql/graphql.ts';
import { graphql } from './gql/index.ts';

export type LiveEvent = LiveEventsSubscription['events'];

const liveEvents = graphql(`
  subscription LiveEvents($environment: String!) {
    events(environment: $environment) {
      id
      type
      flagSlug
      organizationId
      actorName
      createdAt
      environment {
        slug
      }
    }
  }
`);

type Listener = (event: LiveEvent) => void;
const listeners = new Set<Listener>();
const seen = new Set<string>();
let stops: (() => void)[] = [];

/**
 * One `events` subscription per environment for the signed-in operator, whatever page is open:
 * each change anyone makes (another browser, the API, an SDK) reaches the open page within the
 * change feed's delay. A change that concerns every environment (a flag's definition) arrives
 * on each subscription, and is passed on once.
 */
export function followEnvironments(slugs: string[], onError: (error: unknown) => void): () => void {
  for (const stop of stops) stop();
  stops = slugs.map((environment) =>
    subscribe(
      liveEvents,
      { environment },
      ({ events }) => {
        if (seen.has(events.id)) return;
        seen.add(events.id);
        if (seen.size > 5000) seen.clear();
        for (const listener of listeners) listener(events);
      },
      onError,
    ),
  );
  return () => {
    for (const stop of stops) stop();
    stops = [];
  };
}

/** Calls `handler` with each live event while the component is mounted (the latest handler). */
export function useLiveEvents(handler: Listener): void {
  const current = useRef(handler);
  current.current = handler;
  useEffect(() => {
    const listener: Listener = (event) => current.current(event);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
}
