import type { Plugin } from 'graphql-yoga';
import { operatorCookieName } from '../auth/operator-cookie.ts';
import type { Config } from '../config.ts';
import { useBodyLimit } from '../http/body-limit.ts';
import { useMetrics } from '../metrics.ts';
import { useCsrfPrevention } from './csrf.ts';
import { useQueryLimits } from './limits.ts';
import { useMalformedRequestGuards } from './malformed.ts';
import { useSessionRateLimits } from './session-limits.ts';

/** Every guard, in the order they run: body size, CSRF, metrics, malformed input, query limits, rate limits. */
export function hardeningPlugins(config: Config, graphqlEndpoint: string): Plugin[] {
  return [
    useBodyLimit(config.limits.maxBodyBytes),
    useCsrfPrevention({ cookieNames: [config.cookieName, operatorCookieName], endpoint: graphqlEndpoint }),
    useMetrics(),
    useMalformedRequestGuards(graphqlEndpoint),
    ...useQueryLimits(config),
    useSessionRateLimits({ cookieName: config.cookieName }),
  ];
}
