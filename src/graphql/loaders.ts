import type { GraphQLContext } from './context.ts';

/**
 * Loads many keys with one call: every key asked for during one turn of the event loop (as
 * when GraphQL resolves a field on each item of a list) is loaded together. One per request,
 * so nothing is cached across requests or callers.
 */
export class BatchLoader<K, V> {
  private pending = new Map<
    K,
    { resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[]
  >();
  private scheduled = false;

  constructor(private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>) {}

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate, not a microtask: resolvers reach `load` after awaits of their own.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    this.loadMany([...batch.keys()]).then(
      (values) => {
        for (const [key, waiting] of batch) for (const { resolve } of waiting) resolve(values.get(key));
      },
      (error: unknown) => {
        for (const waiting of batch.values()) for (const { reject } of waiting) reject(error);
      },
    );
  }
}

const loadersByRequest = new WeakMap<GraphQLContext, Map<string, BatchLoader<unknown, unknown>>>();

/** The request's loader named `name`, made with `create` the first time it is asked for. */
export function requestLoader<K, V>(
  context: GraphQLContext,
  name: string,
  create: () => BatchLoader<K, V>,
): BatchLoader<K, V> {
  let loaders = loadersByRequest.get(context);
  if (!loaders) {
    loaders = new Map();
    loadersByRequest.set(context, loaders);
  }
  let loader = loaders.get(name);
  if (!loader) {
    loader = create() as BatchLoader<unknown, unknown>;
    loaders.set(name, loader);
  }
  return loader as BatchLoader<K, V>;
}
