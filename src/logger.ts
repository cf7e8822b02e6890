import pino from 'pino';

/**
 * Structured JSON logs. Secrets never reach a log: request logs carry no headers or bodies, and
 * the redaction list catches the fields where a secret could slip in.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL || 'info',
  base: { service: 'pennant' },
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
