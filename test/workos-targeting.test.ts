import type { WorkOS } from '@workos-inc/node';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/index.ts';
import { recordedEvent } from '../src/domain/event-catalogue.ts';
import { webhookPayload } from '../src/webhooks/payload.ts';
import { graphql } from './gql/index.ts';
import { realtimeFixtures } from './helpers/realtime.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';
import { workosFor } from './helpers/workos.ts';

const SetPercentage = graphql(`
  mutation WorkosTargetingSetPercentage($input: SetOrganizationRuleInput!) {
    setOrganizationRule(input: $input) { rule { version } }
  }
`);
const Rule = graphql(`
  query WorkosTargetingRule($slug: String!) {
    featureFlag(slug: $slug) { rule(environment: "sandbox") { userIds organizationRule percentage } }
  }
`);
const OrganizationFlags = graphql(`
  query WorkosTargetingOrganizationFlags($id: ID!) {
    organization(id: $id) { featureFlags(environment: "sandbox") }
  }
`);

let server: TestServer;
let workos: WorkOS;
let fixtures: ReturnType<typeof realtimeFixtures>;

beforeAll(async () => {
  server = await startTestServer({ env: { PENNANT_RATE_LIMIT_CREATE_SESSION: '100000' } });
  workos = workosFor(server);
  fixtures = realtimeFixtures(server);
});
afterAll(async () => {
  await server?.close();
});

describe('user targets through the WorkOS SDK', () => {
  it('addFlagTarget and removeFlagTarget take a user id; listUserFeatureFlags and tokens follow', async () => {
    const organization = await fixtures.organization('SDK Users');
    await fixtures.flag('sdk-user-flag');
    await workos.featureFlags.enableFeatureFlag('sdk-user-flag');
    const targeted = await fixtures.session(organization);
    const other = await fixtures.session(organization);

    await workos.featureFlags.addFlagTarget({ slug: 'sdk-user-flag', targetId: targeted.userId });
    expect(dataOf(await server.request(Rule, { slug: 'sdk-user-flag' })).featureFlag?.rule.userIds).toEqual([
      targeted.userId,
    ]);
    const listed = await workos.featureFlags.listUserFeatureFlags({ userId: targeted.userId });
    expect(listed.data.map((flag) => flag.slug)).toEqual(['sdk-user-flag']);
    const notListed = await workos.featureFlags.listUserFeatureFlags({ userId: other.userId });
    expect(notListed.data.map((flag) => flag.slug)).toEqual([]);
    // The organization itself does not have it.
    const organizationFlags = await workos.featureFlags.listOrganizationFeatureFlags({
      organizationId: organization,
    });
    expect(organizationFlags.data.map((flag) => flag.slug)).toEqual([]);
    const session = await fixtures.sessionFor(targeted.userId, organization, 'sandbox');
    expect(decodeJwt(session.accessToken).feature_flags).toEqual(['sdk-user-flag']);

    // Adding twice is harmless; removing takes it away.
    await workos.featureFlags.addFlagTarget({ slug: 'sdk-user-flag', targetId: targeted.userId });
    await workos.featureFlags.removeFlagTarget({ slug: 'sdk-user-flag', targetId: targeted.userId });
    expect(
      (await workos.featureFlags.listUserFeatureFlags({ userId: targeted.userId })).data.map((f) => f.slug),
    ).toEqual([]);
  });

  it('the runtime client’s local evaluation agrees with the server for user targets and a percentage rollout', async () => {
    const organizations: string[] = [];
    for (let i = 0; i < 20; i++) organizations.push(await fixtures.organization(`SDK Rollout ${i}`));
    const [first, second] = organizations as [string, string];
    const targeted = await fixtures.session(first);
    const colleague = await fixtures.session(first);
    const elsewhere = await fixtures.session(second);
    await fixtures.flag('sdk-rollout');
    await workos.featureFlags.enableFeatureFlag('sdk-rollout');
    dataOf(
      await server.request(SetPercentage, {
        input: { slug: 'sdk-rollout', environment: 'sandbox', rule: 'PERCENTAGE', percentage: 40 },
      }),
    );
    await fixtures.flag('sdk-users-only');
    await workos.featureFlags.enableFeatureFlag('sdk-users-only');
    await workos.featureFlags.addFlagTarget({ slug: 'sdk-users-only', targetId: targeted.userId });

    const client = workos.featureFlags.createRuntimeClient({ pollingIntervalMs: 5000 });
    try {
      await client.waitUntilReady({ timeoutMs: 5000 });
      let included = 0;
      for (const organizationId of organizations) {
        const server_ = dataOf(await server.request(OrganizationFlags, { id: organizationId })).organization
          ?.featureFlags;
        const local = client.isEnabled('sdk-rollout', { organizationId });
        expect(local, organizationId).toBe(server_?.includes('sdk-rollout'));
        if (local) included += 1;
      }
      expect(included).toBeGreaterThan(0);
      expect(included).toBeLessThan(organizations.length);
      // An organization the server has never seen is not in the rollout locally (the server
      // decides it only once it exists, and the next poll carries it).
      expect(client.isEnabled('sdk-rollout', { organizationId: 'org_01HZZZZZZZZZZZZZZZZZZZZZZZ' })).toBe(
        false,
      );

      // Every signed-in user: the SDK with (user, organization) says what their token says.
      for (const session of [targeted, colleague, elsewhere]) {
        const membershipOrganization = session === elsewhere ? second : first;
        const token = await fixtures.sessionFor(session.userId, membershipOrganization, 'sandbox');
        const claims = decodeJwt(token.accessToken).feature_flags as string[];
        for (const slug of ['sdk-rollout', 'sdk-users-only']) {
          expect(
            client.isEnabled(slug, { userId: session.userId, organizationId: membershipOrganization }),
            `${slug} for ${session.userId}`,
          ).toBe(claims.includes(slug));
        }
      }
      expect(client.isEnabled('sdk-users-only', { userId: targeted.userId })).toBe(true);
      expect(client.isEnabled('sdk-users-only', { userId: colleague.userId, organizationId: first })).toBe(
        false,
      );
      expect(client.getFlag('sdk-users-only')).toMatchObject({
        enabled: true,
        default_value: false,
        targets: { users: [{ id: targeted.userId, enabled: true }], organizations: [] },
      });

      // At 100 % the rollout is everyone's default, including organizations created later.
      const changed = new Promise<unknown>((resolve) => client.on('change', resolve));
      dataOf(
        await server.request(SetPercentage, {
          input: { slug: 'sdk-rollout', environment: 'sandbox', rule: 'PERCENTAGE', percentage: 100 },
        }),
      );
      await changed;
      expect(client.getFlag('sdk-rollout')).toMatchObject({
        default_value: true,
        targets: { organizations: [] },
      });
      expect(client.isEnabled('sdk-rollout', { organizationId: 'org_01HZZZZZZZZZZZZZZZZZZZZZZZ' })).toBe(
        true,
      );
    } finally {
      client.close();
    }
  }, 30_000);

  it('webhook payloads describe the new rule: targeted users and the percentage', async () => {
    await fixtures.flag('sdk-webhook-rule');
    const organization = await fixtures.organization('Webhook Rule');
    const { userId } = await fixtures.session(organization);
    await workos.featureFlags.addFlagTarget({ slug: 'sdk-webhook-rule', targetId: userId });
    dataOf(
      await server.request(SetPercentage, {
        input: { slug: 'sdk-webhook-rule', environment: 'sandbox', rule: 'PERCENTAGE', percentage: 12.5 },
      }),
    );
    const events = await prisma.event.findMany({
      where: { flagSlug: 'sdk-webhook-rule', type: 'rule.updated' },
      orderBy: { id: 'asc' },
    });
    expect(events).toHaveLength(2);
    const [targetEvent, percentageEvent] = events;
    const environmentId = targetEvent?.environmentId as string;
    const targetPayload = await webhookPayload(recordedEvent(targetEvent!), environmentId);
    expect(targetPayload).toMatchObject({
      event: 'flag.rule_updated',
      data: { slug: 'sdk-webhook-rule', default_value: false },
      rule: { organization_rule: 'NONE', user_ids: [userId], percentage: 0 },
    });
    const percentagePayload = await webhookPayload(recordedEvent(percentageEvent!), environmentId);
    expect(percentagePayload?.rule).toMatchObject({
      organization_rule: 'PERCENTAGE',
      percentage: 12.5,
      user_ids: [userId],
    });
    // The salt is internal and stays out of payloads.
    const { rolloutSalt } = await prisma.featureFlagRule.findFirstOrThrow({
      where: { flag: { slug: 'sdk-webhook-rule' }, environmentId },
      select: { rolloutSalt: true },
    });
    expect(JSON.stringify(percentagePayload)).not.toContain(rolloutSalt);
  });
});
