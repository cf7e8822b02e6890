import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import Negotiator from 'negotiator';

/** The content codings Pennant sends besides identity (RFC 9110 §8.4.1). */
export type ContentCoding = 'gzip' | 'br';

/** One encoding of a representation: its bytes and its own strong validator. */
export interface EncodedBody {
  body: Buffer;
  etag: string;
  /** Absent for identity. */
  coding?: ContentCoding;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Below this size a compressed body saves less than the round trip to zlib's thread pool costs;
 * such answers are sent as they are.
 */
const minimumCompressedBytes = 1024;

/**
 * Brotli at quality 5 rather than its default 11: the answer is compressed again after every
 * change to the environment, and quality 11 on a large poll costs hundreds of times more CPU for
 * a body only a little smaller.
 */
const brotliOptions = {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 5,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
};

/**
 * A JSON answer serialized once, with a strong `ETag` (SHA-256 of the body, so every instance
 * gives the same one for the same answer), and its compressed encodings made on demand, once
 * each: concurrent requests share the one compression, which runs on zlib's thread pool, not on
 * the event loop. Each coding has its own ETag (RFC 9110 §8.8.3: a strong validator names one
 * sequence of bytes), the identity's with the coding appended.
 */
export class Representation {
  readonly identity: EncodedBody;
  readonly #encodings = new Map<ContentCoding, Promise<EncodedBody>>();

  constructor(value: unknown) {
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    const hash = createHash('sha256').update(body).digest('base64url');
    this.identity = { body, etag: `"${hash}"` };
  }

  /** Whether a compressed encoding is worth offering for this body. */
  get compressible(): boolean {
    return this.identity.body.length >= minimumCompressedBytes;
  }

  /** The body in `coding`, compressed at most once per representation. */
  encoded(coding: ContentCoding): Promise<EncodedBody> {
    let encoding = this.#encodings.get(coding);
    if (!encoding) {
      const { body, etag } = this.identity;
      const compressing = coding === 'gzip' ? gzipAsync(body) : brotliAsync(body, brotliOptions);
      encoding = compressing.then(
        (compressed) => ({ body: compressed, etag: `${etag.slice(0, -1)}-${coding}"`, coding }),
        (error: unknown) => {
          // Not kept: the next request tries again.
          this.#encodings.delete(coding);
          throw error;
        },
      );
      this.#encodings.set(coding, encoding);
    }
    return encoding;
  }
}

/**
 * The coding to send for an `Accept-Encoding` header (RFC 9110 §12.5.3), as `negotiator` (the
 * package Express uses) chooses among `offered` and identity: the highest q-value, the earlier
 * in `offered` on a tie. No header, or nothing acceptable: identity (a 406 would break clients
 * for a preference they may not mean).
 */
export function negotiateCoding(
  header: string | null,
  offered: readonly ContentCoding[],
): ContentCoding | undefined {
  if (header === null) return undefined;
  const available = [...offered, 'identity'];
  const chosen = new Negotiator({ headers: { 'accept-encoding': header } }).encoding(available, {
    preferred: available,
  });
  return offered.find((coding) => coding === chosen);
}
