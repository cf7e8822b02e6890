import { prisma } from '../db/index.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { RuleState } from './evaluation.ts';
import { isFlagEnabled, isFlagEnabledForOrganization, ruleStateOf } from './evaluation.ts';
import type { RecordedEvent } from './events.ts';
import { ruleSnapshotSelect, toRuleSnapshot } from './rules.ts';

const maxAnswersPerEnvironment = 100_000;

interface CachedRule {
  flagSlug: string;
  version: number;
  state: RuleState;
}

/**
 * Every rule of every environment, in memory, so "which flags does this organization have" is
 * answered without a database query. Loaded once at start, then kept current by the change
 * feed, which delivers every committed change of every instance in event-log order.
 */
export class FlagStateCache {
  /** environmentId → flagId → rule */
  private readonly environments = new Map<string, Map<string, CachedRule>>();
  /**
   * environmentId → organizationId → its enabled slugs: the answer of every read until a rule of
   * that environment changes, so a read costs a lookup, not a pass over every rule and a sort.
   */
  private readonly answers = new Map<string, Map<string, readonly string[]>>();
  /**
   * environmentId → userId → flagIds of the rules targeting the user: a user's answer is the
   * organization's plus these (when their rule is enabled), so user targets cost a lookup.
   */
  private readonly userTargets = new Map<string, Map<string, Set<string>>>();

  async load(): Promise<void> {
    const rows = await prisma.featureFlagRule.findMany({ select: ruleSnapshotSelect });
    this.environments.clear();
    this.answers.clear();
    this.userTargets.clear();
    for (const rule of rows.map(toRuleSnapshot)) {
      this.setRule(rule.environmentId, rule.flagId, {
        flagSlug: rule.flagSlug,
        version: rule.version,
        state: ruleStateOf(rule),
      });
    }
  }

  follow(feed: ChangeFeed): () => void {
    return feed.onEvent((event) => this.apply(event));
  }

  /**
   * Slugs of the flags enabled for a user of the organization in the environment, sorted: the
   * organization's flags and those targeting the user. Without a user, the organization's own.
   */
  enabledFlagSlugs(environmentId: string, organizationId: string, userId: string | null = null): string[] {
    const ofOrganization = this.organizationFlagSlugs(environmentId, organizationId);
    const targeting = userId === null ? undefined : this.userTargets.get(environmentId)?.get(userId);
    if (!targeting || userId === null) return [...ofOrganization];
    const rules = this.environments.get(environmentId);
    const slugs = new Set(ofOrganization);
    for (const flagId of targeting) {
      const rule = rules?.get(flagId);
      if (rule && isFlagEnabled(rule.state, organizationId, userId)) slugs.add(rule.flagSlug);
    }
    return slugs.size === ofOrganization.length ? [...ofOrganization] : [...slugs].sort();
  }

  /** Slugs of the enabled flags that target the user in the environment (in any organization), sorted. */
  userTargetedFlagSlugs(environmentId: string, userId: string): string[] {
    const rules = this.environments.get(environmentId);
    const slugs: string[] = [];
    for (const flagId of this.userTargets.get(environmentId)?.get(userId) ?? []) {
      const rule = rules?.get(flagId);
      if (rule?.state.enabled) slugs.push(rule.flagSlug);
    }
    return slugs.sort();
  }

  /** The organization's answer, computed once per rule change of the environment. */
  private organizationFlagSlugs(environmentId: string, organizationId: string): readonly string[] {
    let answers = this.answers.get(environmentId);
    const known = answers?.get(organizationId);
    if (known) return known;
    const slugs: string[] = [];
    for (const rule of this.environments.get(environmentId)?.values() ?? []) {
      if (isFlagEnabledForOrganization(rule.state, organizationId)) slugs.push(rule.flagSlug);
    }
    slugs.sort();
    if (!answers) {
      answers = new Map();
      this.answers.set(environmentId, answers);
    }
    // Bounded: ids that were never organizations must not grow it without end.
    if (answers.size >= maxAnswersPerEnvironment) answers.clear();
    answers.set(organizationId, slugs);
    return slugs;
  }

  apply(event: RecordedEvent): void {
    switch (event.type) {
      case 'flag.toggled':
      case 'rule.updated': {
        const { after } = event;
        const rules = this.rulesOf(after.environmentId);
        const cached = rules.get(after.flagId);
        if (cached && cached.version >= after.version) return;
        this.setRule(after.environmentId, after.flagId, {
          flagSlug: after.flagSlug,
          version: after.version,
          state: ruleStateOf(after),
        });
        this.answers.delete(after.environmentId);
        return;
      }
      case 'flag.deleted':
        for (const environmentId of this.environments.keys())
          this.setRule(environmentId, event.flagId ?? '', null);
        this.answers.clear();
        return;
      case 'user.deleted':
        // Its targets went with it (ON DELETE CASCADE), without a rule event.
        for (const [environmentId, rules] of this.environments) {
          for (const flagId of this.userTargets.get(environmentId)?.get(event.userId ?? '') ?? []) {
            const rule = rules.get(flagId);
            if (!rule) continue;
            const userIds = new Set(rule.state.userIds);
            userIds.delete(event.userId ?? '');
            rule.state = { ...rule.state, userIds };
          }
          this.userTargets.get(environmentId)?.delete(event.userId ?? '');
        }
        return;
      case 'organization.deleted':
        this.answers.clear();
        for (const rules of this.environments.values()) {
          for (const rule of rules.values()) {
            if (rule.state.organizationIds.has(event.organizationId ?? '')) {
              const organizationIds = new Set(rule.state.organizationIds);
              organizationIds.delete(event.organizationId ?? '');
              rule.state = { ...rule.state, organizationIds };
            }
          }
        }
        return;
      default:
        // Flag creation, new environments and the rest add only disabled rules or nothing
        // that affects evaluation; the first rule change of a new flag carries its slug.
        return;
    }
  }

  /** Replaces (or with null removes) a rule, keeping the user-target index in step. */
  private setRule(environmentId: string, flagId: string, rule: CachedRule | null): void {
    const rules = this.rulesOf(environmentId);
    const previous = rules.get(flagId);
    let targets = this.userTargets.get(environmentId);
    for (const userId of previous?.state.userIds ?? []) {
      const flagIds = targets?.get(userId);
      flagIds?.delete(flagId);
      if (flagIds?.size === 0) targets?.delete(userId);
    }
    if (!rule) {
      rules.delete(flagId);
      return;
    }
    rules.set(flagId, rule);
    for (const userId of rule.state.userIds) {
      if (!targets) {
        targets = new Map();
        this.userTargets.set(environmentId, targets);
      }
      let flagIds = targets.get(userId);
      if (!flagIds) {
        flagIds = new Set();
        targets.set(userId, flagIds);
      }
      flagIds.add(flagId);
    }
  }

  private rulesOf(environmentId: string): Map<string, CachedRule> {
    let rules = this.environments.get(environmentId);
    if (!rules) {
      rules = new Map();
      this.environments.set(environmentId, rules);
    }
    return rules;
  }
}

export const flagState = new FlagStateCache();
