import { isFlagEnabled, type RuleState } from '../domain/evaluation.ts';

/**
 * Who an OpenFeature evaluation is for, read from its context: `organizationId` (the B2B
 * customer) and `targetingKey` (the user id). A context without `organizationId` is evaluated for
 * no organization: flags on for all organizations are on, chosen ones are off.
 */
export interface EvaluationSubject {
  organizationId: string;
  userId: string | null;
}

export function subjectOf(context: Readonly<Record<string, unknown>>): EvaluationSubject {
  const organizationId = context.organizationId;
  const targetingKey = context.targetingKey;
  return {
    organizationId: typeof organizationId === 'string' ? organizationId : '',
    userId: typeof targetingKey === 'string' && targetingKey !== '' ? targetingKey : null,
  };
}

/**
 * The one place where the providers call the server's evaluation function (imported, never
 * copied), so they decide exactly as the server does, for a user of an organization.
 */
export function evaluateRule(rule: RuleState, subject: EvaluationSubject): boolean {
  return isFlagEnabled(rule, subject.organizationId, subject.userId);
}

/** OpenFeature's reason for an answer from a connected provider. */
export function reasonOf(rule: RuleState): 'DISABLED' | 'STATIC' | 'TARGETING_MATCH' {
  if (!rule.enabled) return 'DISABLED';
  const targets =
    rule.organizationRule === 'SOME' || rule.organizationRule === 'PERCENTAGE' || rule.userIds.size > 0;
  return targets ? 'TARGETING_MATCH' : 'STATIC';
}
