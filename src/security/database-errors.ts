import { Prisma } from '../db/index.ts';

// Prisma's codes for "cannot reach", "timed out", "connection closed", "pool timeout".
const unavailablePrismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// Node's and PostgreSQL's (class 08: connection exception; 57P0x: server shutting down).
const unavailableDriverCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const unavailableMessages =
  /Can't reach database server|Connection terminated|Server has closed the connection|connection is closed|connection error and is not queryable|terminating connection due to administrator command|the database system is (starting up|shutting down)/i;

/** Whether an error means "the database cannot be reached right now" (as opposed to a bug). */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || !(error instanceof Error)) return false;
  if (error instanceof Prisma.PrismaClientKnownRequestError && unavailablePrismaCodes.has(error.code))
    return true;
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && unavailableDriverCodes.has(code)) return true;
  if (unavailableMessages.test(error.message)) return true;
  return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1);
}

/** The answer while the database is away: 503, retry shortly. The server reconnects by itself. */
export const databaseUnavailable = {
  message: 'The database is unavailable right now. Retry shortly.',
  extensions: {
    code: 'SERVICE_UNAVAILABLE',
    http: { status: 503, headers: { 'Retry-After': '1' } },
  },
};
