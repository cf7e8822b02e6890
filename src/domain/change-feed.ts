import { logger } from '../logger.ts';
import { latestEventId, listEvents, type RecordedEvent } from './events.ts';

type EventListener = (event: RecordedEvent) => void;

/**
 * Runs before a stretch of events is handed to the listeners, and is awaited: for a state that
 * needs rows an event does not carry (a new flag's rules, an organization's timestamps), read
 * once for the whole stretch. Undefined when the stretch needs nothing, so the usual stretch
 * goes on without a turn of the event loop.
 */
type BatchPreparer = (events: readonly RecordedEvent[]) => Promise<void> | undefined;

/**
 * A stretch of the log as one read returned it: every event with an id in (from, last event's
 * id], in order. Event-writing transactions commit in id order (see recordEvent), so a read
 * that returned event N saw every event before N that will ever exist: the stretch is whole.
 */
export interface LogSegment {
  from: bigint;
  events: readonly RecordedEvent[];
}

/** `segment`, when the announcing read has it at hand: the log up to `latestEventId`. */
type CommitListener = (latestEventId: bigint, segment?: LogSegment) => void;

const pageSize = 500;

/**
 * Each instance's ordered view of the event log. Every committed change is an event; the feed
 * reads new events from the database in id order and hands them to listeners (the flag-state
 * cache, subscriptions). A change made here is pulled right after its commit; changes made by
 * other instances arrive with their message (see realtime/) as the segment of the log the
 * committing instance read, taken as it is when this feed is exactly where the segment begins,
 * and otherwise pulled; a periodic poll is the safety net against lost messages. Every event
 * reaches the listeners once, in log order, whichever way it came: a lost message only delays
 * an update, never loses it.
 */
export class ChangeFeed {
  private cursor = 0n;
  private readonly eventListeners = new Set<EventListener>();
  private readonly preparers = new Set<BatchPreparer>();
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
    // The database may be briefly unreachable; the next poll or message retries.
    this.timer = setInterval(() => this.pullLogged('poll'), pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /**
   * `prepare` reads what a stretch of events needs before any listener sees them; the feed
   * advances only once it has succeeded (a failed read is retried with the stretch).
   */
  beforeEvents(prepare: BatchPreparer): () => void {
    this.preparers.add(prepare);
    return () => this.preparers.delete(prepare);
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
    return this.run(() => this.drain());
  }

  /** Runs `first`, then drains the log as long as someone asked for it meanwhile. */
  private run(first: () => Promise<void>): Promise<void> {
    this.rerun = false;
    this.running = (async () => {
      await first();
      while (this.rerun) {
        this.rerun = false;
        await this.drain();
      }
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

  /**
   * A segment another instance read (its announcement): handed to the listeners as it is when
   * this feed stands exactly where it begins and is not reading, which spares the log read on
   * the way from one instance's commit to another's subscribers. Otherwise the log is read: a
   * segment that does not join on is never guessed at, and one already passed is ignored.
   */
  accept(segment: LogSegment): 'taken' | 'read' | 'passed' {
    const last = segment.events.at(-1)?.id;
    if (last === undefined || last <= this.cursor) return 'passed';
    if (this.running || segment.from !== this.cursor) {
      this.pullLogged('a segment that does not join the feed');
      return 'read';
    }
    this.run(() => this.deliver(segment.events)).catch((error: unknown) => {
      logger.warn({ err: error }, 'change feed: a segment could not be handed on; the log will be read');
    });
    return 'taken';
  }

  /** Pulls without waiting, for callers that only want the feed to catch up. */
  pullLogged(why: string): void {
    this.pull().catch((error: unknown) => {
      logger.warn({ err: error, why }, 'change feed: reading the event log failed');
    });
  }

  /** Tells other instances the log has grown to `cursor`, which covers local commits up to `upTo`. */
  private announceLocalCommits(cursor: bigint, upTo: number, segment?: LogSegment): void {
    this.announcedCommits = Math.max(this.announcedCommits, upTo);
    for (const listener of this.commitListeners) listener(cursor, segment);
  }

  private async drain(): Promise<void> {
    for (;;) {
      // A read that begins after a local commit was counted sees that commit's events.
      const commitsBeforeRead = this.localCommits;
      const from = this.cursor;
      const events = await listEvents({ after: from }, pageSize);
      if (commitsBeforeRead > this.announcedCommits && events.length < pageSize) {
        const segment = events.length > 0 ? { from, events } : undefined;
        this.announceLocalCommits(events.at(-1)?.id ?? from, commitsBeforeRead, segment);
      }
      await this.deliver(events);
      if (events.length < pageSize) return;
    }
  }

  /** Prepares (when a preparer needs to read) and hands the events on. */
  private async deliver(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const reads: Promise<void>[] = [];
    for (const prepare of this.preparers) {
      const read = prepare(events);
      if (read) reads.push(read);
    }
    if (reads.length > 0) await Promise.all(reads);
    this.dispatch(events);
  }

  private dispatch(events: readonly RecordedEvent[]): void {
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
  }
}

export const changeFeed = new ChangeFeed();
