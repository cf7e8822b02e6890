import pino from 'pino';
import { redactSecrets } from './security/redact.ts';

// config.ts rejects an unknown LOG_LEVEL with a clear message; the logger, created on import,
// must not crash before that check can run.
const level = process.env.LOG_LEVEL || 'info';
const knownLevel = level === 'silent' || level in pino.levels.values;

/**
 * Structured JSON logs. Secrets never reach a log: request logs carry no headers or bodies, and
 * the redaction list catches the fields where a secret could slip in.
 */
export const logger = pino({
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
});
