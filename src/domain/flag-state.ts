import { prisma } from '../db/index.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { RuleState } from './evaluation.ts';
import { isFlagEnabled, isFlagEnabledForOrganization, ruleStateOf } from './evaluation.ts';
import type { RecordedEvent } from './events.ts';
import { type RuleView, ruleViewSelect, toRuleView } from './rules.ts';

const maxAnswersPerEnvironment = 100_000;

interface CachedRule {
  flagSlug: string;
  version: number;
  state: RuleState;
  /** The rule as the API shows it (GraphQL `rule`, the REST flag objects, the runtime poll). */
  view: RuleView;
}

function cachedRule(view: RuleView): CachedRule {
  return { flagSlug: view.flagSlug, version: view.version, state: ruleStateOf(view), view };
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
  /** environmentId → a number that changes with every change to its rules (see `revision`). */
  private readonly revisions = new Map<string, number>();
  /** Rules of new flags and new environments, read for the stretch of events being prepared. */
  private readonly readRules = new Map<string, RuleView[]>();

  async load(): Promise<void> {
    const rows = await prisma.featureFlagRule.findMany({ select: ruleViewSelect });
    this.environments.clear();
    this.answers.clear();
    this.userTargets.clear();
    for (const view of rows.map(toRuleView)) this.setRule(view.environmentId, view.flagId, cachedRule(view));
  }

  follow(feed: ChangeFeed): () => void {
    const stopPreparing = feed.beforeEvents((events) => this.prepare(events));
    const stopFollowing = feed.onEvent((event) => this.apply(event));
    return () => {
      stopPreparing();
      stopFollowing();
    };
  }

  /** The flag's rule in the environment, as the API shows it. */
  rule(environmentId: string, flagId: string): RuleView | undefined {
    return this.environments.get(environmentId)?.get(flagId)?.view;
  }

  /** What decides the flag in the environment (the one evaluation function's input). */
  ruleState(environmentId: string, flagId: string): RuleState | undefined {
    return this.environments.get(environmentId)?.get(flagId)?.state;
  }

  /** Every rule of the environment (in no particular order). */
  rules(environmentId: string): RuleView[] {
    return [...(this.environments.get(environmentId)?.values() ?? [])].map((rule) => rule.view);
  }

  /**
   * Changes whenever a rule of the environment changes (or a flag comes or goes): what answers
   * derived from the rules are kept under. Not comparable across instances or restarts.
   */
  revision(environmentId: string): number {
    return this.revisions.get(environmentId) ?? 0;
  }

  /**
   * A new flag has a rule in every environment, and a new environment one for every flag, which
   * their events do not carry: read them (one query for the stretch), before it is handed on.
   */
  private prepare(events: readonly RecordedEvent[]): Promise<void> | undefined {
    const flagIds: string[] = [];
    const environmentIds: string[] = [];
    for (const event of events) {
      if (event.type === 'flag.created' && event.flagId) flagIds.push(event.flagId);
      if (event.type === 'environment.created' && event.environmentId)
        environmentIds.push(event.environmentId);
    }
    if (flagIds.length === 0 && environmentIds.length === 0) return undefined;
    return (async () => {
      const rows = await prisma.featureFlagRule.findMany({
        where: { OR: [{ flagId: { in: flagIds } }, { environmentId: { in: environmentIds } }] },
        select: ruleViewSelect,
      });
      for (const view of rows.map(toRuleView)) {
        for (const key of [`flag:${view.flagId}`, `environment:${view.environmentId}`]) {
          const list = this.readRules.get(key) ?? [];
          list.push(view);
          this.readRules.set(key, list);
        }
      }
    })();
  }

  /**
   * A rule made with its flag or environment: as it was made (disabled, for no one, version 1).
   * The row read may be newer; the changes since are events after this one, applied in turn.
   */
  private addCreatedRules(key: string, event: RecordedEvent): void {
    for (const view of this.readRules.get(key) ?? []) {
      if (this.environments.get(view.environmentId)?.has(view.flagId)) continue;
      const created: RuleView =
        view.version === 1
          ? view
          : {
              ...view,
              enabled: false,
              organizationRule: 'NONE',
              organizationIds: [],
              userIds: [],
              percentageBasisPoints: 0,
              version: 1,
              updatedAt: event.createdAt,
              updatedById: event.actorId,
            };
      this.setRule(view.environmentId, view.flagId, cachedRule(created));
    }
    this.readRules.delete(key);
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
        // The writer stamps the row and its event with the same time (`at`).
        this.setRule(
          after.environmentId,
          after.flagId,
          cachedRule({ ...after, updatedAt: event.createdAt, updatedById: event.actorId }),
        );
        this.answers.delete(after.environmentId);
        return;
      }
      case 'flag.created':
        this.addCreatedRules(`flag:${event.flagId ?? ''}`, event);
        return;
      case 'environment.created':
        this.addCreatedRules(`environment:${event.environmentId ?? ''}`, event);
        return;
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
            rule.view = { ...rule.view, userIds: rule.view.userIds.filter((id) => id !== event.userId) };
          }
          this.userTargets.get(environmentId)?.delete(event.userId ?? '');
          this.bump(environmentId);
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
              rule.view = {
                ...rule.view,
                organizationIds: rule.view.organizationIds.filter((id) => id !== event.organizationId),
              };
            }
          }
        }
        for (const environmentId of this.environments.keys()) this.bump(environmentId);
        return;
      default:
        // Flag creation, new environments and the rest add only disabled rules or nothing
        // that affects evaluation; the first rule change of a new flag carries its slug.
        return;
    }
  }

  /** Replaces (or with null removes) a rule, keeping the user-target index in step. */
  private setRule(environmentId: string, flagId: string, rule: CachedRule | null): void {
    this.bump(environmentId);
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

  private bump(environmentId: string): void {
    this.revisions.set(environmentId, this.revision(environmentId) + 1);
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
