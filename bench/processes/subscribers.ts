/**
 * A subscriber load process: many real graphql-ws clients (one WebSocket each) subscribed to
 * `featureFlagsChanged`, each authenticated with a session's access token in connection_init.
 * It records when each message arrives; the benchmark collects the receipts over IPC.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { serveParent } from '../lib/child.ts';
import { mapConcurrent } from '../lib/graphql.ts';

interface SubscriberSpec {
  /** Index across all load processes, to tell subscribers apart. */
  index: number;
  organizationId: string;
  accessToken: string;
}

export interface Receipt {
  index: number;
  organizationId: string;
  /** Where the message came from (`local` or `remote` instance in the cross-instance run). */
  group: string;
  cursor: string;
  reason: string;
  occurredAt: number;
  receivedAt: number;
}

const subscription =
  'subscription { featureFlagsChanged { cursor organizationId added removed reason occurredAt } }';

let receipts: Receipt[] = [];
const errors: string[] = [];
const disposers: (() => void)[] = [];

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
function now(): number {
  return performance.timeOrigin + performance.now();
}

function subscribe(url: string, spec: SubscriberSpec, group: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { accessToken: spec.accessToken },
      on: {
        connected: () => {
          if (settled) return;
          settled = true;
          resolve();
        },
        closed: (event) => {
          const reason = `subscriber ${spec.index} closed: ${(event as { code?: number }).code} ${(event as { reason?: string }).reason ?? ''}`;
          if (!settled) {
            settled = true;
            reject(new Error(reason));
          } else if (errors.length < 20) errors.push(reason);
        },
      },
    });
    const unsubscribe = client.subscribe<{
      featureFlagsChanged: { cursor: string; organizationId: string; reason: string; occurredAt: string };
    }>(
      { query: subscription },
      {
        next: (message) => {
          const receivedAt = now();
          const change = message.data?.featureFlagsChanged;
          if (!change) {
            if (errors.length < 20) errors.push(`subscriber ${spec.index}: ${JSON.stringify(message)}`);
            return;
          }
          receipts.push({
            index: spec.index,
            organizationId: change.organizationId,
            group,
            cursor: change.cursor,
            reason: change.reason,
            occurredAt: Date.parse(change.occurredAt),
            receivedAt,
          });
        },
        error: (error) => {
          if (errors.length < 20) errors.push(`subscriber ${spec.index}: ${JSON.stringify(error)}`);
        },
        complete: () => {},
      },
    );
    disposers.push(() => {
      unsubscribe();
      void client.dispose();
    });
  });
}

serveParent({
  async connect(args) {
    const url = String(args.url);
    const group = String(args.group ?? 'local');
    const specs = args.subscribers as SubscriberSpec[];
    const started = performance.now();
    await mapConcurrent(specs, Number(args.concurrency ?? 100), (spec) => subscribe(url, spec, group));
    return { connected: specs.length, ms: performance.now() - started };
  },
  /** How many receipts since the last `take`, without taking them. */
  count() {
    return receipts.length;
  },
  /** The receipts since the last `take`, and any errors so far. */
  take() {
    const taken = receipts;
    receipts = [];
    return { receipts: taken, errors: errors.splice(0) };
  },
  /** A full garbage collection now, between measurements (the process runs with --expose-gc). */
  collectGarbage() {
    globalThis.gc?.();
    return true;
  },
  memory() {
    return process.memoryUsage().rss / 1024 / 1024;
  },
  close() {
    for (const dispose of disposers.splice(0)) dispose();
    return true;
  },
});
