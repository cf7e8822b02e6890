import { type RuleSnapshot, type RuleState, ruleStateOf } from '../domain/evaluation.ts';

/** A flag of the environment with its rule there, as the provider keeps it. */
export interface KnownFlag {
  flagId: string;
  slug: string;
  /** The rule's version; events with a version not above it are already applied. */
  version: number;
  rule: RuleState;
}

/** An event of the `events` subscription, as the provider selects it. */
export interface EnvironmentEvent {
  cursor: string;
  type: string;
  flagId: string | null;
  flagSlug: string | null;
  organizationId: string | null;
  before: unknown;
  after: unknown;
}

/** A rule as the `featureFlags` query returns it. */
export interface LoadedFlag {
  id: string;
  slug: string;
  rule: {
    enabled: boolean;
    organizationRule: RuleState['organizationRule'];
    organizationIds: string[];
    /** 0–100, at most two decimals. */
    percentage: number;
    rolloutSalt: string;
    userIds: string[];
    version: number;
  };
}

const newFlagRule: RuleState = {
  enabled: false,
  organizationRule: 'NONE',
  organizationIds: new Set(),
  percentageBasisPoints: 0,
  rolloutSalt: '',
  userIds: new Set(),
};

/**
 * One environment's rules in memory, kept current by its event log exactly as the server's own
 * cache is (src/domain/flag-state.ts): rule events carry the whole rule, versions make a replayed
 * event a no-op.
 */
export class EnvironmentRules {
  private readonly bySlug = new Map<string, KnownFlag>();
  private readonly byId = new Map<string, KnownFlag>();

  get size(): number {
    return this.bySlug.size;
  }

  get(slug: string): KnownFlag | undefined {
    return this.bySlug.get(slug);
  }

  load(flags: readonly LoadedFlag[]): void {
    this.bySlug.clear();
    this.byId.clear();
    for (const flag of flags) {
      this.set({
        flagId: flag.id,
        slug: flag.slug,
        version: flag.rule.version,
        rule: {
          enabled: flag.rule.enabled,
          organizationRule: flag.rule.organizationRule,
          organizationIds: new Set(flag.rule.organizationIds),
          percentageBasisPoints: Math.round(flag.rule.percentage * 100),
          rolloutSalt: flag.rule.rolloutSalt,
          userIds: new Set(flag.rule.userIds),
        },
      });
    }
  }

  /** Applies one event; returns the slugs of the flags whose answers may have changed. */
  apply(event: EnvironmentEvent): string[] {
    switch (event.type) {
      case 'flag.toggled':
      case 'rule.updated': {
        const after = event.after as RuleSnapshot | null;
        if (!after) return [];
        const known = this.byId.get(after.flagId);
        if (known && known.version >= after.version) return [];
        this.set({
          flagId: after.flagId,
          slug: after.flagSlug,
          version: after.version,
          rule: ruleStateOf(after),
        });
        return [after.flagSlug];
      }
      case 'flag.created': {
        if (!event.flagId || !event.flagSlug || this.byId.has(event.flagId)) return [];
        // A new flag has a disabled rule in every environment.
        this.set({ flagId: event.flagId, slug: event.flagSlug, version: 0, rule: newFlagRule });
        return [event.flagSlug];
      }
      case 'flag.deleted': {
        const known = event.flagId ? this.byId.get(event.flagId) : undefined;
        if (!known) return [];
        this.byId.delete(known.flagId);
        if (this.bySlug.get(known.slug) === known) this.bySlug.delete(known.slug);
        return [known.slug];
      }
      case 'organization.deleted': {
        const organizationId = event.organizationId;
        if (!organizationId) return [];
        const changed: string[] = [];
        for (const flag of this.byId.values()) {
          if (!flag.rule.organizationIds.has(organizationId)) continue;
          const organizationIds = new Set(flag.rule.organizationIds);
          organizationIds.delete(organizationId);
          flag.rule = { ...flag.rule, organizationIds };
          changed.push(flag.slug);
        }
        return changed;
      }
      default:
        return [];
    }
  }

  private set(flag: KnownFlag): void {
    const previous = this.byId.get(flag.flagId);
    if (previous && previous.slug !== flag.slug && this.bySlug.get(previous.slug) === previous) {
      this.bySlug.delete(previous.slug);
    }
    this.byId.set(flag.flagId, flag);
    this.bySlug.set(flag.slug, flag);
  }
}
