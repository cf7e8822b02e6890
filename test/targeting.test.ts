import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/index.ts';
import { isFlagEnabled, type RuleState, rolloutBucket, rolloutBuckets } from '../src/domain/evaluation.ts';
import { graphql } from './gql/index.ts';
import { realtimeFixtures } from './helpers/realtime.ts';
import { dataOf, errorCode, startTestServer, type TestServer } from './helpers/server.ts';

const SetPercentage = graphql(`
  mutation TargetingSetPercentage($input: SetOrganizationRuleInput!) {
    setOrganizationRule(input: $input) { rule { version organizationRule percentage organizationIds } }
  }
`);
const AddUser = graphql(`
  mutation TargetingAddUser($input: AddFeatureFlagUserInput!) {
    addFeatureFlagUser(input: $input) { rule { version userIds users { id email } } }
  }
`);
const RemoveUser = graphql(`
  mutation TargetingRemoveUser($input: RemoveFeatureFlagUserInput!) {
    removeFeatureFlagUser(input: $input) { rule { version userIds } }
  }
`);
const Reroll = graphql(`
  mutation TargetingReroll($input: RerollFeatureFlagRolloutInput!) {
    rerollFeatureFlagRollout(input: $input) { rule { version percentage } }
  }
`);
const Rule = graphql(`
  query TargetingRule($slug: String!, $environment: String!) {
    featureFlag(slug: $slug) {
      rule(environment: $environment) { version enabled organizationRule organizationIds percentage userIds }
    }
  }
`);
const OrganizationFlags = graphql(`
  query TargetingOrganizationFlags($id: ID!, $environment: String!) {
    organization(id: $id) { featureFlags(environment: $environment) }
  }
`);
const RuleEvents = graphql(`
  query TargetingRuleEvents($flagSlug: String!) {
    events(flagSlug: $flagSlug, environment: "sandbox", first: 50) { edges { node { type before after } } }
  }
`);
const Refresh = graphql(`
  mutation TargetingRefresh($input: RefreshSessionInput!) {
    refreshSession(input: $input) { sealedSession session { accessToken featureFlags } }
  }
`);

const rules = ['NONE', 'SOME', 'ALL', 'PERCENTAGE'] as const;

function state(partial: Partial<RuleState>): RuleState {
  return {
    enabled: true,
    organizationRule: 'NONE',
    organizationIds: new Set(),
    percentageBasisPoints: 0,
    rolloutSalt: 'salt',
    userIds: new Set(),
    ...partial,
  };
}

/** An organization id whose bucket under `salt` is (or is not) below `basisPoints`. */
function organizationWithBucket(salt: string, basisPoints: number, below: boolean): string {
  for (let i = 0; ; i++) {
    const id = `org_probe${i}`;
    if (rolloutBucket(salt, id) < basisPoints === below) return id;
  }
}

describe('the evaluation table: every rule × user targeted or not × enabled or not', () => {
  const salt = 'table-salt';
  const inRollout = organizationWithBucket(salt, 3000, true);
  const outOfRollout = organizationWithBucket(salt, 3000, false);
  const chosen = organizationWithBucket(salt, 3000, false).replace('probe', 'chosen');
  // What the organization rule alone gives each kind of organization.
  const organizationRule: Record<(typeof rules)[number], Record<string, boolean>> = {
    NONE: { chosen: false, inRollout: false, outOfRollout: false },
    SOME: { chosen: true, inRollout: false, outOfRollout: false },
    ALL: { chosen: true, inRollout: true, outOfRollout: true },
    PERCENTAGE: { chosen: true, inRollout: true, outOfRollout: false },
  };
  const cases = rules.flatMap((rule) =>
    [true, false].flatMap((enabled) =>
      [true, false].flatMap((userTargeted) =>
        (['chosen', 'inRollout', 'outOfRollout'] as const).map((organization) => ({
          rule,
          enabled,
          userTargeted,
          organization,
          expected: enabled && (userTargeted || (organizationRule[rule][organization] ?? false)),
        })),
      ),
    ),
  );

  it.each(cases)(
    '$rule, enabled $enabled, user targeted $userTargeted, organization $organization → $expected',
    (row) => {
      const rule = state({
        enabled: row.enabled,
        organizationRule: row.rule,
        organizationIds: new Set([chosen]),
        percentageBasisPoints: 3000,
        rolloutSalt: salt,
        userIds: new Set(['user_targeted']),
      });
      const organizationId = { chosen, inRollout, outOfRollout }[row.organization];
      const userId = row.userTargeted ? 'user_targeted' : 'user_other';
      expect(isFlagEnabled(rule, organizationId, userId)).toBe(row.expected);
      // Without a user (the organization's own answer) only the organization rule counts.
      expect(isFlagEnabled(rule, organizationId, null)).toBe(
        row.enabled && (organizationRule[row.rule][row.organization] ?? false),
      );
    },
  );

  it('covers 48 combinations', () => {
    expect(cases).toHaveLength(48);
  });
});

describe('percentage rollouts over 10,000 organizations', () => {
  const organizations = Array.from({ length: 10_000 }, (_, i) => `org_${String(i).padStart(26, '0')}`);
  const chosenBy = (salt: string, basisPoints: number) =>
    new Set(
      organizations.filter((id) =>
        isFlagEnabled(
          state({ organizationRule: 'PERCENTAGE', percentageBasisPoints: basisPoints, rolloutSalt: salt }),
          id,
          null,
        ),
      ),
    );

  it('chooses the share it is given, within ±1.5 points, at every step', () => {
    for (const percentage of [1, 10, 12.34, 20, 50, 75.5, 99]) {
      const share = (chosenBy('share-salt', Math.round(percentage * 100)).size / organizations.length) * 100;
      expect(Math.abs(share - percentage), `${percentage} % chose ${share} %`).toBeLessThanOrEqual(1.5);
    }
    expect(chosenBy('share-salt', 0).size).toBe(0);
    expect(chosenBy('share-salt', rolloutBuckets).size).toBe(organizations.length);
  });

  it('is sticky: the same percentage and salt always choose the same organizations', () => {
    const first = chosenBy('sticky-salt', 2000);
    const again = chosenBy('sticky-salt', 2000);
    expect([...again]).toEqual([...first]);
  });

  it('is monotonic: raising only adds organizations, lowering only removes them', () => {
    const steps = [0, 500, 1000, 1234, 2000, 5000, 9999, 10_000];
    let previous = new Set<string>();
    for (const basisPoints of steps) {
      const current = chosenBy('monotonic-salt', basisPoints);
      for (const id of previous) expect(current.has(id), `${id} left at ${basisPoints}`).toBe(true);
      previous = current;
    }
  });

  it('a new salt chooses a different set at the same percentage', () => {
    const before = chosenBy('salt-one', 2000);
    const after = chosenBy('salt-two', 2000);
    const kept = [...before].filter((id) => after.has(id)).length;
    // Independent draws keep about 20 % of the 20 %; the same salt would keep all of them.
    expect(kept / before.size).toBeLessThan(0.35);
  });
});

describe('targeting through the API', () => {
  let server: TestServer;
  let fixtures: ReturnType<typeof realtimeFixtures>;

  beforeAll(async () => {
    server = await startTestServer({ env: { PENNANT_RATE_LIMIT_CREATE_SESSION: '100000' } });
    fixtures = realtimeFixtures(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function ruleOf(slug: string, environment: 'sandbox' | 'production' = 'sandbox') {
    const result = await server.request(Rule, { slug, environment }, { apiKey: server.keys[environment] });
    return dataOf(result).featureFlag?.rule;
  }

  it('a user target turns the flag on for that user only, in tokens and on refresh; removing it turns it off', async () => {
    const acme = await fixtures.organization('Targeted Acme');
    await fixtures.flag('user-beta');
    await fixtures.setEnabled('user-beta', true);
    const targeted = await fixtures.session(acme);
    const colleague = await fixtures.session(acme);

    const added = dataOf(
      await server.request(AddUser, {
        input: { slug: 'user-beta', environment: 'sandbox', userId: targeted.userId },
      }),
    ).addFeatureFlagUser.rule;
    expect(added.userIds).toEqual([targeted.userId]);
    expect(added.users.map((u) => u.id)).toEqual([targeted.userId]);
    // The user's organization does not have it; the user does.
    expect(
      dataOf(await server.request(OrganizationFlags, { id: acme, environment: 'sandbox' })).organization
        ?.featureFlags,
    ).toEqual([]);
    const refreshed = dataOf(
      await server.request(Refresh, { input: { sealedSession: targeted.sealedSession } }),
    ).refreshSession;
    expect(refreshed.session.featureFlags).toEqual(['user-beta']);
    expect(decodeJwt(refreshed.session.accessToken).feature_flags).toEqual(['user-beta']);
    const newSession = await fixtures.sessionFor(targeted.userId, acme, 'sandbox');
    expect(decodeJwt(newSession.accessToken).feature_flags).toEqual(['user-beta']);
    const colleagueRefreshed = dataOf(
      await server.request(Refresh, { input: { sealedSession: colleague.sealedSession } }),
    ).refreshSession;
    expect(colleagueRefreshed.session.featureFlags).toEqual([]);
    // Only in the environment where the target was set: production's users are its own.
    const productionAcme = await fixtures.organization('Acme in production', 'production');
    const production = await fixtures.session(productionAcme, 'production');
    expect(decodeJwt(production.accessToken).feature_flags).toEqual([]);

    // Switched off, the rule turns it off for the targeted user too.
    await fixtures.setEnabled('user-beta', false);
    const off = await fixtures.sessionFor(targeted.userId, acme, 'sandbox');
    expect(decodeJwt(off.accessToken).feature_flags).toEqual([]);
    await fixtures.setEnabled('user-beta', true);

    const removed = dataOf(
      await server.request(RemoveUser, {
        input: { slug: 'user-beta', environment: 'sandbox', userId: targeted.userId },
      }),
    ).removeFeatureFlagUser.rule;
    expect(removed.userIds).toEqual([]);
    const afterRemoval = dataOf(
      await server.request(Refresh, { input: { sealedSession: refreshed.sealedSession } }),
    ).refreshSession;
    expect(afterRemoval.session.featureFlags).toEqual([]);
  });

  it('a percentage rollout chooses organizations by their bucket, plus the chosen ones; the answer matches the evaluation function', async () => {
    await fixtures.flag('rollout');
    await fixtures.setEnabled('rollout', true);
    const organizations: string[] = [];
    for (let i = 0; i < 30; i++) organizations.push(await fixtures.organization(`Rollout ${i}`));
    const chosen = organizations[0] as string;
    const set = dataOf(
      await server.request(SetPercentage, {
        input: {
          slug: 'rollout',
          environment: 'sandbox',
          rule: 'PERCENTAGE',
          percentage: 33.33,
          organizationIds: [chosen],
        },
      }),
    ).setOrganizationRule.rule;
    expect(set).toMatchObject({
      organizationRule: 'PERCENTAGE',
      percentage: 33.33,
      organizationIds: [chosen],
    });
    const row = await prisma.featureFlagRule.findFirstOrThrow({
      where: { flag: { slug: 'rollout' }, environment: { slug: 'sandbox' } },
      select: { rolloutSalt: true, percentageBasisPoints: true },
    });
    expect(row.percentageBasisPoints).toBe(3333);
    const rule = state({
      organizationRule: 'PERCENTAGE',
      organizationIds: new Set([chosen]),
      percentageBasisPoints: 3333,
      rolloutSalt: row.rolloutSalt,
    });
    let included = 0;
    for (const organizationId of organizations) {
      const flags = dataOf(
        await server.request(OrganizationFlags, { id: organizationId, environment: 'sandbox' }),
      ).organization?.featureFlags;
      const expected = isFlagEnabled(rule, organizationId, null);
      if (expected) included += 1;
      expect(flags, organizationId).toEqual(expected ? ['rollout'] : []);
    }
    expect(isFlagEnabled(rule, chosen, null)).toBe(true);
    // Some in, some out: the rollout is neither nobody nor everybody.
    expect(included).toBeGreaterThan(1);
    expect(included).toBeLessThan(organizations.length);

    // A re-roll draws a new salt: a new version, and the answer follows the new salt.
    const rerolled = dataOf(
      await server.request(Reroll, { input: { slug: 'rollout', environment: 'sandbox' } }),
    ).rerollFeatureFlagRollout.rule;
    expect(rerolled.version).toBe((set.version as number) + 1);
    const newSalt = (
      await prisma.featureFlagRule.findFirstOrThrow({
        where: { flag: { slug: 'rollout' }, environment: { slug: 'sandbox' } },
        select: { rolloutSalt: true },
      })
    ).rolloutSalt;
    expect(newSalt).not.toBe(row.rolloutSalt);
    for (const organizationId of organizations) {
      const flags = dataOf(
        await server.request(OrganizationFlags, { id: organizationId, environment: 'sandbox' }),
      ).organization?.featureFlags;
      const expected = isFlagEnabled({ ...rule, rolloutSalt: newSalt }, organizationId, null);
      expect(flags, organizationId).toEqual(expected ? ['rollout'] : []);
    }
    // Other rule changes keep the salt: switching to ALL and back to the same percentage.
    await fixtures.setRule('rollout', 'ALL');
    dataOf(
      await server.request(SetPercentage, {
        input: { slug: 'rollout', environment: 'sandbox', rule: 'PERCENTAGE', percentage: 33.33 },
      }),
    );
    const kept = await prisma.featureFlagRule.findFirstOrThrow({
      where: { flag: { slug: 'rollout' }, environment: { slug: 'sandbox' } },
      select: { rolloutSalt: true },
    });
    expect(kept.rolloutSalt).toBe(newSalt);
  });

  it('records every targeting change as an event with before and after', async () => {
    await fixtures.flag('audited');
    const organization = await fixtures.organization('Audited');
    const { userId } = await fixtures.session(organization);
    dataOf(await server.request(AddUser, { input: { slug: 'audited', environment: 'sandbox', userId } }));
    dataOf(
      await server.request(SetPercentage, {
        input: { slug: 'audited', environment: 'sandbox', rule: 'PERCENTAGE', percentage: 5 },
      }),
    );
    dataOf(await server.request(Reroll, { input: { slug: 'audited', environment: 'sandbox' } }));
    dataOf(await server.request(RemoveUser, { input: { slug: 'audited', environment: 'sandbox', userId } }));
    const events = dataOf(await server.request(RuleEvents, { flagSlug: 'audited' }))
      .events.edges.map(
        ({ node }) =>
          node as { type: string; before: Record<string, unknown>; after: Record<string, unknown> },
      )
      .filter((event) => event.type === 'rule.updated')
      .sort((a, b) => (a.after.version as number) - (b.after.version as number));
    expect(events).toHaveLength(4);
    const [addUser, percentage, reroll, removeUser] = events;
    expect(addUser?.before).toMatchObject({ userIds: [] });
    expect(addUser?.after).toMatchObject({ userIds: [userId] });
    expect(percentage?.before).toMatchObject({ organizationRule: 'NONE', percentageBasisPoints: 0 });
    expect(percentage?.after).toMatchObject({ organizationRule: 'PERCENTAGE', percentageBasisPoints: 500 });
    expect(reroll?.after.rolloutSalt).not.toBe(reroll?.before.rolloutSalt);
    expect(removeUser?.before).toMatchObject({ userIds: [userId] });
    expect(removeUser?.after).toMatchObject({ userIds: [] });
  });

  describe('bad input changes nothing', () => {
    let organization: string;
    let userId: string;
    beforeAll(async () => {
      await fixtures.flag('guarded');
      organization = await fixtures.organization('Guarded');
      userId = (await fixtures.session(organization)).userId;
    });

    async function expectUnchanged(action: () => Promise<unknown>) {
      const before = await ruleOf('guarded');
      await action();
      expect(await ruleOf('guarded')).toEqual(before);
    }

    it.each([
      [-0.01, 'below 0'],
      [100.01, 'above 100'],
      [12.345, 'three decimals'],
      [Number.NaN, 'not a number'],
    ])('percentage %s (%s) is BAD_USER_INPUT naming percentage', async (percentage) => {
      await expectUnchanged(async () => {
        const result = await server.request(SetPercentage, {
          input: { slug: 'guarded', environment: 'sandbox', rule: 'PERCENTAGE', percentage },
        });
        // NaN does not survive JSON: it arrives as null, a PERCENTAGE rule without a percentage.
        expect(errorCode(result)).toBe('BAD_USER_INPUT');
        expect(result.errors?.[0]?.extensions?.field).toBe('percentage');
      });
    });

    it('PERCENTAGE without a percentage is BAD_USER_INPUT naming percentage', async () => {
      await expectUnchanged(async () => {
        const result = await server.request(SetPercentage, {
          input: { slug: 'guarded', environment: 'sandbox', rule: 'PERCENTAGE' },
        });
        expect(errorCode(result)).toBe('BAD_USER_INPUT');
        expect(result.errors?.[0]?.extensions?.field).toBe('percentage');
      });
    });

    it('accepts the edges: 0, 100 and two decimals', async () => {
      for (const percentage of [0, 100, 0.01, 99.99]) {
        const result = await server.request(SetPercentage, {
          input: { slug: 'guarded', environment: 'sandbox', rule: 'PERCENTAGE', percentage },
        });
        expect(dataOf(result).setOrganizationRule.rule.percentage).toBe(percentage);
      }
      await fixtures.setRule('guarded', 'NONE');
    });

    it('a user id that does not exist, or is not a user id, is BAD_USER_INPUT naming userId', async () => {
      for (const badUser of ['user_01HZZZZZZZZZZZZZZZZZZZZZZZ', 'org_01HZZZZZZZZZZZZZZZZZZZZZZZ', 'nobody']) {
        await expectUnchanged(async () => {
          const result = await server.request(AddUser, {
            input: { slug: 'guarded', environment: 'sandbox', userId: badUser },
          });
          expect(errorCode(result), badUser).toBe('BAD_USER_INPUT');
          expect(result.errors?.[0]?.extensions?.field).toBe('userId');
        });
      }
    });

    it('targets on a deleted (or unknown) flag are NOT_FOUND', async () => {
      await fixtures.flag('short-lived');
      dataOf(
        await server.request(
          DeleteFlagDocument,
          { input: { slug: 'short-lived' } },
          { apiKey: server.keys.admin },
        ),
      );
      for (const result of [
        await server.request(AddUser, { input: { slug: 'short-lived', environment: 'sandbox', userId } }),
        await server.request(RemoveUser, { input: { slug: 'short-lived', environment: 'sandbox', userId } }),
        await server.request(Reroll, { input: { slug: 'short-lived', environment: 'sandbox' } }),
        await server.request(SetPercentage, {
          input: { slug: 'short-lived', environment: 'sandbox', rule: 'PERCENTAGE', percentage: 10 },
        }),
      ]) {
        expect(errorCode(result)).toBe('NOT_FOUND');
      }
      expect(await prisma.featureFlagRuleUser.count({ where: { userId } })).toBe(0);
    });
  });
});

const DeleteFlagDocument = graphql(`
  mutation TargetingDeleteFlag($input: DeleteFeatureFlagInput!) {
    deleteFeatureFlag(input: $input) { slug }
  }
`);
