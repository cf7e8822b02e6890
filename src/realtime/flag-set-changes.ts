import type { RuleState } from '../domain/evaluation.ts';
import { isFlagEnabledForOrganization, ruleStateOf } from '../domain/evaluation.ts';
import type { RecordedEvent } from '../domain/events.ts';

/**
 * Which organizations a change may concern, decided from the rule's recorded before and after
 * states alone (never by looking at every organization):
 * - `listed`: exactly these organizations (a SOME list changed, or a rule reaching only a
 *   list was switched on or off);
 * - `everyone-except`: every organization but these (a rule reaching everyone was switched on
 *   or off, or moved between ALL and SOME).
 */
export type ChangeScope =
  | { kind: 'listed'; organizationIds: ReadonlySet<string> }
  | { kind: 'everyone-except'; organizationIds: ReadonlySet<string> };

/** One flag's answer changed for some organizations of one environment. */
export interface FlagSetChange {
  /** The event id. */
  cursor: bigint;
  environmentId: string;
  flagSlug: string;
  /** The event type: flag.toggled, rule.updated, flag.deleted. */
  reason: string;
  occurredAt: Date;
  /** The rule before and after; null when the rule does not exist (deleted flag). */
  before: RuleState | null;
  after: RuleState | null;
  scope: ChangeScope;
}

const nobody: RuleState = { enabled: false, organizationRule: 'NONE', organizationIds: new Set() };

type Reach = 'nobody' | 'everyone' | ReadonlySet<string>;

/** Whom a rule turns its flag on for. Mirrors `isFlagEnabledForOrganization`. */
function reachOf(rule: RuleState): Reach {
  if (!rule.enabled || rule.organizationRule === 'NONE') return 'nobody';
  if (rule.organizationRule === 'ALL') return 'everyone';
  return rule.organizationIds.size === 0 ? 'nobody' : rule.organizationIds;
}

const none: ReadonlySet<string> = new Set();

/** The organizations whose answer may differ between two rule states; null when none can. */
export function scopeOf(before: RuleState, after: RuleState): ChangeScope | null {
  const from = reachOf(before);
  const to = reachOf(after);
  if (from === to) return null; // nobody → nobody, everyone → everyone
  if (from === 'nobody') {
    return to === 'everyone'
      ? { kind: 'everyone-except', organizationIds: none }
      : { kind: 'listed', organizationIds: to as ReadonlySet<string> };
  }
  if (from === 'everyone') {
    return to === 'nobody'
      ? { kind: 'everyone-except', organizationIds: none }
      : { kind: 'everyone-except', organizationIds: to as ReadonlySet<string> };
  }
  if (to === 'nobody') return { kind: 'listed', organizationIds: from };
  if (to === 'everyone') return { kind: 'everyone-except', organizationIds: from };
  const changed = new Set<string>();
  for (const id of from) if (!to.has(id)) changed.add(id);
  for (const id of to) if (!from.has(id)) changed.add(id);
  return changed.size === 0 ? null : { kind: 'listed', organizationIds: changed };
}

/** O(1): whether the change is in scope for the organization (a cheap pre-filter). */
export function inScope(scope: ChangeScope, organizationId: string): boolean {
  return scope.kind === 'listed'
    ? scope.organizationIds.has(organizationId)
    : !scope.organizationIds.has(organizationId);
}

/** Whether the flag is on for the organization after the change (the evaluation function). */
export function enabledAfter(change: FlagSetChange, organizationId: string): boolean {
  return isFlagEnabledForOrganization(change.after ?? nobody, organizationId);
}

/**
 * O(1): whether the organization's enabled set really changes, decided by the one evaluation
 * function on the recorded before and after states.
 */
export function affects(change: FlagSetChange, organizationId: string): boolean {
  return (
    inScope(change.scope, organizationId) &&
    isFlagEnabledForOrganization(change.before ?? nobody, organizationId) !==
      isFlagEnabledForOrganization(change.after ?? nobody, organizationId)
  );
}

/** Event types that can change some organization's enabled flags. */
export const flagSetEventTypes = ['flag.toggled', 'rule.updated', 'flag.deleted'] as const;

/**
 * The flag-set changes one event makes: at most one per environment. Events that change no
 * organization's answer (a toggle of a NONE rule, a new flag, a renamed one) make none.
 */
export function flagSetChangesOf(event: RecordedEvent): FlagSetChange[] {
  switch (event.type) {
    case 'flag.toggled':
    case 'rule.updated': {
      const { before, after } = event;
      return change(event, after.environmentId, after.flagSlug, ruleStateOf(before), ruleStateOf(after));
    }
    case 'flag.deleted': {
      const { before } = event;
      return before.rules.flatMap((rule) =>
        change(event, rule.environmentId, rule.flagSlug ?? before.slug, ruleStateOf(rule), null),
      );
    }
    default:
      return [];
  }
}

function change(
  event: RecordedEvent,
  environmentId: string,
  flagSlug: string | undefined,
  before: RuleState,
  after: RuleState | null,
): FlagSetChange[] {
  const scope = scopeOf(before, after ?? nobody);
  if (!scope || !flagSlug) return [];
  return [
    {
      cursor: event.id,
      environmentId,
      flagSlug,
      reason: event.type,
      occurredAt: event.createdAt,
      before,
      after,
      scope,
    },
  ];
}
