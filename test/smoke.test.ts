import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';

const CreateFlag = graphql(`
  mutation SmokeCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id slug rule(environment: "sandbox") { enabled organizationRule version } } }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('smoke', () => {
  it('creates a flag', async () => {
    const result = await server.request(CreateFlag, { input: { slug: 'new-billing', name: 'New billing' } });
    const data = dataOf(result);
    expect(data.createFeatureFlag.featureFlag.rule).toEqual({
      enabled: false,
      organizationRule: 'NONE',
      version: 1,
    });
  });
});
