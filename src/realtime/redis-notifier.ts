import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ChangeFeed, LogSegment } from '../domain/change-feed.ts';
import { logger } from '../logger.ts';
import { changeNoticesReceived } from '../metrics.ts';
import { type ChangeNotice, decodeChangeNotice, encodeChangeNotice } from './change-notice.ts';

export interface RedisChangeNotifierOptions {
  url: string;
  /** Channel namespace, so instances of one deployment (or one test run) share a channel. */
  channelPrefix: string;
  feed: ChangeFeed;
}

export interface RedisChangeNotifier {
  channel: string;
  stop(): Promise<void>;
}

/** Reconnect quickly at first, then every 2 s, forever: Redis coming back is the normal case. */
const retryStrategy = (attempt: number) => Math.min(attempt * 100, 2000);

/** Warn about notices that cannot be opened at most this often (a misconfiguration, not an event). */
const unopenableWarningMs = 60_000;

/**
 * Tells other instances that this one committed changes, and hands what they tell to the change
 * feed. A notice says how far the log has grown and, sealed, carries the segment of the log the
 * sender read after its commit (see change-notice.ts): a receiver standing where the segment
 * begins takes it as it is, with no read of the log between another instance's commit and its
 * own subscribers; any other receiver reads the log. Every instance sees the same events in the
 * same order either way, so a lost or late message delays an update but never loses or
 * reorders one.
 *
 * When Redis is unavailable nothing fails: publishing is not queued (the publisher rejects at
 * once, which is logged), mutations commit as usual, and other instances' periodic poll of the
 * log keeps them at most `PENNANT_CHANGE_POLL_MS` behind. When a connection comes back, the
 * subscriber pulls (catching up on whatever it missed) and the publisher announces the latest
 * cursor (so the others catch up at once rather than at their next poll).
 */
export function startRedisChangeNotifier(options: RedisChangeNotifierOptions): RedisChangeNotifier {
  const { feed } = options;
  const channel = `${options.channelPrefix}:changes`;
  const instance = randomUUID();
  const subscriber = new Redis(options.url, {
    retryStrategy,
    maxRetriesPerRequest: null,
    connectionName: `pennant-sub-${instance.slice(0, 8)}`,
  });
  const publisher = new Redis(options.url, {
    retryStrategy,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectionName: `pennant-pub-${instance.slice(0, 8)}`,
  });
  let stopped = false;

  let lastUnopenableWarning = Number.NEGATIVE_INFINITY;

  // One warning per outage and connection, not one per retry.
  const outage = { subscriber: false, publisher: false };
  const onError = (which: 'subscriber' | 'publisher') => (error: Error) => {
    if (stopped || outage[which]) return;
    outage[which] = true;
    logger.warn(
      { err: error, channel },
      `Redis ${which} unavailable; serving on, other instances catch up through the event log`,
    );
  };
  subscriber.on('error', onError('subscriber'));
  publisher.on('error', onError('publisher'));

  subscriber.on('ready', () => {
    if (outage.subscriber) logger.info({ channel }, 'Redis subscriber reconnected');
    outage.subscriber = false;
    // Whatever was published while this connection was down is lost: read the log instead.
    feed.pullLogged('redis subscriber ready');
  });
  const take = (notice: ChangeNotice): 'taken' | 'read' | 'passed' => {
    if (notice.segment) return feed.accept(notice.segment);
    if (notice.cursor <= feed.position) return 'passed';
    feed.pullLogged('redis message');
    return 'read';
  };
  subscriber.on('message', (_channel: string, raw: string) => {
    const decoded = decodeChangeNotice(raw, channel);
    if (decoded.kind === 'malformed' || decoded.notice.instance === instance) return;
    const { notice } = decoded;
    if (decoded.kind === 'notice') {
      changeNoticesReceived.inc({ outcome: take(notice) });
      return;
    }
    changeNoticesReceived.inc({ outcome: 'unopenable' });
    if (performance.now() - lastUnopenableWarning > unopenableWarningMs) {
      lastUnopenableWarning = performance.now();
      logger.warn(
        { channel },
        'a change notice on Redis was not sealed with this server secret; reading the event log instead (do all instances share PENNANT_SECRET?)',
      );
    }
    take(notice);
  });
  subscriber.subscribe(channel).catch((error: unknown) => {
    // ioredis re-subscribes on reconnect; this only fails if the client was stopped.
    if (!stopped) logger.warn({ err: error, channel }, 'Redis subscribe failed');
  });

  const publish = (cursor: bigint, segment?: LogSegment) => {
    if (stopped) return;
    const message = encodeChangeNotice({ instance, cursor, segment }, channel);
    publisher.publish(channel, message).catch((error: unknown) => {
      // Never a failed mutation: the change is committed and in the log.
      if (!outage.publisher) logger.warn({ err: error, channel }, 'Redis publish failed');
      outage.publisher = true;
    });
  };
  publisher.on('ready', () => {
    if (outage.publisher) {
      logger.info({ channel }, 'Redis publisher reconnected');
      outage.publisher = false;
      publish(feed.position);
    }
  });
  const stopListening = feed.onLocalCommit(publish);

  return {
    channel,
    async stop() {
      stopped = true;
      stopListening();
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
