import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { prisma } from '../src/db/index.ts';
import { logger } from '../src/logger.ts';
import { graphql } from './gql/index.ts';
import { dataOf, errorCode, startTestServer, type TestServer } from './helpers/server.ts';

const CreateFlag = graphql(`
  mutation FlagsCreate($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) {
      featureFlag {
        id
        slug
        name
        description
        tags
        sandbox: rule(environment: "sandbox") { enabled organizationRule organizationIds version updatedBy }
      }
    }
  }
`);

const UpdateFlag = graphql(`
  mutation FlagsUpdate($input: UpdateFeatureFlagInput!) {
    updateFeatureFlag(input: $input) { featureFlag { id slug name description tags } }
  }
`);

const DeleteFlag = graphql(`
  mutation FlagsDelete($input: DeleteFeatureFlagInput!) {
    deleteFeatureFlag(input: $input) { deletedFeatureFlagId slug }
  }
`);

const FlagBySlug = graphql(`
  query FlagsBySlug($slug: String!, $environment: String!) {
    featureFlag(slug: $slug) { id slug name description tags rule(environment: $environment) { enabled organizationRule version } }
  }
`);

const FlagList = graphql(`
  query FlagsList($tag: String, $search: String, $first: Int, $after: String) {
    featureFlags(tag: $tag, search: $search, first: $first, after: $after) {
      edges { cursor node { slug } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const FlagListBackwards = graphql(`
  query FlagsListBackwards($tag: String, $last: Int, $before: String) {
    featureFlags(tag: $tag, last: $last, before: $before) {
      edges { node { slug } }
      pageInfo { hasPreviousPage startCursor }
    }
  }
`);

const FlagEvents = graphql(`
  query FlagsEvents($flagSlug: String) {
    events(flagSlug: $flagSlug, first: 50) { edges { node { type flagSlug before after } } }
  }
`);

const OrganizationList = graphql(`
  query FlagsFaultOrganizations { organizations(first: 1) { edges { node { id } } } }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function createFlag(
  slug: string,
  extra: { tags?: string[]; description?: string; name?: string } = {},
) {
  const response = await server.request(CreateFlag, { input: { slug, name: extra.name ?? slug, ...extra } });
  return dataOf(response).createFeatureFlag.featureFlag;
}

describe('createFeatureFlag', () => {
  it('creates a flag that is disabled with rule NONE in every environment', async () => {
    const flag = await createFlag('new-billing', {
      name: '  New billing  ',
      description: 'The new billing page',
      tags: ['billing', 'beta', 'billing'],
    });
    expect(flag).toMatchObject({
      slug: 'new-billing',
      name: 'New billing',
      description: 'The new billing page',
      tags: ['beta', 'billing'],
      sandbox: { enabled: false, organizationRule: 'NONE', organizationIds: [], version: 1 },
    });
    expect(flag.id).toMatch(/^flag_[0-9A-Z]{26}$/);
    const production = await server.request(
      FlagBySlug,
      { slug: 'new-billing', environment: 'production' },
      { apiKey: server.keys.production },
    );
    expect(dataOf(production).featureFlag?.rule).toEqual({
      enabled: false,
      organizationRule: 'NONE',
      version: 1,
    });
  });

  it.each([
    ['slug', { slug: 'Not A Slug', name: 'x' }],
    ['slug', { slug: '', name: 'x' }],
    ['slug', { slug: 'double--dash', name: 'x' }],
    ['slug', { slug: 'a'.repeat(65), name: 'x' }],
    ['name', { slug: 'ok-slug', name: '   ' }],
    ['name', { slug: 'ok-slug', name: 'bad\u0007name' }],
    ['description', { slug: 'ok-slug', name: 'x', description: 'd'.repeat(2001) }],
    ['tags', { slug: 'ok-slug', name: 'x', tags: ['Has Space'] }],
    ['tags', { slug: 'ok-slug', name: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
  ])('rejects a bad %s as BAD_USER_INPUT naming the field, and writes nothing', async (field, input) => {
    const response = await server.request(CreateFlag, { input });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field).toBe(field);
    expect(response.data).toBeNull();
    const lookup = await server.request(FlagBySlug, { slug: 'ok-slug', environment: 'sandbox' });
    expect(dataOf(lookup).featureFlag).toBeNull();
  });

  it('rejects a duplicate slug as CONFLICT and keeps the first flag unchanged', async () => {
    await createFlag('duplicate-me', { name: 'First' });
    const response = await server.request(CreateFlag, { input: { slug: 'duplicate-me', name: 'Second' } });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0]?.message).toBe('A feature flag with this slug already exists.');
    expect(response.errors?.[0]?.extensions?.field).toBe('slug');
    const lookup = await server.request(FlagBySlug, { slug: 'duplicate-me', environment: 'sandbox' });
    expect(dataOf(lookup).featureFlag?.name).toBe('First');
    const events = dataOf(await server.request(FlagEvents, { flagSlug: 'duplicate-me' }));
    expect(events.events.edges.map((e) => e.node.type)).toEqual(['flag.created']);
  });
});

describe('updateFeatureFlag', () => {
  it('changes only the fields given and records before and after', async () => {
    await createFlag('to-update', { name: 'Before', description: 'old', tags: ['a'] });
    const response = await server.request(UpdateFlag, {
      input: { slug: 'to-update', name: 'After', tags: ['b', 'c'] },
    });
    expect(dataOf(response).updateFeatureFlag.featureFlag).toMatchObject({
      slug: 'to-update',
      name: 'After',
      description: 'old',
      tags: ['b', 'c'],
    });
    const events = dataOf(await server.request(FlagEvents, { flagSlug: 'to-update' }));
    const updated = events.events.edges.find((e) => e.node.type === 'flag.updated')?.node;
    expect(updated?.before).toMatchObject({ name: 'Before', tags: ['a'] });
    expect(updated?.after).toMatchObject({ name: 'After', tags: ['b', 'c'] });
  });

  it('answers NOT_FOUND for an unknown slug', async () => {
    const response = await server.request(UpdateFlag, { input: { slug: 'no-such-flag', name: 'x' } });
    expect(errorCode(response)).toBe('NOT_FOUND');
  });

  it('rejects a bad name as BAD_USER_INPUT and leaves the flag as it was', async () => {
    await createFlag('update-bad', { name: 'Kept' });
    const response = await server.request(UpdateFlag, {
      input: { slug: 'update-bad', name: '', tags: ['fine'] },
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field).toBe('name');
    const lookup = dataOf(await server.request(FlagBySlug, { slug: 'update-bad', environment: 'sandbox' }));
    expect(lookup.featureFlag).toMatchObject({ name: 'Kept', tags: [] });
  });
});

describe('deleteFeatureFlag', () => {
  it('deletes the flag in every environment and records, for each, only that environment’s rule', async () => {
    const flag = await createFlag('to-delete');
    const response = await server.request(
      DeleteFlag,
      { input: { slug: 'to-delete' } },
      { apiKey: server.keys.admin },
    );
    expect(dataOf(response).deleteFeatureFlag).toEqual({ deletedFeatureFlagId: flag.id, slug: 'to-delete' });
    const lookup = await server.request(FlagBySlug, { slug: 'to-delete', environment: 'sandbox' });
    expect(dataOf(lookup).featureFlag).toBeNull();
    const events = dataOf(await server.request(FlagEvents, { flagSlug: 'to-delete' }));
    const deleted = events.events.edges.find((e) => e.node.type === 'flag.deleted')?.node;
    const rules = (deleted?.before as { rules?: { environmentId: string }[] } | undefined)?.rules;
    expect(rules).toHaveLength(1);
    // The slug is free again.
    await createFlag('to-delete');
  });

  it('answers NOT_FOUND for an unknown slug', async () => {
    const response = await server.request(
      DeleteFlag,
      { input: { slug: 'never-existed' } },
      { apiKey: server.keys.admin },
    );
    expect(errorCode(response)).toBe('NOT_FOUND');
  });
});

describe('featureFlags connection', () => {
  beforeAll(async () => {
    await createFlag('list-alpha', { tags: ['listing', 'team-a'], description: 'Searchable Needle here' });
    await createFlag('list-beta', { tags: ['listing'], name: 'Beta NEEDLE' });
    await createFlag('list-gamma', { tags: ['listing', 'team-a'] });
  });

  it('filters by tag', async () => {
    const data = dataOf(await server.request(FlagList, { tag: 'team-a' }));
    expect(data.featureFlags.edges.map((e) => e.node.slug)).toEqual(['list-alpha', 'list-gamma']);
  });

  it('searches slug, name and description, ignoring case', async () => {
    const data = dataOf(await server.request(FlagList, { search: 'needle' }));
    expect(data.featureFlags.edges.map((e) => e.node.slug)).toEqual(['list-alpha', 'list-beta']);
    const bySlug = dataOf(await server.request(FlagList, { search: 'GAMMA' }));
    expect(bySlug.featureFlags.edges.map((e) => e.node.slug)).toEqual(['list-gamma']);
  });

  it('combines tag and search', async () => {
    const data = dataOf(await server.request(FlagList, { tag: 'team-a', search: 'needle' }));
    expect(data.featureFlags.edges.map((e) => e.node.slug)).toEqual(['list-alpha']);
  });

  it('pages oldest first with first/after', async () => {
    const first = dataOf(await server.request(FlagList, { tag: 'listing', first: 2 }));
    expect(first.featureFlags.edges.map((e) => e.node.slug)).toEqual(['list-alpha', 'list-beta']);
    expect(first.featureFlags.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(
      await server.request(FlagList, {
        tag: 'listing',
        first: 2,
        after: first.featureFlags.pageInfo.endCursor,
      }),
    );
    expect(second.featureFlags.edges.map((e) => e.node.slug)).toEqual(['list-gamma']);
    expect(second.featureFlags.pageInfo.hasNextPage).toBe(false);
  });

  it('pages newest first with last/before, and refuses a cursor it never handed out', async () => {
    const last = dataOf(await server.request(FlagListBackwards, { tag: 'listing', last: 2 }));
    expect(last.featureFlags.edges.map((e) => e.node.slug)).toEqual(['list-beta', 'list-gamma']);
    expect(last.featureFlags.pageInfo.hasPreviousPage).toBe(true);
    const earlier = dataOf(
      await server.request(FlagListBackwards, {
        tag: 'listing',
        last: 2,
        before: last.featureFlags.pageInfo.startCursor,
      }),
    );
    expect(earlier.featureFlags.edges.map((e) => e.node.slug)).toEqual(['list-alpha']);
    expect(earlier.featureFlags.pageInfo.hasPreviousPage).toBe(false);
    for (const after of ['not-a-cursor', Buffer.from('flag:nope').toString('base64url')]) {
      const refused = await server.request(FlagList, { first: 2, after });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const tooMany = await server.request(FlagList, { first: 101 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('unexpected errors', () => {
  it('are masked as INTERNAL_SERVER_ERROR without internals, and logged once with the request id', async () => {
    const errorLog = vi.spyOn(logger, 'error');
    // A real fault: a table that the organization list reads disappears under the running server.
    await prisma.$executeRawUnsafe('ALTER TABLE "Organization" RENAME TO "OrganizationAway"');
    try {
      const response = await server.request(
        OrganizationList,
        {},
        { headers: { 'x-request-id': 'fault-trace-1' } },
      );
      expect(response.errors).toEqual([
        {
          message: 'Unexpected error.',
          path: ['organizations'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      expect(response.headers.get('x-request-id')).toBe('fault-trace-1');
      // The operator finds the fault from the id the client saw, in one line.
      expect(errorLog.mock.calls).toEqual([
        [expect.objectContaining({ requestId: 'fault-trace-1', err: expect.any(Error) }), 'unexpected error'],
      ]);
    } finally {
      errorLog.mockRestore();
      await prisma.$executeRawUnsafe('ALTER TABLE "OrganizationAway" RENAME TO "Organization"');
    }
    dataOf(await server.request(OrganizationList, {}));
  });

  it('a slug that cannot exist is simply not found, even with a NUL in it', async () => {
    for (const slug of ['a\u0000b', 'Not A Slug']) {
      const lookup = await server.request(FlagBySlug, { slug, environment: 'sandbox' });
      expect(dataOf(lookup).featureFlag).toBeNull();
      expect(errorCode(await server.request(UpdateFlag, { input: { slug, name: 'x' } }))).toBe('NOT_FOUND');
      expect(
        errorCode(await server.request(DeleteFlag, { input: { slug } }, { apiKey: server.keys.admin })),
      ).toBe('NOT_FOUND');
    }
    await createFlag('nul-environment');
    const environment = await server.request(FlagBySlug, {
      slug: 'nul-environment',
      environment: 'sand\u0000box',
    });
    expect(errorCode(environment)).toBe('NOT_FOUND');
  });

  it('a NUL character in search is bad input, not an internal error', async () => {
    const response = await server.request(FlagList, { search: 'a\u0000b' });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field).toBe('search');
  });
});
