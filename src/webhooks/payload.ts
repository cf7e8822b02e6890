import { prisma } from '../db/index.ts';
import { percentageOf, type RuleSnapshot } from '../domain/evaluation.ts';
import { type FlagRecord, type RecordedEvent, recordedEvent } from '../domain/event-catalogue.ts';
import { type WebhookEventType, webhookEventTypeOf } from '../domain/webhooks.ts';
import { type FeatureFlagWire, featureFlagObject } from '../rest/wire.ts';

/** WorkOS's event envelope (`EventResponse` in the SDK); `constructEvent` deserializes it. */
export interface WorkOSEventPayload {
  id: string;
  event: WebhookEventType;
  data: FeatureFlagWire;
  created_at: string;
  context: { environment_id: string };
  /**
   * Pennant's addition (the SDK's deserializer ignores it): the flag's whole rule in the
   * environment as of the event, which WorkOS's FeatureFlag object cannot express (chosen
   * organizations, rollout percentage, targeted users).
   */
  rule: RuleWire;
}

/** The rule as a webhook receiver sees it. The rollout salt stays out: it is internal. */
export interface RuleWire {
  enabled: boolean;
  organization_rule: RuleSnapshot['organizationRule'];
  organization_ids: string[];
  /** 0–100, at most two decimals. */
  percentage: number;
  user_ids: string[];
  version: number | null;
}

type RuleFields = Pick<RuleSnapshot, 'enabled' | 'organizationRule'> &
  Partial<Pick<RuleSnapshot, 'organizationIds' | 'percentageBasisPoints' | 'userIds' | 'version'>>;

const newRule: RuleFields = { enabled: false, organizationRule: 'NONE' };

function ruleWire(rule: RuleFields): RuleWire {
  return {
    enabled: rule.enabled,
    organization_rule: rule.organizationRule,
    organization_ids: rule.organizationIds ?? [],
    percentage: percentageOf(rule.percentageBasisPoints ?? 0),
    user_ids: rule.userIds ?? [],
    version: rule.version ?? null,
  };
}

/**
 * The payload of one event for one environment, built from the event log alone: the flag and its
 * rule in that environment as they were when the event happened. So every attempt of a delivery
 * sends the same body, however much changed since, and a delivery made after a restart is
 * exactly the one that was due.
 */
export async function webhookPayload(
  event: RecordedEvent,
  environmentId: string,
): Promise<WorkOSEventPayload | null> {
  const type = webhookEventTypeOf(event.type);
  if (!type || !event.flagId) return null;
  const flagId = event.flagId;
  let flag: FlagRecord | null;
  let rule: RuleFields;
  switch (event.type) {
    case 'flag.created':
      flag = event.after;
      rule = newRule;
      break;
    case 'flag.updated':
      flag = event.after;
      rule = await ruleAt(flagId, environmentId, event.id);
      break;
    case 'flag.deleted':
      flag = event.before;
      rule = event.before.rules.find((r) => r.environmentId === environmentId) ?? newRule;
      break;
    case 'flag.toggled':
    case 'rule.updated':
      flag = await flagAt(flagId, event.id);
      rule = event.after;
      break;
    default:
      return null;
  }
  if (!flag) return null;
  const created = await prisma.event.findFirst({
    where: { flagId, type: 'flag.created' },
    orderBy: { id: 'asc' },
    select: { createdAt: true },
  });
  return {
    id: `event_${event.id}`,
    event: type,
    data: featureFlagObject(flag, rule, created?.createdAt ?? event.createdAt, event.createdAt),
    created_at: event.createdAt.toISOString(),
    context: { environment_id: environmentId },
    rule: ruleWire(rule),
  };
}

/** The flag's name, description and tags as of an event: the last definition event up to it. */
async function flagAt(flagId: string, eventId: bigint): Promise<FlagRecord | null> {
  const row = await prisma.event.findFirst({
    where: { flagId, id: { lte: eventId }, type: { in: ['flag.created', 'flag.updated'] } },
    orderBy: { id: 'desc' },
  });
  const definition = row && recordedEvent(row);
  return definition?.type === 'flag.created' || definition?.type === 'flag.updated' ? definition.after : null;
}

/** The rule in an environment just before an event: the last rule event, or a new rule's state. */
async function ruleAt(flagId: string, environmentId: string, eventId: bigint): Promise<RuleFields> {
  const row = await prisma.event.findFirst({
    where: { flagId, environmentId, id: { lt: eventId }, type: { in: ['flag.toggled', 'rule.updated'] } },
    orderBy: { id: 'desc' },
  });
  const change = row && recordedEvent(row);
  return change?.type === 'flag.toggled' || change?.type === 'rule.updated' ? change.after : newRule;
}
