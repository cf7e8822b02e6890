import { type DocumentNode, GraphQLError } from 'graphql';
import { handleStreamOrSingleExecutionResult, isAsyncIterable, type Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { PennantError } from './errors.ts';
import { operationLabel, rootFields, selectedOperation } from './http/operation.ts';
import { requestContextOf } from './http/request-context.ts';
import { isDatabaseUnavailable } from './security/database-errors.ts';

/**
 * Prometheus metrics, served at `GET /metrics`. Every label takes a bounded set of values:
 * operation names and routes come from callers, so only the first ones seen are kept as labels.
 * Other modules increment the exported metrics (e.g. `activeSubscriptions`, `eventsPublished`).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const registers = [metricsRegistry];

export const httpRequests = new Counter({
  name: 'pennant_http_requests_total',
  help: 'HTTP requests answered, by method, route and status.',
  labelNames: ['method', 'route', 'status'] as const,
  registers,
});

export const httpRequestDuration = new Histogram({
  name: 'pennant_http_request_duration_seconds',
  help: 'Time from receiving an HTTP request to finishing its response, by method and route.',
  labelNames: ['method', 'route'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

export const graphqlOperations = new Counter({
  name: 'pennant_graphql_operations_total',
  help: 'GraphQL operations executed (HTTP and WebSocket), by operation name, type and outcome.',
  labelNames: ['operation', 'type', 'outcome'] as const,
  registers,
});

export const graphqlOperationDuration = new Histogram({
  name: 'pennant_graphql_operation_duration_seconds',
  help: 'Execution time of GraphQL queries and mutations, by operation name and type.',
  labelNames: ['operation', 'type'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

/** Open subscriptions on this instance (SSE and WebSocket). */
export const activeSubscriptions = new Gauge({
  name: 'pennant_active_subscriptions',
  help: 'GraphQL subscriptions currently open on this instance.',
  registers,
});

/**
 * Change events this instance published: its own changes and other instances', read from the
 * event log or taken from another instance's notice, handed to its subscriptions and caches,
 * by event type.
 */
export const eventsPublished = new Counter({
  name: 'pennant_events_published_total',
  help: 'Change events (from the event log or another instance’s notice) published to this instance’s subscribers, by event type.',
  labelNames: ['type'] as const,
  registers,
});

/**
 * Other instances' change notices received through Redis, by what this instance did with it:
 * `taken` (its log segment, without reading the log), `read` (read the log instead), `passed`
 * (already had it), `unopenable` (not sealed with this server secret: the instances disagree
 * on PENNANT_SECRET, or someone else publishes on the channel).
 */
export const changeNoticesReceived = new Counter({
  name: 'pennant_change_notices_received_total',
  help: 'Change notices from other instances, by outcome (taken, read, passed, unopenable).',
  labelNames: ['outcome'] as const,
  registers,
});

export const sessionRefreshes = new Counter({
  name: 'pennant_session_refreshes_total',
  help: 'refreshSession calls, by outcome (ok or the error code).',
  labelNames: ['outcome'] as const,
  registers,
});

export const failures = new Counter({
  name: 'pennant_failures_total',
  help: 'Errors returned to clients, by error code.',
  labelNames: ['code'] as const,
  registers,
});

export const rateLimited = new Counter({
  name: 'pennant_rate_limited_total',
  help: 'Requests refused by a rate limit, by limit.',
  labelNames: ['limit'] as const,
  registers,
});

/** Webhook delivery attempts, by outcome: delivered, retry (scheduled again), failed (gave up), skipped. */
export const webhookDeliveryAttempts = new Counter({
  name: 'pennant_webhook_delivery_attempts_total',
  help: 'Webhook delivery attempts by this instance, by outcome (delivered, retry, failed, skipped).',
  labelNames: ['outcome'] as const,
  registers,
});

/** Rows deleted by retention (src/domain/retention.ts), by kind: session, refresh_token, event. */
export const retentionPurged = new Counter({
  name: 'pennant_retention_purged_total',
  help: 'Rows deleted by retention on this instance, by kind (session, refresh_token, event).',
  labelNames: ['kind'] as const,
  registers,
});

/** Keeps at most `max` distinct values of a caller-chosen label; later ones become `other`. */
function boundedLabel(max: number) {
  const seen = new Set<string>();
  return (value: string): string => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}

const boundOperation = boundedLabel(200);
const boundRoute = boundedLabel(50);
const boundEventType = boundedLabel(100);
const boundCode = boundedLabel(100);
const plainSegment = /^\/[a-z][a-z0-9_.-]{0,40}/;

/** `/graphql`, `/health`, …: the first path segment of known-looking paths, else `other`. */
export function routeLabel(pathname: string): string {
  const segment = plainSegment.exec(pathname)?.[0];
  return segment ? boundRoute(segment) : 'other';
}

export function countFailure(code: string): void {
  failures.inc({ code: boundCode(code) });
}

/** Called by the change feed for every event it dispatches (see app.ts). */
export function countChangeFeedEvent(type: string): void {
  eventsPublished.inc({ type: boundEventType(type) });
}

/** The stable code of an error as the client sees it (or will, once masked). */
export function errorCodeOf(error: unknown): string {
  if (error instanceof GraphQLError) {
    const code = error.extensions?.code;
    if (typeof code === 'string') return code;
    if (error.originalError instanceof PennantError) return error.originalError.code;
    if (isDatabaseUnavailable(error.originalError)) return 'SERVICE_UNAVAILABLE';
    if (error.originalError && !(error.originalError instanceof GraphQLError)) return 'INTERNAL_SERVER_ERROR';
    // Variable coercion and similar: the request was wrong.
    return 'BAD_USER_INPUT';
  }
  if (error instanceof PennantError) return error.code;
  if (isDatabaseUnavailable(error)) return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL_SERVER_ERROR';
}

/**
 * What the metrics need to know about one operation of a document. yoga caches parsed documents,
 * so on the hot path (the same few documents again and again) this is a map lookup rather than
 * a walk of the document and a hash of every label set per request.
 */
interface OperationMetrics {
  operation: string;
  type: string;
  refreshKeys: string[];
  ok: Counter.Internal;
  error: Counter.Internal;
  duration: Histogram.Internal<'operation' | 'type'>;
}

const operationMetricsByDocument = new WeakMap<DocumentNode, Map<string, OperationMetrics>>();

function operationMetricsOf(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationMetrics {
  let byName = operationMetricsByDocument.get(document);
  if (!byName) {
    byName = new Map();
    operationMetricsByDocument.set(document, byName);
  }
  // A name no operation has falls back to `anonymous`, so the per-document map stays small.
  const cached = byName.get(operationName ?? '');
  if (cached) return cached;
  const operation = selectedOperation(document, operationName);
  const labels = {
    operation: boundOperation(operationLabel(operation)),
    type: operation?.operation ?? 'unknown',
  };
  const metrics: OperationMetrics = {
    ...labels,
    refreshKeys: operation
      ? rootFields(document, operation)
          .filter((field) => field.name === 'refreshSession')
          .map((field) => field.responseKey)
      : [],
    ok: graphqlOperations.labels({ ...labels, outcome: 'ok' }),
    error: graphqlOperations.labels({ ...labels, outcome: 'error' }),
    duration: graphqlOperationDuration.labels(labels),
  };
  if (operation) byName.set(operationName ?? '', metrics);
  return metrics;
}

const httpRequestMetrics = new Map<
  string,
  { count: Counter.Internal; duration: Histogram.Internal<'method' | 'route'> }
>();

/** Counts and times one HTTP request (every label is bounded, so the map is too). */
export function recordHttpRequest(method: string, route: string, status: number, seconds: number): void {
  const key = `${method} ${route} ${status}`;
  let metrics = httpRequestMetrics.get(key);
  if (!metrics) {
    metrics = {
      count: httpRequests.labels({ method, route, status: String(status) }),
      duration: httpRequestDuration.labels({ method, route }),
    };
    httpRequestMetrics.set(key, metrics);
  }
  metrics.count.inc();
  metrics.duration.observe(seconds);
}

/** Counts and times GraphQL operations, open subscriptions, refreshes and errors by code. */
export function useMetrics(): Plugin {
  return {
    onParse() {
      return ({ result }) => {
        if (result instanceof Error) countFailure('GRAPHQL_PARSE_FAILED');
      };
    },
    onValidate() {
      return ({ valid }) => {
        if (!valid) countFailure('GRAPHQL_VALIDATION_FAILED');
      };
    },
    onExecute({ args }) {
      const started = performance.now();
      const metrics = operationMetricsOf(args.document, args.operationName);
      const request = requestContextOf((args.contextValue as { request?: Request }).request);
      if (request) request.operation = metrics.operation;
      return {
        onExecuteDone(payload) {
          if (isAsyncIterable(payload.result)) {
            graphqlOperations.inc({ operation: metrics.operation, type: metrics.type, outcome: 'stream' });
            return;
          }
          return handleStreamOrSingleExecutionResult(payload, ({ result }) => {
            const errors = result.errors ?? [];
            (errors.length > 0 ? metrics.error : metrics.ok).inc();
            metrics.duration.observe((performance.now() - started) / 1000);
            for (const error of errors) countFailure(errorCodeOf(error));
            for (const key of metrics.refreshKeys) {
              const error = errors.find((candidate) => candidate.path?.[0] === key);
              sessionRefreshes.inc({ outcome: error ? errorCodeOf(error) : 'ok' });
            }
          });
        },
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult({ result }) {
          if (!isAsyncIterable(result)) return;
          activeSubscriptions.inc();
          let open = true;
          return {
            onEnd() {
              if (open) activeSubscriptions.dec();
              open = false;
            },
          };
        },
      };
    },
  };
}

/** The `GET /metrics` response body and content type. */
export async function metricsResponse(): Promise<Response> {
  return new Response(await metricsRegistry.metrics(), {
    headers: { 'content-type': metricsRegistry.contentType },
  });
}
