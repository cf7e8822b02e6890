/** How long to wait before reconnecting or retrying. */
export interface RetryOptions {
  /** The first delay's upper bound, ms. Default 500. */
  initialDelayMs?: number;
  /** No delay is longer than this, ms. Default 30000. */
  maxDelayMs?: number;
}

/**
 * "Full jitter": a random delay between 0 and an exponentially growing cap. Thousands of clients
 * disconnected by one restart then spread their reconnections over the window instead of
 * arriving together.
 */
export function retryDelay(attempt: number, options: RetryOptions = {}): number {
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const cap = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.random() * cap;
}

/** A sleep that `cancel()` ends early (so `close()` never waits for a back-off). */
export function cancellableSleep(ms: number): { done: Promise<void>; cancel: () => void } {
  let cancel = () => {};
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    cancel = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { done, cancel };
}

/** Compares two event-log cursors (decimal event ids of any length). */
export function compareCursors(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
