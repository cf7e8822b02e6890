import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.ts';

/**
 * graphql-http's audit suite (the GraphQL-over-HTTP spec) against the real server. Every MUST
 * and SHOULD passes; the MAY audits that do not are listed with the reason in the README
 * ("Operations and limits") and here, so a change in either direction shows up.
 */
const mayNotPassing = new Map<string, string>([]);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
  // The audits need the URL, which exists only once the server runs: build them lazily.
  const audits = serverAudits({ url: () => server.graphqlUrl });
  for (const audit of audits) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      if (audit.name.startsWith('MAY') && mayNotPassing.has(audit.id)) {
        expect(result.status, `${audit.id} now passes: remove it from the README's list`).not.toBe('ok');
        return;
      }
      expect(
        result.status === 'ok' ? 'ok' : `${result.status}: ${'reason' in result ? result.reason : ''}`,
      ).toBe('ok');
    });
  }
});
