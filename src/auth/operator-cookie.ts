import { isLocalRequest } from '../session-http.ts';

/**
 * The operators' cookie, apart from the customers' `wos-session`: `SameSite=Strict` (an
 * operator's session is never needed on a navigation from another site), httpOnly, and
 * `Secure` except on plain-HTTP localhost (development).
 */
export const operatorCookieName = 'pennant-operator';

export function operatorCookie(request: Request, token: string, maxAgeSeconds: number): string {
  return [
    `${operatorCookieName}=${token}`,
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(isLocalRequest(request) ? [] : ['Secure']),
  ].join('; ');
}

export function clearedOperatorCookie(request: Request): string {
  return operatorCookie(request, '', 0);
}
