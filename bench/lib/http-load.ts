import { createRequire } from 'node:module';
import autocannon from 'autocannon';

/**
 * autocannon appends every response body chunk to a string (`req.body += chunk`), decoding it as
 * UTF-8. For a compressed (binary) body that decoding is slow enough to make the load generator
 * the bottleneck: a plain Node server sending a fixed 140 KB gzip buffer measured 90 req/s
 * against 800–1,600 for the 480 KB JSON it encodes. Decoding as latin1 instead is one byte per
 * character whatever the bytes, and gives the same string for ASCII bodies (every check here is
 * on ASCII). The same machinery for every side, baseline included.
 */
const PipelinedRequestsQueue = createRequire(import.meta.url)('autocannon/lib/pipelinedRequestsQueue.js') as {
  prototype: { addBody(data: Buffer): void; peek(): { body: string } | undefined };
};
PipelinedRequestsQueue.prototype.addBody = function addBody(data: Buffer) {
  const request = this.peek();
  if (request) request.body += data.toString('latin1');
};

export interface HttpLoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Send exactly this many requests instead (warm-up passes); duration is then ignored. */
  amount?: number;
  /** Request bodies (POST), sent round-robin. */
  bodies?: readonly string[];
  /** Or paths for GET requests, round-robin (the URL's own path is ignored then). */
  paths?: readonly string[];
  /** The status every response must have; default 200. */
  expectStatus?: number;
  headers?: Record<string, string>;
  /**
   * Called with each response body (the bytes read as latin1, see above; never decompressed) and headers (names lower-cased); return false to count it as a failure.
   */
  check?: (body: string, headers: Record<string, string>) => boolean;
}

export interface HttpLoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  failures: number;
}

/**
 * One autocannon run in this process (the orchestrator, pinned to the load core). Both the
 * baseline and Pennant get the same request machinery, response check included, so the load
 * generator costs the same on either side.
 */
export async function runHttpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  let next = 0;
  let failures = 0;
  const check = options.check;
  const { paths, bodies } = options;
  const expectStatus = options.expectStatus ?? 200;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    ...(options.amount ? { amount: options.amount } : {}),
    method: paths ? 'GET' : 'POST',
    headers: {
      ...(paths ? {} : { 'content-type': 'application/json' }),
      accept: 'application/graphql-response+json, application/json',
      ...options.headers,
    },
    requests: [
      {
        setupRequest: (request) => {
          if (paths) request.path = paths[next++ % paths.length] as string;
          else if (bodies) request.body = bodies[next++ % bodies.length] as string;
          return request;
        },
        onResponse: (status, body, _context, headers) => {
          if (status !== expectStatus || (check && !check(body, lowerCased(headers)))) failures++;
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    failures: failures + result.errors + result.timeouts,
  };
}

function lowerCased(
  headers: Record<string, string | string[] | undefined> | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}
