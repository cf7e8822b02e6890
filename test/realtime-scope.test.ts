import { describe, expect, it } from 'vitest';
import { isFlagEnabled, isFlagEnabledForOrganization, type RuleState } from '../src/domain/evaluation.ts';
import {
  affects,
  type FlagSetChange,
  inScope,
  scopeOf,
  usersScopeOf,
} from '../src/realtime/flag-set-changes.ts';

const organizations = ['org_a', 'org_b', 'org_c', 'org_d', 'org_e'];
const base = { percentageBasisPoints: 0, rolloutSalt: 'salt', userIds: new Set<string>() };
const rules = ['NONE', 'SOME', 'ALL'] as const;

/** Every rule state over five organizations: enabled × rule × a few chosen sets. */
function allStates(): RuleState[] {
  const sets = [[], ['org_a'], ['org_a', 'org_b'], ['org_b', 'org_c', 'org_d'], organizations];
  return [true, false].flatMap((enabled) =>
    rules.flatMap((organizationRule) =>
      sets.map((ids) => ({ ...base, enabled, organizationRule, organizationIds: new Set(ids) })),
    ),
  );
}

describe('who a rule change concerns, from its before and after states', () => {
  it('covers exactly the organizations whose answer changes, for every pair of states', () => {
    const states = allStates();
    let pairs = 0;
    for (const before of states) {
      for (const after of states) {
        pairs += 1;
        const scope = scopeOf(before, after);
        // An organization outside every list stands for "all the others".
        for (const organizationId of [...organizations, 'org_unlisted']) {
          const changes =
            isFlagEnabledForOrganization(before, organizationId) !==
            isFlagEnabledForOrganization(after, organizationId);
          const label = `${JSON.stringify({ before: { ...before, organizationIds: [...before.organizationIds] }, after: { ...after, organizationIds: [...after.organizationIds] }, organizationId })}`;
          if (scope === null) expect(changes, label).toBe(false);
          else expect(inScope(scope, organizationId), label).toBe(changes);
        }
      }
    }
    expect(pairs).toBe(900);
  });

  it('names the organizations it concerns without looking at any other', () => {
    const off: RuleState = { ...base, enabled: false, organizationRule: 'ALL', organizationIds: new Set() };
    const everyone: RuleState = {
      ...base,
      enabled: true,
      organizationRule: 'ALL',
      organizationIds: new Set(),
    };
    const some: RuleState = {
      ...base,
      enabled: true,
      organizationRule: 'SOME',
      organizationIds: new Set(['org_a']),
    };
    const none: RuleState = {
      ...base,
      enabled: true,
      organizationRule: 'NONE',
      organizationIds: new Set(['org_a']),
    };
    expect(scopeOf(off, everyone)).toEqual({ kind: 'everyone-except', organizationIds: new Set() });
    expect(scopeOf(everyone, some)).toEqual({ kind: 'everyone-except', organizationIds: new Set(['org_a']) });
    expect(scopeOf(none, some)).toEqual({ kind: 'listed', organizationIds: new Set(['org_a']) });
    expect(scopeOf({ ...none, enabled: false }, none), 'toggling a NONE rule').toBeNull();
  });
});

describe('who a change concerns, with user targets and percentage rollouts', () => {
  it('visits every (organization, user) whose answer changes, and affects exactly those, for every pair of states', () => {
    const userSets = [[], ['user_a']];
    const lists = [[], ['org_a', 'org_b']];
    const states: RuleState[] = [];
    for (const enabled of [true, false]) {
      for (const userIds of userSets) {
        for (const organizationIds of lists) {
          for (const organizationRule of ['NONE', 'SOME', 'ALL'] as const) {
            states.push({
              ...base,
              enabled,
              organizationRule,
              organizationIds: new Set(organizationIds),
              userIds: new Set(userIds),
            });
          }
          for (const percentageBasisPoints of [0, 3000, 10_000]) {
            for (const rolloutSalt of ['salt-1', 'salt-2']) {
              states.push({
                enabled,
                organizationRule: 'PERCENTAGE',
                organizationIds: new Set(organizationIds),
                percentageBasisPoints,
                rolloutSalt,
                userIds: new Set(userIds),
              });
            }
          }
        }
      }
    }
    // Enough organizations that a 30 % rollout includes some and leaves out others under each salt.
    const probes = [...organizations, ...Array.from({ length: 12 }, (_, i) => `org_probe_${i}`)];
    const users = [null, 'user_a', 'user_b'];
    // Collected, then asserted once: an expect per case would take most of the time.
    const wrong: unknown[] = [];
    let pairs = 0;
    let changed = 0;
    for (const before of states) {
      for (const after of states) {
        pairs += 1;
        const scope = scopeOf(before, after);
        const usersInScope = usersScopeOf(before, after);
        const change: FlagSetChange = {
          cursor: 1n,
          environmentId: 'env',
          flagSlug: 'flag',
          reason: 'rule.updated',
          occurredAt: new Date(0),
          before,
          after,
          scope,
          users: usersInScope,
        };
        for (const organizationId of probes) {
          for (const userId of users) {
            const differs =
              isFlagEnabled(before, organizationId, userId) !== isFlagEnabled(after, organizationId, userId);
            if (differs) changed += 1;
            const visited = inScope(scope, organizationId) || (userId !== null && usersInScope.has(userId));
            if ((differs && !visited) || affects(change, organizationId, userId) !== differs) {
              wrong.push({ before, after, organizationId, userId, differs, visited });
            }
          }
        }
      }
    }
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(pairs).toBe(states.length ** 2);
    expect(changed).toBeGreaterThan(0);
  });
});
