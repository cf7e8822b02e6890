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
    const target = (error.meta?.target as string[] | string | undefined) ?? 'a unique field';
    return new ConflictError(`Another record already has this ${String(target)}.`, {
      fields: target,
    });
  }
  return error;
}
