import { Prisma, prisma, type Transaction } from '../db/index.ts';
import { ConflictError } from '../errors.ts';
import { logger } from '../logger.ts';
import { changeFeed } from './change-feed.ts';

/**
 * Runs a change and its event in one transaction. After the commit, this instance's change
 * feed catches up (so the caller reads its own write, from the cache too) and other instances
 * are told. A failure after the commit is logged, never reported as a failed change.
 */
export async function commitChange<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await prisma.$transaction(work, { maxWait: 10_000, timeout: 20_000 });
  } catch (error) {
    throw translateConstraintError(error);
  }
  try {
    await changeFeed.afterLocalCommit();
  } catch (error) {
    logger.warn({ err: error }, 'change committed, but the change feed could not catch up yet');
  }
  return result;
}

function translateConstraintError(error: unknown): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    const meta = (error.meta ?? {}) as UniqueViolationMeta;
    const fields = uniqueFields(meta);
    const what = meta.modelName ? readableModelName(meta.modelName) : 'record';
    const message = fields.length
      ? `A${/^[aeiou]/i.test(what) ? 'n' : ''} ${what} with this ${fields.join(' and ')} already exists.`
      : `A${/^[aeiou]/i.test(what) ? 'n' : ''} ${what} like this already exists.`;
    return new ConflictError(message, fields.length ? { field: fields[0], fields } : {});
  }
  return error;
}

/** What Prisma 7 reports for a unique violation through a driver adapter (or the native engine). */
interface UniqueViolationMeta {
  modelName?: string;
  target?: string[] | string;
  driverAdapterError?: {
    cause?: { constraint?: { fields?: string[]; index?: string } };
  };
}

/** The columns of the violated unique constraint: named, or read from `<Model>_<a>_<b>_key`. */
function uniqueFields(meta: UniqueViolationMeta): string[] {
  // Uniqueness within an environment (e-mail, external id) is about the other field(s).
  return allUniqueFields(meta).filter((field, _index, all) => field !== 'environmentId' || all.length === 1);
}

function allUniqueFields(meta: UniqueViolationMeta): string[] {
  if (Array.isArray(meta.target)) return meta.target;
  if (typeof meta.target === 'string') return [meta.target];
  const constraint = meta.driverAdapterError?.cause?.constraint;
  if (constraint?.fields?.length) return constraint.fields.map((field) => field.replace(/^"|"$/g, ''));
  const index = constraint?.index;
  if (index && meta.modelName && index.startsWith(`${meta.modelName}_`) && index.endsWith('_key')) {
    return index.slice(meta.modelName.length + 1, -'_key'.length).split('_');
  }
  return [];
}

/** `FeatureFlag` → `feature flag`, `ApiKey` → `API key`. */
function readableModelName(modelName: string): string {
  return modelName
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^api /, 'API ');
}
