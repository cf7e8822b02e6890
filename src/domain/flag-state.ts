import { prisma } from '../db/index.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { RuleState } from './evaluation.ts';
import { isFlagEnabledForOrganization, ruleStateOf } from './evaluation.ts';
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

  async load(): Promise<void> {
    const rows = await prisma.featureFlagRule.findMany({ select: ruleSnapshotSelect });
    this.environments.clear();
    this.answers.clear();
    for (const rule of rows.map(toRuleSnapshot)) {
      this.rulesOf(rule.environmentId).set(rule.flagId, {
        flagSlug: rule.flagSlug,
        version: rule.version,
        state: ruleStateOf(rule),
      });
    }
  }

  follow(feed: ChangeFeed): () => void {
    return feed.onEvent((event) => this.apply(event));
  }

  /** Slugs of the flags enabled for the organization in the environment, sorted. */
  enabledFlagSlugs(environmentId: string, organizationId: string): string[] {
    let answers = this.answers.get(environmentId);
    const known = answers?.get(organizationId);
    if (known) return [...known];
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
    return [...slugs];
  }

  apply(event: RecordedEvent): void {
    switch (event.type) {
      case 'flag.toggled':
      case 'rule.updated': {
        const { after } = event;
        const rules = this.rulesOf(after.environmentId);
        const cached = rules.get(after.flagId);
        if (cached && cached.version >= after.version) return;
        rules.set(after.flagId, {
          flagSlug: after.flagSlug,
          version: after.version,
          state: ruleStateOf(after),
        });
        this.answers.delete(after.environmentId);
        return;
      }
      case 'flag.deleted':
        for (const rules of this.environments.values()) rules.delete(event.flagId ?? '');
        this.answers.clear();
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
