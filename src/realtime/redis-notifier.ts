import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ChangeFeed } from '../domain/change-feed.ts';
import { logger } from '../logger.ts';

/** What goes through Redis: only "the log has grown to `cursor`"; the log itself stays in the database. */
interface ChangeMessage {
  cursor: string;
  instance: string;
}

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

/**
 * Tells other instances that this one committed changes, and pulls the change feed when they
 * say so. Messages carry only the latest event id: every instance reads the changes themselves
 * from the event log, in order, so a lost or late message delays an update but never loses
 * or reorders one.
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

  const pull = (why: string) => {
    feed.pull().catch((error: unknown) => {
      logger.warn({ err: error, why }, 'change feed: reading the event log failed');
    });
  };

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
    pull('redis subscriber ready');
  });
  subscriber.on('message', (_channel: string, raw: string) => {
    let message: ChangeMessage;
    try {
      message = JSON.parse(raw) as ChangeMessage;
    } catch {
      return;
    }
    if (message.instance === instance) return;
    if (!/^\d{1,18}$/.test(message.cursor) || BigInt(message.cursor) <= feed.position) return;
    pull('redis message');
  });
  subscriber.subscribe(channel).catch((error: unknown) => {
    // ioredis re-subscribes on reconnect; this only fails if the client was stopped.
    if (!stopped) logger.warn({ err: error, channel }, 'Redis subscribe failed');
  });

  const publish = (cursor: bigint) => {
    if (stopped) return;
    const message: ChangeMessage = { cursor: String(cursor), instance };
    publisher.publish(channel, JSON.stringify(message)).catch((error: unknown) => {
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
