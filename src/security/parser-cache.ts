import type { DocumentNode } from 'graphql';
import { createLRUCache, type YogaServerOptions } from 'graphql-yoga';

/** Documents longer than this are parsed each time rather than cached. */
export const maxCachedDocumentLength = 32_768;

interface Cache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
}

function skippingLargeKeys<T extends object>(max: number): Cache<T> {
  const cache = createLRUCache<T>({ max });
  return {
    get: (key) => cache.get(key),
    set: (key, value) => {
      if (key.length <= maxCachedDocumentLength) cache.set(key, value);
    },
  };
}

/**
 * yoga caches parsed documents (and parse errors) keyed by their text, bounded by count only:
 * a thousand documents of a megabyte each (one long string literal is a single token, so the
 * token limit does not stop it) would pin a gigabyte. Real operations are small; only they are
 * cached.
 */
export function boundedParserCache(): NonNullable<
  YogaServerOptions<object, object>['parserAndValidationCache']
> {
  return {
    documentCache: skippingLargeKeys<DocumentNode>(1000),
    errorCache: skippingLargeKeys<object>(1000),
    validationCache: true,
  };
}
