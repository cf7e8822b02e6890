import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  type FieldNode,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { nextMessageWriter, type WebSocketOperation } from './next-messages.ts';
import { fallenBehind, PushQueue } from './push-queue.ts';

type MaybePromise<T> = T | Promise<T>;

/**
 * What a message's result depends on besides its payload: the document, the operation and the
 * variables the selection set reads. Interned, so that subscribers asking for the same thing
 * hold the same object and a message is executed once for all of them.
 */
interface ResultShape {
  readonly key: string;
}

/** document → (operation name and the variables its selection set reads) → shape */
const shapesByDocument = new WeakMap<DocumentNode, Map<string, ResultShape>>();

/** A message executed for one shape, and its `next` payload serialized once when first sent. */
interface SharedResult {
  result: MaybePromise<ExecutionResult>;
  /** null: not sendable as it is (still a promise, or has errors to be masked per subscriber). */
  payloadJson?: Buffer | null;
}

/**
 * payload → shape → result. Keyed weakly by the payload object the fan-out hands to every
 * subscriber of one group, so an entry lives exactly as long as the message is in flight.
 */
const resultsByPayload = new WeakMap<object, Map<ResultShape, SharedResult>>();

/**
 * Executes a subscription's selection set once per message and shape, instead of once per
 * subscriber, for the root fields named here; over WebSocket it also serializes the message
 * once and sends it to each subscriber's socket as it is pushed (see next-messages.ts).
 *
 * Only for fields whose messages are plain data, the same object for every subscriber it is
 * meant for, with a `resolve` that returns the payload and object fields that read nothing but
 * the payload: no context, no arguments, no database. Authorization is not affected: it runs in
 * the field's `subscribe` (per subscriber, as before), which decides which messages reach the
 * subscriber at all. Errors are not affected either: a result with errors goes the ordinary
 * way, through the same masking per subscriber as one of its own.
 */
export function useSharedSubscriptionResults(rootFieldNames: ReadonlySet<string>): Plugin {
  return {
    onSubscribe({ args, setSubscribeFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      const rootField = operation && soleRootField(operation);
      if (!operation || !rootField || !rootFieldNames.has(rootField.name.value)) return;
      const shape = shapeOf(args, operation, rootField);
      setSubscribeFn((subscribeArgs) => subscribeShared(subscribeArgs, shape));
    },
  };
}

async function subscribeShared(
  args: ExecutionArgs,
  shape: ResultShape,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source;
  const webSocket = (args.contextValue as { webSocketOperation?: WebSocketOperation } | undefined)
    ?.webSocketOperation;
  if (webSocket && source instanceof PushQueue) {
    const writeNext = nextMessageWriter(webSocket, () => source.fail(fallenBehind()));
    source.deliverDirectly((payload) => {
      const payloadJson = sharedPayloadJson(payload, args, shape);
      return payloadJson !== null && writeNext(payloadJson);
    });
  }
  return new MappedIterator(
    source[Symbol.asyncIterator](),
    (payload) => sharedResult(payload, args, shape).result,
  );
}

function sharedResult(payload: unknown, args: ExecutionArgs, shape: ResultShape): SharedResult {
  if (typeof payload !== 'object' || payload === null) return { result: executePayload(payload, args) };
  let byShape = resultsByPayload.get(payload);
  if (!byShape) {
    byShape = new Map();
    resultsByPayload.set(payload, byShape);
  }
  let shared = byShape.get(shape);
  if (!shared) {
    shared = { result: executePayload(payload, args) };
    byShape.set(shape, shared);
  }
  return shared;
}

/**
 * The `next` payload as graphql-ws would serialize it (the result without `errors`), as UTF-8
 * bytes, or null when the result must go the ordinary way.
 */
function sharedPayloadJson(payload: unknown, args: ExecutionArgs, shape: ResultShape): Buffer | null {
  const shared = sharedResult(payload, args, shape);
  if (shared.payloadJson === undefined) {
    const { result } = shared;
    shared.payloadJson =
      result instanceof Promise || result.errors ? null : Buffer.from(JSON.stringify(result));
  }
  return shared.payloadJson;
}

/** What graphql-js' `subscribe` does for each message: the operation, with the message as root. */
function executePayload(payload: unknown, args: ExecutionArgs): MaybePromise<ExecutionResult> {
  return execute({ ...args, rootValue: payload });
}

/**
 * A subscription has exactly one root field (validation makes sure); a root selection through
 * a fragment is left to the ordinary path rather than resolved here.
 */
function soleRootField(operation: OperationDefinitionNode): FieldNode | undefined {
  if (operation.operation !== 'subscription') return undefined;
  const [selection, ...rest] = operation.selectionSet.selections;
  if (rest.length > 0 || selection?.kind !== Kind.FIELD) return undefined;
  return selection;
}

/**
 * The root field's arguments only reach its `subscribe` (the resolver returns the payload as
 * it is), so variables used there alone (`after`) do not split subscribers; variables the
 * selection set, its directives or any fragment read do.
 */
function shapeOf(args: ExecutionArgs, operation: OperationDefinitionNode, rootField: FieldNode): ResultShape {
  const readVariables = new Set<string>();
  const collect = {
    Variable: (node: { name: { value: string } }) => void readVariables.add(node.name.value),
  };
  if (rootField.selectionSet) visit(rootField.selectionSet, collect);
  for (const directive of rootField.directives ?? []) visit(directive, collect);
  for (const definition of args.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, collect);
  }
  const values = args.variableValues ?? {};
  // An omitted variable (its default applies) and one sent as null are different shapes.
  const read = [...readVariables].sort().map((name) => (name in values ? [name, values[name]] : [name]));
  const key = `${operation.name?.value ?? ''}\u0000${JSON.stringify(read)}`;
  let shapes = shapesByDocument.get(args.document);
  if (!shapes) {
    shapes = new Map();
    shapesByDocument.set(args.document, shapes);
  }
  let shape = shapes.get(key);
  if (!shape) {
    shape = { key };
    shapes.set(key, shape);
  }
  return shape;
}

/**
 * Maps a source iterator's messages: one promise reaction per message, where graphql-js'
 * mapAsyncIterator takes several (two async functions and an await per message).
 */
class MappedIterator<T, R> implements AsyncIterableIterator<R> {
  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly map: (value: T) => MaybePromise<R>,
  ) {}

  next(): Promise<IteratorResult<R>> {
    return this.source.next().then((step) => (step.done ? finished : this.mapStep(step.value)));
  }

  return(): Promise<IteratorResult<R>> {
    return Promise.resolve(this.source.return?.()).then(() => finished);
  }

  throw(error?: unknown): Promise<IteratorResult<R>> {
    return this.return().then(() => Promise.reject(error));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<R> {
    return this;
  }

  private mapStep(value: T): MaybePromise<IteratorResult<R>> {
    let mapped: MaybePromise<R>;
    try {
      mapped = this.map(value);
    } catch (error) {
      // Like graphql-js: a message that cannot be mapped ends the source, then the error surfaces.
      return this.return().then(() => Promise.reject(error));
    }
    if (mapped instanceof Promise) return mapped.then((result) => ({ value: result, done: false }));
    return { value: mapped, done: false };
  }
}

const finished: IteratorReturnResult<undefined> = { value: undefined, done: true };

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}
