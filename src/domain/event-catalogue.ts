import type {
  ApiKeyRole,
  EnvironmentKind,
  Event,
  MembershipStatus,
  OperatorRole,
} from '../generated/prisma/client.ts';
import type { Actor } from './actor.ts';
import type { RuleSnapshot } from './evaluation.ts';

/**
 * The event log's schema: every event type with the shape of its `before` and `after`, as
 * stored (JSON: dates are ISO strings). `recordEvent` accepts only these, with exactly these
 * payloads, and the log's readers (the change feed, fan-out, webhooks) get them back typed.
 *
 * Adding an event type is one entry here: the compiler then asks every exhaustive reader for it.
 * `null` means the event has no such side (a creation has no `before`).
 */
export interface EventCatalogue {
  'environment.created': { before: null; after: EnvironmentRecord };
  'api_key.created': { before: null; after: ApiKeyRecord };
  'api_key.revoked': { before: ApiKeyRecord; after: null };
  'organization.created': { before: null; after: OrganizationRecord };
  'organization.updated': { before: OrganizationRecord; after: OrganizationRecord };
  'organization.deleted': { before: OrganizationRecord; after: null };
  'flag.created': { before: null; after: FlagRecord };
  'flag.updated': { before: FlagRecord; after: FlagRecord };
  /**
   * One event per environment, recorded in it: `rules` holds that environment's rule only, as it
   * was when the flag was deleted (events before roles held every environment's rule).
   */
  'flag.deleted': { before: FlagRecord & { rules: RuleSnapshot[] }; after: null };
  /**
   * Archived: off in every environment (archiving is refused otherwise), hidden from the default
   * listing, its rules frozen until `flag.unarchived`. Recorded for every environment.
   */
  'flag.archived': { before: ArchivableFlagRecord; after: ArchivableFlagRecord };
  'flag.unarchived': { before: ArchivableFlagRecord; after: ArchivableFlagRecord };
  'flag.toggled': { before: RuleSnapshot; after: RuleSnapshot };
  'rule.updated': { before: RuleSnapshot; after: RuleSnapshot };
  'user.created': { before: null; after: UserRecord };
  'user.updated': { before: UserRecord; after: UserRecord };
  'user.deleted': { before: UserRecord; after: null };
  'membership.created': { before: null; after: MembershipRecord };
  'membership.deleted': { before: MembershipRecord; after: null };
  'session.created': { before: null; after: { id: string; expiresAt: string } };
  'session.revoked': { before: null; after: { id: string; revokedReason: string } };
  'session.refresh_token_reused': {
    before: null;
    after: { sessionId: string; refreshTokenId: string; revokedReason: 'refresh_token_reused' };
  };
  'webhook_endpoint.created': { before: null; after: WebhookEndpointRecord };
  'webhook_endpoint.updated': {
    before: WebhookEndpointRecord & { enabled: boolean };
    after: WebhookEndpointRecord & { enabled: boolean };
  };
  'webhook_endpoint.deleted': { before: WebhookEndpointRecord; after: null };
  /**
   * Operators (the people who manage Pennant): recorded for every environment (no
   * environmentId) but shown only to operators, never to API keys (see `isOperatorEvent`).
   */
  'operator.created': { before: null; after: OperatorRecord };
  'operator.invited': { before: null; after: OperatorRecord };
  /** The invited operator set a password. */
  'operator.activated': { before: null; after: OperatorRecord };
  'operator.updated': { before: OperatorRecord; after: OperatorRecord };
  'operator.removed': { before: OperatorRecord; after: null };
  /** Sessions an operator ended (sign-out; `everywhere`: all of them): their subscriptions end too. */
  'operator.signed_out': { before: null; after: { id: string; sessionIds: string[] } };
}

/** Events about operators, which API keys do not see (they name people and their roles). */
export function isOperatorEvent(type: string): boolean {
  return type.startsWith('operator.');
}

export const operatorEventTypePrefix = 'operator.';

export type EventType = keyof EventCatalogue;

// The records are types, not interfaces, so that they are assignable to Prisma's JSON values.

export type EnvironmentRecord = {
  id: string;
  slug: string;
  name: string;
  kind: EnvironmentKind;
};

export type ApiKeyRecord = {
  id: string;
  name: string;
  /** Absent on keys recorded before keys had roles. */
  role?: ApiKeyRole;
};

export type OrganizationRecord = {
  id: string;
  name: string;
  externalId: string | null;
};

export type FlagRecord = {
  id: string;
  slug: string;
  name: string;
  description: string;
  tags: string[];
};

/** A flag with its archived state (ISO time, or null), as the archive events record it. */
export type ArchivableFlagRecord = FlagRecord & { archivedAt: string | null };

export type UserRecord = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  emailVerified: boolean;
  externalId: string | null;
};

export type MembershipRecord = {
  id: string;
  userId: string;
  organizationId: string;
  role: string;
  status: MembershipStatus;
};

export type OperatorRecord = {
  id: string;
  email: string;
  role: OperatorRole;
  environments: string[];
};

export type WebhookEndpointRecord = {
  id: string;
  url: string;
  events: string[];
};

/** A side the type has must be given; a side it has not may only be omitted or null. */
type Side<Name extends 'before' | 'after', Value> = [Value] extends [null]
  ? { [K in Name]?: null }
  : { [K in Name]: Value };

/** What `recordEvent` takes: for each type, its own payloads (a union over the catalogue). */
export type EventInput<Type extends EventType = EventType> = {
  [T in Type]: {
    type: T;
    actor: Actor;
    environmentId?: string | null;
    flagId?: string | null;
    flagSlug?: string | null;
    organizationId?: string | null;
    userId?: string | null;
    /**
     * When the change happened, when the writer stamped its row with it (a rule's `updatedAt`):
     * the event then tells the in-memory state the row's time exactly. Default: the commit's.
     */
    at?: Date;
  } & Side<'before', EventCatalogue[T]['before']> &
    Side<'after', EventCatalogue[T]['after']>;
}[Type];

/** An event as read from the log: narrow `type` and `before`/`after` follow. */
export type RecordedEvent<Type extends EventType = EventType> = {
  [T in Type]: Omit<Event, 'type' | 'before' | 'after'> & {
    type: T;
    before: EventCatalogue[T]['before'];
    after: EventCatalogue[T]['after'];
  };
}[Type];

/**
 * The one place a stored event becomes typed. Sound because the log is written only through
 * `recordEvent`, which accepts nothing but the catalogue's shapes, and rows are never updated;
 * a type this version does not know (a log written by a newer one) reaches readers as it is and
 * falls into their default branches.
 */
export function recordedEvent(event: Event): RecordedEvent {
  return event as unknown as RecordedEvent;
}
