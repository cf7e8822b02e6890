import { prisma } from '../../src/db/index.ts';

/**
 * The refresh grace window tests use: long enough that the steps meant to fall inside it do,
 * however slow a loaded machine is (the test's own timeout is shorter).
 */
export const testGraceSeconds = 30;

/**
 * Ends the grace window at once for every refresh token spent so far, instead of sleeping past
 * a short window (whose steps inside it a loaded machine could outlast): a token is spent when
 * its successor was stored (or at `usedAt`, for tokens spent before successors), so those times
 * move back past the window.
 */
export async function pastRefreshGrace(graceSeconds = testGraceSeconds): Promise<void> {
  const seconds = graceSeconds + 1;
  await prisma.$executeRaw`
    UPDATE "RefreshToken"
    SET "createdAt" = "createdAt" - ${seconds}::int * interval '1 second',
        "usedAt" = "usedAt" - ${seconds}::int * interval '1 second'`;
}
