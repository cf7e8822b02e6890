import { describe, expect, it } from 'vitest';
import { isFlagEnabledForOrganization, type RuleState } from '../src/domain/evaluation.ts';
import { inScope, scopeOf } from '../src/realtime/flag-set-changes.ts';

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
