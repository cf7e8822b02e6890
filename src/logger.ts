import pino from 'pino';
import pretty from 'pino-pretty';
import { redactSecrets } from './security/redact.ts';

// config.ts rejects an unknown LOG_LEVEL with a clear message; the logger, created on import,
// must not crash before that check can run.
const level = process.env.LOG_LEVEL || 'info';
const knownLevel = level === 'silent' || level in pino.levels.values;

/**
 * Readable lines for a person at a terminal; JSON lines for everything else (a file, a pipe, a
 * container's log collector) and always in production, where a collector expects them.
 */
export const logFormat: 'pretty' | 'json' =
  process.stdout.isTTY && process.env.NODE_ENV !== 'production' ? 'pretty' : 'json';

/**
 * Structured logs. Secrets never reach a log: request logs carry no headers or bodies, and
 * the redaction list catches the fields where a secret could slip in.
 */
export const logger = pino(
  {
    level: knownLevel ? level : 'info',
    base: { service: 'pennant' },
    // Secrets that slipped into a message (a token quoted by a parser error) are scrubbed last.
    hooks: { streamWrite: redactSecrets },
    redact: {
      paths: [
        'apiKey',
        'secret',
        'password',
        'cookiePassword',
        'accessToken',
        'refreshToken',
        'sealedSession',
        'authorization',
        'cookie',
        'cookiePasswords',
        'token',
        'seal',
        '*.cookiePasswords',
        '*.token',
        '*.seal',
        '*.apiKey',
        '*.secret',
        '*.password',
        '*.accessToken',
        '*.refreshToken',
        '*.sealedSession',
        '*.authorization',
        '*.cookie',
      ],
      censor: '[redacted]',
    },
  },
  // Synchronous, in this thread: main.ts exits right after its last lines, and a worker-thread
  // transport could lose them. The redaction hook above runs before either stream.
  logFormat === 'pretty'
    ? pretty({ sync: true, colorize: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss.l' })
    : undefined, // pino's own standard-output stream, as before
);
