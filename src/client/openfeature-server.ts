import {
  ErrorCode,
  type EvaluationContext,
  type JsonValue,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import { WebSocket } from 'ws';
import { cancellableSleep, compareCursors, type RetryOptions, retryDelay } from './backoff.ts';
import { Connection, postGraphQL, webSocketUrlOf } from './connection.ts';
import { type EnvironmentEvent, EnvironmentRules, type LoadedFlag } from './environment-rules.ts';
import { clientErrorOf, PennantClientError } from './errors.ts';
import { evaluateRule, reasonOf, subjectOf } from './evaluation-input.ts';

export interface PennantProviderOptions {
  /** Pennant's GraphQL endpoint, `http(s)://…/graphql`; the WebSocket URL is derived from it. */
  url: string;
  /** An API key of the environment to evaluate (`sk_test_…`, `sk_live_…`); reading is all it does. */
  apiKey: string;
  /**
   * Emit `Stale` when the connection has been down this long, ms. Evaluations answer the last
   * known rules with reason `CACHED` from the moment it is down. Default 30000.
   */
  staleAfterMs?: number;
  /** Reconnection back-off. Defaults: 500 ms first, at most 30 s. */
  retry?: RetryOptions;
  /** Called with every failure (reconnections included); `error.fatal` when the provider stopped. */
  onError?: (error: PennantClientError) => void;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
}

const environmentQuery = 'query PennantProviderEnvironment { latestCursor currentEnvironment { id slug } }';
const flagsQuery = `query PennantProviderFlags($environment: String!, $after: String) {
  featureFlags(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id slug rule(environment: $environment) { enabled organizationRule organizationIds percentage rolloutSalt userIds version } } }
  }
}`;
const eventsSubscription = `subscription PennantProviderEvents($environment: String!, $after: String) {
  events(environment: $environment, after: $after) { cursor type flagId flagSlug organizationId before after }
}`;

interface FlagsPage {
  featureFlags: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: LoadedFlag }[];
  };
}

/** A connection that lasted this long resets the back-off. */
const stableConnectionMs = 10_000;

/**
 * An OpenFeature provider for `@openfeature/server-sdk`: loads the environment's rules once,
 * follows its event log over one WebSocket (resuming by cursor), and evaluates in memory with
 * Pennant's own evaluation function, so an evaluation is a function call, not a request.
 * Context: `organizationId` (required for chosen organizations) and `targetingKey` (the user id).
 * Boolean flags only.
 */
export class PennantProvider implements Provider {
  readonly metadata = { name: 'Pennant' } as const;
  readonly runsOn = 'server' as const;
  readonly events = new OpenFeatureEventEmitter();
  readonly hooks = [];

  private readonly rules = new EnvironmentRules();
  private readonly options: PennantProviderOptions;
  private readonly webSocketUrl: string;
  private readonly fetchImpl: typeof fetch;
  private environment: { id: string; slug: string } | null = null;
  private cursor: string | null = null;
  private loaded = false;
  private connected = false;
  private stale = false;
  private stopped = false;
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  private connection: Connection | null = null;
  private readonly sleeps = new Set<{ cancel: () => void }>();
  private running: Promise<void> | null = null;

  constructor(options: PennantProviderOptions) {
    this.options = options;
    this.webSocketUrl = webSocketUrlOf(options.url);
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /**
   * Loads the rules and connects to the event stream (the SDK emits Ready when this resolves).
   * When Pennant cannot be reached it rejects (the SDK emits Error) and keeps trying in the
   * background: Ready follows once it is loaded and connected.
   */
  async initialize(): Promise<void> {
    if (this.running) return;
    let settle!: (error?: PennantClientError) => void;
    const first = new Promise<void>((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve());
    });
    this.running = this.run(settle);
    await first;
  }

  async onClose(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.staleTimer);
    for (const sleep of this.sleeps) sleep.cancel();
    this.connection?.close();
    await this.running;
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext) {
    return Promise.resolve(this.evaluateBoolean(flagKey, defaultValue, context));
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string) {
    return Promise.resolve(this.typeMismatch(flagKey, defaultValue, 'string'));
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number) {
    return Promise.resolve(this.typeMismatch(flagKey, defaultValue, 'number'));
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T) {
    return Promise.resolve(this.typeMismatch(flagKey, defaultValue, 'object'));
  }

  /** The evaluation itself, synchronous: what `resolveBooleanEvaluation` wraps in a promise. */
  evaluateBoolean(
    flagKey: string,
    defaultValue: boolean,
    context: EvaluationContext,
  ): ResolutionDetails<boolean> {
    if (!this.loaded) {
      return {
        value: defaultValue,
        reason: 'ERROR',
        errorCode: ErrorCode.PROVIDER_NOT_READY,
        errorMessage: 'Pennant’s rules are not loaded yet.',
      };
    }
    const flag = this.rules.get(flagKey);
    if (!flag) return this.notFound(flagKey, defaultValue);
    return {
      value: evaluateRule(flag.rule, subjectOf(context)),
      reason: this.connected ? reasonOf(flag.rule) : 'CACHED',
    };
  }

  private typeMismatch<T>(flagKey: string, defaultValue: T, type: string): ResolutionDetails<T> {
    if (this.loaded && !this.rules.get(flagKey)) return this.notFound(flagKey, defaultValue);
    return {
      value: defaultValue,
      reason: 'ERROR',
      errorCode: ErrorCode.TYPE_MISMATCH,
      errorMessage: `Pennant’s flags are boolean; "${flagKey}" was asked for as a ${type}.`,
    };
  }

  private notFound<T>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    return {
      value: defaultValue,
      reason: 'ERROR',
      errorCode: ErrorCode.FLAG_NOT_FOUND,
      errorMessage: `No flag "${flagKey}" in this environment.`,
    };
  }

  private async run(settleFirstLoad: (error?: PennantClientError) => void): Promise<void> {
    let attempt = 0;
    let settled = false;
    while (!this.stopped) {
      let connectedAt = 0;
      try {
        if (!this.loaded) await this.load();
        const connection = new Connection({
          webSocketUrl: this.webSocketUrl,
          webSocketImpl: WebSocket,
          connectionParams: () => ({ apiKey: this.options.apiKey }),
          onConnected: () => {
            connectedAt = Date.now();
            // Ready means loaded and following: the first time through initialize, later as
            // an event (after Stale, or after a failed initialize).
            if (!settled) {
              settled = true;
              this.connected = true;
              settleFirstLoad();
            } else {
              this.reconnected();
            }
          },
        });
        this.connection = connection;
        try {
          await connection.follow<{ events: EnvironmentEvent }>(
            eventsSubscription,
            { environment: this.environment?.slug, after: this.cursor },
            ({ events }) => this.applyEvent(events),
          );
        } finally {
          connection.close();
        }
        throw new PennantClientError('NETWORK', 'The event stream ended.', false);
      } catch (thrown) {
        if (this.stopped) return;
        const error = clientErrorOf(thrown);
        this.disconnected();
        if (!settled) {
          settled = true;
          this.stale = true;
          settleFirstLoad(error);
        }
        if (error.fatal) {
          this.stopped = true;
          this.options.onError?.(error);
          this.events.emit(ProviderEvents.Error, { message: error.message });
          return;
        }
        this.options.onError?.(error);
      }
      if (connectedAt !== 0 && Date.now() - connectedAt >= stableConnectionMs) attempt = 0;
      const sleep = cancellableSleep(retryDelay(attempt++, this.options.retry));
      this.sleeps.add(sleep);
      await sleep.done;
      this.sleeps.delete(sleep);
    }
  }

  /** The cursor first, then the rules: a change in between is replayed by the subscription. */
  private async load(): Promise<void> {
    const headers = { authorization: `Bearer ${this.options.apiKey}` };
    const { latestCursor, currentEnvironment } = await postGraphQL<{
      latestCursor: string;
      currentEnvironment: { id: string; slug: string };
    }>(this.fetchImpl, this.options.url, environmentQuery, {}, { headers });
    const flags: LoadedFlag[] = [];
    let after: string | null = null;
    for (;;) {
      const page: FlagsPage = await postGraphQL<FlagsPage>(
        this.fetchImpl,
        this.options.url,
        flagsQuery,
        { environment: currentEnvironment.slug, after },
        { headers },
      );
      for (const edge of page.featureFlags.edges) flags.push(edge.node);
      if (!page.featureFlags.pageInfo.hasNextPage) break;
      after = page.featureFlags.pageInfo.endCursor;
    }
    this.rules.load(flags);
    this.environment = currentEnvironment;
    this.cursor = latestCursor;
    this.loaded = true;
  }

  private applyEvent(event: EnvironmentEvent): void {
    if (this.cursor !== null && compareCursors(event.cursor, this.cursor) <= 0) return;
    this.cursor = event.cursor;
    const flagsChanged = this.rules.apply(event);
    if (flagsChanged.length > 0) this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged });
  }

  private reconnected(): void {
    this.connected = true;
    clearTimeout(this.staleTimer);
    this.staleTimer = undefined;
    if (this.stale) {
      this.stale = false;
      this.events.emit(ProviderEvents.Ready);
    }
  }

  private disconnected(): void {
    if (!this.connected) return;
    this.connected = false;
    clearTimeout(this.staleTimer);
    this.staleTimer = setTimeout(() => {
      if (this.connected || this.stopped) return;
      this.stale = true;
      this.events.emit(ProviderEvents.Stale, {
        message: 'Pennant has been unreachable; answers are cached.',
      });
    }, this.options.staleAfterMs ?? 30_000);
    this.staleTimer.unref?.();
  }
}
