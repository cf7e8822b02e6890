/**
 * The part of `negotiator` 1.x that Pennant uses. The published @types/negotiator describe 0.6,
 * whose `encoding` has no `preferred` option: without it a tie goes to the client's order, and a
 * browser's `gzip, deflate, br` would never get brotli.
 */
declare module 'negotiator' {
  interface Headers {
    [name: string]: string | string[] | undefined;
  }

  export default class Negotiator {
    constructor(request: { headers: Headers });
    /** The best of `available` for Accept-Encoding; on a tie, the earlier in `preferred`. */
    encoding(available: readonly string[], options?: { preferred?: readonly string[] }): string | undefined;
  }
}
