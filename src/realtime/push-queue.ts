import { PennantError } from '../errors.ts';

/** How many undelivered messages one subscription may hold before it is ended. */
export const maxQueuedMessages = 10_000;

/**
 * An async iterator fed by pushes: what a GraphQL subscription returns. It holds messages while
 * the consumer is busy (or while a replay runs first), ends the subscription when the consumer
 * falls too far behind (the client resumes with its last cursor), and runs `onClose` exactly
 * once, however it ends (client unsubscribed, socket closed, server ended it).
 */
export class PushQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((error: unknown) => void) | undefined;
  private done = false;
  private failure: unknown;
  private readonly closeHandlers: (() => void)[] = [];
  /** While held, pushes wait here until `release` puts the replay in front of them. */
  private held: T[] | undefined;
  private endWhenReleased = false;
  private direct: ((item: T) => boolean) | undefined;

  /** `held`: live messages wait until `release()` (used while a replay is read). */
  constructor(options: { held?: boolean } = {}) {
    if (options.held) this.held = [];
  }

  /** Delivers `first` (the replay), then what was held, then lets pushes through. */
  release(first: readonly T[] = []): void {
    const held = this.held ?? [];
    this.held = undefined;
    // The replay is already in memory: it does not count against the live backlog limit.
    for (const item of first) this.accept(item, false);
    for (const item of held) this.push(item);
    if (this.endWhenReleased) this.end();
  }

  /**
   * From now on each message goes to `deliver` the moment it is pushed (or released), in order,
   * instead of waiting for `next()`, which then only reports the end or the failure. Delivering
   * in the pusher's own synchronous step spares a promise chain per message and subscriber.
   * `deliver` returns false for a message it cannot take: that message and every later one go
   * the ordinary way, so the order holds.
   */
  deliverDirectly(deliver: (item: T) => boolean): void {
    // A message already waiting for `next()` would be overtaken.
    if (this.done || this.items.length > 0) return;
    this.direct = deliver;
  }

  /** Runs once when the iterator ends. */
  onClose(handler: () => void): void {
    if (this.done) handler();
    else this.closeHandlers.push(handler);
  }

  get closed(): boolean {
    return this.done;
  }

  push(item: T): void {
    if (this.done) return;
    if (this.held) {
      this.held.push(item);
      if (this.held.length > maxQueuedMessages) this.fail(fallenBehind());
      return;
    }
    this.accept(item, true);
  }

  private accept(item: T, counted: boolean): void {
    if (this.done) return;
    if (this.direct) {
      if (this.direct(item)) return;
      this.direct = undefined;
    }
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      this.failWaiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    this.items.push(item);
    if (counted && this.items.length > maxQueuedMessages) this.fail(fallenBehind());
  }

  /** Ends after the queued messages are delivered. */
  end(): void {
    if (this.done) return;
    if (this.held) {
      this.endWhenReleased = true;
      return;
    }
    this.finish();
    if (this.waiting && this.items.length === 0) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  /** Ends with an error at once; queued messages are dropped (the client resumes by cursor). */
  fail(error: unknown): void {
    if (this.done) return;
    this.items.length = 0;
    this.held = undefined;
    this.failure = error;
    this.finish();
    if (this.failWaiting) {
      const reject = this.failWaiting;
      this.waiting = undefined;
      this.failWaiting = undefined;
      reject(error);
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift() as T, done: false });
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.items.length = 0;
    this.held = undefined;
    this.finish();
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      this.failWaiting = undefined;
      resolve({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    for (const handler of this.closeHandlers.splice(0)) {
      handler();
    }
  }
}

/** Why a subscription that fell more than `maxQueuedMessages` behind was ended. */
export function fallenBehind(): PennantError {
  return new PennantError(
    'RATE_LIMITED',
    'The subscription fell too far behind and was ended; subscribe again with `after` set to the last cursor received.',
  );
}
