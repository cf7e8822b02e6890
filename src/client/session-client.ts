import { cancellableSleep, compareCursors, type RetryOptions, retryDelay } from './backoff.ts';
import {
  Connection,
  defaultWebSocketImpl,
  postGraphQL,
  type WebSocketImpl,
  webSocketUrlOf,
} from './connection.ts';
import { clientErrorOf, isFatalCode, PennantClientError } from './errors.ts';

/**
 * How the client authenticates. Exactly one kind:
 * - `{ sealedSession }`: server side. The client refreshes the session itself and hands each new
 *   seal to `onSessionRefreshed`, so the application can set its cookie (the previous seal stops
 *   working once the refresh grace window has passed).
 * - `{ accessToken, refresh }`: the application refreshes through its own backend; `refresh`
 *   resolves to a new access token (whose `feature_flags` are the flags).
 * - neither: the browser's session cookie (a page served from Pennant's origin, or one listed
 *   in `PENNANT_ALLOWED_ORIGINS`); refreshing replaces the cookie.
 */
export type PennantCredentials =
  | { sealedSession: string; accessToken?: never; refresh?: never }
  | { accessToken?: string; refresh: () => Promise<string>; sealedSession?: never }
  | { sealedSession?: never; accessToken?: never; refresh?: never };

export type PennantClientOptions = PennantCredentials & {
  /** Pennant's GraphQL endpoint, `http(s)://…/graphql`; the WebSocket URL is derived from it. */
  url: string;
  /** Called with each new sealed session (only with `sealedSession`). */
  onSessionRefreshed?: (sealedSession: string) => unknown;
  /**
   * Called with every failure. When `error.fatal`, the client has stopped (the session was
   * revoked or expired, a refresh token was reused, the credential does not authenticate): sign
   * the user in again. Otherwise it is retrying.
   */
  onError?: (error: PennantClientError) => void;
  /** Default: the global `WebSocket` (browsers, Node 22+). On Node 20 pass `ws`'s. */
  webSocketImpl?: WebSocketImpl;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Reconnection and refresh back-off. Defaults: 500 ms first, at most 30 s. */
  retry?: RetryOptions;
};

/** What changed in the session's enabled flags. */
export interface FlagsChange {
  flags: readonly string[];
  added: readonly string[];
  removed: readonly string[];
}

export interface PennantClient {
  /** Resolves once the current flags are known; rejects if the client stopped before. */
  readonly ready: Promise<void>;
  /** Slugs of the flags enabled for the session's organization, sorted. */
  readonly flags: readonly string[];
  /** The cursor of the last change applied (null before `ready`). */
  readonly cursor: string | null;
  isEnabled(slug: string): boolean;
  /** Called after each change of `flags`; returns a function that unsubscribes. */
  onChange(listener: (change: FlagsChange) => void): () => void;
  /** Closes the connection and stops refreshing; `ready` rejects with `CLOSED` if still pending. */
  close(): Promise<void>;
}

const latestCursorQuery = 'query PennantClientLatestCursor { latestCursor }';
const flagsChangedSubscription = `subscription PennantClientFlagsChanged($after: String) {
  featureFlagsChanged(after: $after) { cursor }
}`;
const refreshSessionMutation = `mutation PennantClientRefreshSession($input: RefreshSessionInput!) {
  refreshSession(input: $input) { sealedSession session { featureFlags } }
}`;

interface RefreshSessionData {
  refreshSession: { sealedSession: string; session: { featureFlags: string[] } };
}

/** An app's `refresh` is retried this many times before the client gives up (never loops). */
const maxAppRefreshAttempts = 5;
/** A connection that lasted this long resets the back-off: the next failure starts small again. */
const stableConnectionMs = 10_000;

/** `feature_flags` of an access token. Not verified: the token came from our own refresh. */
export function featureFlagsOfAccessToken(accessToken: string): string[] {
  const payload = accessToken.split('.')[1];
  if (payload === undefined) throw new PennantClientError('INVALID_SESSION', 'Not an access token.', true);
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) =>
    c.charCodeAt(0),
  );
  const claims = JSON.parse(new TextDecoder().decode(bytes)) as { feature_flags?: unknown };
  if (!Array.isArray(claims.feature_flags) || !claims.feature_flags.every((f) => typeof f === 'string')) {
    throw new PennantClientError('INVALID_SESSION', 'The access token has no feature_flags.', true);
  }
  return [...claims.feature_flags].sort();
}

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((slug, index) => slug === b[index]);
}

class SessionClient implements PennantClient {
  readonly ready: Promise<void>;
  flags: readonly string[] = [];
  cursor: string | null = null;

  private enabled: ReadonlySet<string> = new Set();
  private readonly listeners = new Set<(change: FlagsChange) => void>();
  private readonly webSocketUrl: string;
  private readonly webSocketImpl: WebSocketImpl;
  private readonly fetchImpl: typeof fetch;
  private sealedSession: string | undefined;
  private accessToken: string | undefined;
  private connection: Connection | null = null;
  private readonly sleeps = new Set<{ cancel: () => void }>();
  private stopped = false;
  private resolveReady!: () => void;
  private rejectReady!: (error: PennantClientError) => void;
  private refreshWanted = false;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly options: PennantClientOptions) {
    this.webSocketUrl = webSocketUrlOf(options.url);
    this.webSocketImpl = defaultWebSocketImpl(options.webSocketImpl);
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.sealedSession = options.sealedSession;
    this.accessToken = options.accessToken;
    this.ready = new Promise<void>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Awaiting `ready` is optional: a failure is also reported to onError.
    this.ready.catch(() => {});
    void this.run();
  }

  isEnabled(slug: string): boolean {
    return this.enabled.has(slug);
  }

  onChange(listener: (change: FlagsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    this.stop(new PennantClientError('CLOSED', 'The client was closed.', true), false);
    await this.refreshing?.catch(() => {});
  }

  /** Connects, subscribes from the cursor, and reconnects with back-off until stopped. */
  private async run(): Promise<void> {
    let attempt = 0;
    let refreshedForConnection = false;
    while (!this.stopped) {
      let connectedAt = 0;
      const connection = new Connection({
        webSocketUrl: this.webSocketUrl,
        webSocketImpl: this.webSocketImpl,
        connectionParams: () => this.connectionParams(),
        onConnected: () => {
          connectedAt = Date.now();
        },
      });
      this.connection = connection;
      try {
        if (this.cursor === null) {
          // The cursor first, then the flags: a change in between is replayed, not missed.
          const { latestCursor } = await connection.query<{ latestCursor: string }>(latestCursorQuery);
          await this.refreshUntilDone();
          if (this.stopped) return;
          this.cursor = latestCursor;
          this.resolveReady();
        }
        await connection.follow<{ featureFlagsChanged: { cursor: string } }>(
          flagsChangedSubscription,
          { after: this.cursor },
          ({ featureFlagsChanged }) => this.changed(featureFlagsChanged.cursor),
        );
        // Completed by the server (the organization was deleted): nothing more will come.
        this.stop(
          new PennantClientError('INVALID_SESSION', 'The session’s organization no longer exists.', true),
        );
        return;
      } catch (thrown) {
        if (this.stopped) return;
        const error = clientErrorOf(thrown);
        // An access token expires; the connection is then refused. One refresh gets a new one,
        // and a refusal right after it is final.
        if (error.code === 'CONNECTION_REFUSED' && this.options.refresh && !refreshedForConnection) {
          refreshedForConnection = true;
          try {
            await this.refreshUntilDone();
          } catch {
            return;
          }
          continue;
        }
        if (error.fatal) {
          this.stop(error);
          return;
        }
        this.options.onError?.(error);
      } finally {
        connection.close();
      }
      if (connectedAt !== 0) refreshedForConnection = false;
      if (connectedAt !== 0 && Date.now() - connectedAt >= stableConnectionMs) attempt = 0;
      await this.wait(retryDelay(attempt++, this.options.retry));
    }
  }

  private connectionParams(): Record<string, unknown> {
    if (this.sealedSession !== undefined) return { sealedSession: this.sealedSession };
    if (this.accessToken !== undefined) return { accessToken: this.accessToken };
    return {};
  }

  /** A change was announced: ignore one already applied, else refresh (once for a burst). */
  private changed(cursor: string): void {
    if (this.cursor !== null && compareCursors(cursor, this.cursor) <= 0) return;
    this.cursor = cursor;
    this.refreshWanted = true;
    this.refreshing ??= this.refreshLoop().finally(() => {
      this.refreshing = null;
    });
  }

  /**
   * Refreshes while a change is pending: announcements that arrive during a refresh make one
   * more refresh after it, not one each. Transient failures retry with back-off; a final one
   * stops the client.
   */
  private async refreshLoop(): Promise<void> {
    while (this.refreshWanted && !this.stopped) {
      this.refreshWanted = false;
      try {
        await this.refreshUntilDone();
      } catch {
        return;
      }
    }
  }

  /** One refresh, retried until it succeeds; throws (after stopping the client) when it cannot. */
  private async refreshUntilDone(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) throw new PennantClientError('CLOSED', 'The client was closed.', true);
      try {
        this.apply(await this.refreshOnce());
        return;
      } catch (thrown) {
        const error = thrown instanceof PennantClientError ? thrown : this.appRefreshError(thrown);
        const giveUp =
          this.options.refresh && error.code === 'REFRESH_FAILED' && attempt + 1 >= maxAppRefreshAttempts;
        if (error.fatal || giveUp) {
          const final = error.fatal ? error : new PennantClientError(error.code, error.message, true);
          this.stop(final);
          throw final;
        }
        this.options.onError?.(error);
        await this.wait(retryDelay(attempt, this.options.retry));
      }
    }
  }

  /** An error thrown by the application's `refresh`: final when it carries a final code. */
  private appRefreshError(thrown: unknown): PennantClientError {
    const code =
      typeof thrown === 'object' && thrown !== null && 'code' in thrown && typeof thrown.code === 'string'
        ? thrown.code
        : undefined;
    if (code !== undefined && isFatalCode(code)) {
      return new PennantClientError(code, 'The application’s refresh reported the session over.', true);
    }
    return new PennantClientError('REFRESH_FAILED', 'The application’s refresh failed.', false);
  }

  private async refreshOnce(): Promise<string[]> {
    if (this.options.refresh) {
      const accessToken = await this.options.refresh();
      const flags = featureFlagsOfAccessToken(accessToken);
      this.accessToken = accessToken;
      return flags;
    }
    if (this.sealedSession !== undefined) {
      const { refreshSession } = await postGraphQL<RefreshSessionData>(
        this.fetchImpl,
        this.options.url,
        refreshSessionMutation,
        { input: { sealedSession: this.sealedSession } },
      );
      this.sealedSession = refreshSession.sealedSession;
      await this.options.onSessionRefreshed?.(refreshSession.sealedSession);
      return [...refreshSession.session.featureFlags].sort();
    }
    const { refreshSession } = await postGraphQL<RefreshSessionData>(
      this.fetchImpl,
      this.options.url,
      refreshSessionMutation,
      { input: {} },
      { credentials: 'include' },
    );
    return [...refreshSession.session.featureFlags].sort();
  }

  private apply(flags: string[]): void {
    if (this.stopped) return;
    const previous = this.flags;
    if (sameFlags(previous, flags)) return;
    this.flags = flags;
    this.enabled = new Set(flags);
    // Listeners only hear changes after the first state (ready) is known.
    if (this.cursor === null) return;
    const before = new Set(previous);
    const change: FlagsChange = {
      flags,
      added: flags.filter((slug) => !before.has(slug)),
      removed: previous.filter((slug) => !this.enabled.has(slug)),
    };
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        // A listener's failure is the application's; the others still hear the change.
      }
    }
  }

  private async wait(ms: number): Promise<void> {
    const sleep = cancellableSleep(ms);
    this.sleeps.add(sleep);
    await sleep.done;
    this.sleeps.delete(sleep);
  }

  private stop(error: PennantClientError, report = true): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const sleep of this.sleeps) sleep.cancel();
    this.connection?.close();
    this.rejectReady(error);
    if (report) this.options.onError?.(error);
  }
}

/**
 * A live view of a signed-in session's feature flags: `ready` once they are known, then kept
 * current by Pennant's `featureFlagsChanged` subscription, refreshing the session on each change.
 * Runs in browsers and in Node.
 */
export function createPennantClient(options: PennantClientOptions): PennantClient {
  return new SessionClient(options);
}
