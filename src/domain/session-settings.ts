import type { SigningAlgorithm } from '../config.ts';

/** What sessions and tokens read from the configuration; set once at start (`initializeSessions`). */
export interface SessionSettings {
  /** The `iss` of access tokens. */
  issuer: string;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  refreshGraceSeconds: number;
  signingAlgorithm: SigningAlgorithm;
  cookieName: string;
}

let current: SessionSettings = {
  issuer: 'http://localhost:4000',
  accessTokenTtlSeconds: 300,
  sessionTtlSeconds: 30 * 86_400,
  refreshGraceSeconds: 10,
  signingAlgorithm: 'RS256',
  cookieName: 'wos-session',
};

export function sessionSettings(): SessionSettings {
  return current;
}

export function setSessionSettings(settings: Partial<SessionSettings>): void {
  current = { ...current, ...settings };
}
