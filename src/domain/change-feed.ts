import type { Event } from '../generated/prisma/client.ts';
import { logger } from '../logger.ts';
import { latestEventId, listEventsAfter } from './events.ts';

type EventListener = (event: Event) => void;
type CommitListener = (latestEventId: bigint) => void;

const pageSize = 500;

/**
 * Each instance's ordered view of the event log. Every committed change is an event; the feed
 * reads new events from the database in id order and hands them to listeners (the flag-state
 * cache, subscriptions). A change made here is pulled right after its commit; changes made by
 * other instances are pulled when their message arrives (see realtime/) and, as a safety net
 * against lost messages, by a periodic poll. Because it always reads from the log, a lost
 * message only delays an update, never loses it.
 */
export class ChangeFeed {
  private cursor = 0n;
  private readonly eventListeners = new Set<EventListener>();
  private readonly commitListeners = new Set<CommitListener>();
  private running: Promise<void> | undefined;
  private rerun = false;
  private timer: NodeJS.Timeout | undefined;
  /** Local commits so far, and how many of them other instances have been told about. */
  private localCommits = 0;
  private announcedCommits = 0;

  /** The id of the last event handed to listeners. */
  get position(): bigint {
    return this.cursor;
  }

  /**
   * `from`: the log position read before the caches that follow the feed were loaded, so that
   * a change committed while they loaded is delivered, not skipped (listeners must tolerate
   * seeing a change their load already included). Default: the latest event now.
   */
  async start(pollMs: number, from?: bigint): Promise<void> {
    this.cursor = from ?? (await latestEventId());
    this.timer = setInterval(() => {
      this.pull().catch((error: unknown) => {
        // The database may be briefly unreachable; the next poll or message retries.
        logger.warn({ err: error }, 'change feed: reading the event log failed');
      });
    }, pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Called after this instance committed a change (e.g. to publish it to other instances). */
  onLocalCommit(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** Reads and dispatches every event after the cursor. Concurrent calls share one reader. */
  pull(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.rerun = false;
        await this.drain();
      } while (this.rerun);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * After a local commit: catch up (so this instance reads its own writes) and tell others.
   * Others are told as soon as the new events have been read, before they are handed to this
   * instance's listeners: handing a change to thousands of local subscribers takes a while
   * (their deliveries run before any I/O), and other instances should not wait for it.
   */
  async afterLocalCommit(): Promise<void> {
    const commit = ++this.localCommits;
    await this.pull();
    // Not announced yet when the events were read by a pull that began before this commit.
    if (this.announcedCommits < commit) this.announceLocalCommits(this.cursor, commit);
  }

  /** Tells other instances the log has grown to `cursor`, which covers local commits up to `upTo`. */
  private announceLocalCommits(cursor: bigint, upTo: number): void {
    this.announcedCommits = Math.max(this.announcedCommits, upTo);
    for (const listener of this.commitListeners) listener(cursor);
  }

  private async drain(): Promise<void> {
    for (;;) {
      // A read that begins after a local commit was counted sees that commit's events.
      const commitsBeforeRead = this.localCommits;
      const events = await listEventsAfter(this.cursor, pageSize);
      if (commitsBeforeRead > this.announcedCommits && events.length < pageSize) {
        this.announceLocalCommits(events.at(-1)?.id ?? this.cursor, commitsBeforeRead);
      }
      for (const event of events) {
        this.cursor = event.id;
        for (const listener of this.eventListeners) {
          try {
            listener(event);
          } catch (error) {
            // One listener's failure must not stop the others or the feed.
            logger.error({ err: error, eventId: String(event.id) }, 'change feed listener failed');
          }
        }
      }
      if (events.length < pageSize) return;
    }
  }
}

export const changeFeed = new ChangeFeed();
