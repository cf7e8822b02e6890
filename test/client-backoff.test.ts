import { describe, expect, it } from 'vitest';
import { compareCursors, retryDelay } from '../src/client/backoff.ts';

describe('the client’s reconnection back-off', () => {
  it('grows exponentially from the initial delay, is capped, and is jittered', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 5000 };
    for (let attempt = 0; attempt < 40; attempt++) {
      const cap = Math.min(5000, 100 * 2 ** attempt);
      const delays = Array.from({ length: 200 }, () => retryDelay(attempt, options));
      expect(Math.max(...delays)).toBeLessThanOrEqual(cap);
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
      // Full jitter: spread over the window, not bunched at its end (which would re-synchronise
      // every client a restart disconnected).
      expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(cap / 2);
    }
    // The defaults: 500 ms, then at most 30 s however long it goes on.
    expect(Math.max(...Array.from({ length: 500 }, () => retryDelay(0)))).toBeLessThanOrEqual(500);
    expect(Math.max(...Array.from({ length: 500 }, () => retryDelay(1000)))).toBeLessThanOrEqual(30_000);
  });

  it('orders cursors as numbers of any length', () => {
    expect(compareCursors('9', '10')).toBeLessThan(0);
    expect(compareCursors('123456789012345678901', '123456789012345678900')).toBeGreaterThan(0);
    expect(compareCursors('42', '42')).toBe(0);
  });
});
