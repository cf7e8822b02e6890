import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

/** `PENNANT_METRICS_TOKEN` keeps `/metrics` (operation names, rates, error codes) to its holder. */

const metricsToken = 'metrics-token-0123456789abcdef';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { PENNANT_METRICS_TOKEN: metricsToken } });
});
afterAll(async () => {
  await server?.close();
});

describe('GET /metrics with PENNANT_METRICS_TOKEN', () => {
  it('answers 401 without the token or with a wrong one, and never echoes what was sent', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0123456789',
      `Bearer ${metricsToken}x`,
      metricsToken,
    ]) {
      const response = await fetch(`${server.url}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      const body = await response.text();
      expect(body).toContain('UNAUTHENTICATED');
      expect(body).not.toContain('pennant_http_requests_total');
      expect(body).not.toContain(metricsToken);
    }
  });

  it('serves the metrics with the token', async () => {
    const response = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(
      /pennant_http_requests_total\{method="GET",route="\/metrics",status="401"\} [1-9]/,
    );
  });

  it('refuses a token shorter than 16 characters at start', () => {
    expect(() => loadConfig({ PENNANT_METRICS_TOKEN: 'short' })).toThrow(
      /PENNANT_METRICS_TOKEN must be at least 16 characters/,
    );
  });
});
