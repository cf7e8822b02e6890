import { prisma } from '../db/index.ts';
import type { ChangeFeed } from '../domain/change-feed.ts';
import { isFlagEnabled } from '../domain/evaluation.ts';
import { isOperatorEvent } from '../domain/event-catalogue.ts';
import { eventPages, type RecordedEvent } from '../domain/events.ts';
import { flagState } from '../domain/flag-state.ts';
import { BadUserInputError, PennantError, UnauthenticatedError } from '../errors.ts';
import { logger } from '../logger.ts';
import {
  affects,
  enabledAfter,
  type FlagSetChange,
  flagSetChangesOf,
  flagSetEventTypes,
} from './flag-set-changes.ts';
import { PushQueue } from './push-queue.ts';

/** One `featureFlagsChanged` message: an organization's enabled flags changed in an environment. */
export interface FeatureFlagsChange {
  /** The event id: pass it as `after` to resume. */
  cursor: string;
  organizationId: string;
  environmentId: string;
  /** The environment's slug. */
  environment: string;
  /** Every flag enabled for the organization in the environment now, sorted. */
  featureFlags: string[];
  added: string[];
  removed: string[];
  /** The event type that caused it, or `replay` for the collapsed catch-up after `after`. */
  reason: string;
  occurredAt: Date;
}

/** Whose subscription it is: it ends when that session (or user, or API key) does. */
export interface FlagSetSubscriber {
  environmentId: string;
  environmentSlug: string;
  organizationId: string;
  sessionId: string;
  userId: string;
}

type Holder = {
  sessionId?: string;
  userId?: string;
  organizationId?: string;
  apiKeyId?: string;
  operatorId?: string;
  operatorSessionId?: string;
};

/** Who reads an `events` stream: an API key, or an operator (who also sees changes to operators). */
export type EventReader = { apiKeyId: string } | { operatorId: string; operatorSessionId: string };
type Endable = Pick<PushQueue<unknown>, 'fail' | 'onClose'>;

/** The subscribers of one organization in one environment, by user. */
interface OrganizationGroup {
  organizationId: string;
  environmentId: string;
  environmentSlug: string;
  users: Map<string, UserGroup>;
}

/**
 * The subscribers (sessions) of one user in one organization and environment share their current
 * flag set: user targets make it differ from their organization's.
 */
interface UserGroup {
  organization: OrganizationGroup;
  userId: string;
  /** The user's enabled flags as of the feed position, sorted. */
  featureFlags: string[];
  subscribers: Set<PushQueue<FeatureFlagsChange>>;
}

const replayPageSize = 500;
const maxExpiryWatchMs = 86_400_000;

/**
 * Hands each change of the change feed to the subscriptions it concerns. The feed delivers
 * every committed change of every instance once, in event-log order, so each instance computes
 * its own subscribers' messages from the same events.
 *
 * Flag-set subscribers are indexed by environment, then organization. A change is turned once
 * into a `FlagSetChange` from the rule's recorded before and after states; its scope names the
 * organizations it may concern (a list, or everyone except a list), so a change to a SOME list
 * visits only the listed organizations that have subscribers, and each visited group decides
 * in O(1) through the evaluation function. No change scans every organization.
 *
 * Resuming (`after`): a subscription registers live first (holding live messages), remembers
 * the feed position P at that instant, reads the log from `after` to P, delivers that replay,
 * then the held live messages (all after P): no gap, no duplicate.
 */
export class RealtimeFanOut {
  private feed: ChangeFeed | undefined;
  /** environmentId → organizationId → group */
  private readonly flagSetGroups = new Map<string, Map<string, OrganizationGroup>>();
  /** environmentId → userId → that user's groups (one per organization they subscribe in) */
  private readonly userGroups = new Map<string, Map<string, Set<UserGroup>>>();
  /** environmentId → `events` subscribers */
  private readonly eventSubscribers = new Map<string, Set<PushQueue<RecordedEvent>>>();
  /** The `events` streams of operators: only they get changes to operators. */
  private readonly operatorEventReaders = new Set<PushQueue<RecordedEvent>>();
  /** Subscriptions by the credential they live on, to end them when it ends. */
  private readonly byHolder = new Map<string, Map<Endable, Holder>>();

  follow(feed: ChangeFeed): () => void {
    this.feed = feed;
    const unsubscribe = feed.onEvent((event) => this.dispatch(event));
    return () => {
      unsubscribe();
      this.closeAll();
      this.feed = undefined;
    };
  }

  /** Subscribers currently registered (for tests and metrics). */
  get subscriberCount(): number {
    let count = 0;
    for (const groups of this.flagSetGroups.values())
      for (const group of groups.values())
        for (const userGroup of group.users.values()) count += userGroup.subscribers.size;
    for (const subscribers of this.eventSubscribers.values()) count += subscribers.size;
    return count;
  }

  /** The live audit stream of one environment (and of changes that concern every environment). */
  async subscribeEvents(
    environmentId: string,
    after: bigint | null,
    reader: EventReader,
  ): Promise<PushQueue<RecordedEvent>> {
    await this.catchUp();
    // No await from here to the registration: `position` is exactly where live delivery starts.
    const position = this.positionFor(after);
    const queue = new PushQueue<RecordedEvent>({ held: after !== null });
    this.hold(queue, reader);
    const operator = 'operatorId' in reader;
    if (operator) {
      this.operatorEventReaders.add(queue);
      queue.onClose(() => this.operatorEventReaders.delete(queue));
    }
    let subscribers = this.eventSubscribers.get(environmentId);
    if (!subscribers) {
      subscribers = new Set();
      this.eventSubscribers.set(environmentId, subscribers);
    }
    subscribers.add(queue);
    queue.onClose(() => {
      const current = this.eventSubscribers.get(environmentId);
      current?.delete(queue);
      if (current?.size === 0) this.eventSubscribers.delete(environmentId);
    });
    if (after !== null) {
      this.replayEvents(environmentId, after, position).then(
        (replay) => queue.release(operator ? replay : replay.filter((event) => !isOperatorEvent(event.type))),
        (error: unknown) => this.replayFailed(queue, error),
      );
    }
    return queue;
  }

  /** The enabled-flag changes of a user of an organization in one environment. */
  async subscribeFeatureFlags(
    subscriber: FlagSetSubscriber,
    after: bigint | null,
  ): Promise<PushQueue<FeatureFlagsChange>> {
    const { sessionId, userId, ...target } = subscriber;
    await this.catchUp();
    const position = this.positionFor(after);
    const queue = new PushQueue<FeatureFlagsChange>({ held: after !== null });
    this.hold(queue, { sessionId, userId, organizationId: target.organizationId });
    this.endAtExpiry(queue, sessionId);
    // From here to the end of the function nothing awaits: the group's set is the state at
    // `position`, and every later change reaches the queue (held until the replay is out).
    let groups = this.flagSetGroups.get(target.environmentId);
    if (!groups) {
      groups = new Map();
      this.flagSetGroups.set(target.environmentId, groups);
    }
    let group = groups.get(target.organizationId);
    if (!group) {
      group = { ...target, users: new Map() };
      groups.set(target.organizationId, group);
    }
    let userGroup = group.users.get(userId);
    if (!userGroup) {
      userGroup = {
        organization: group,
        userId,
        featureFlags: flagState.enabledFlagSlugs(target.environmentId, target.organizationId, userId),
        subscribers: new Set(),
      };
      group.users.set(userId, userGroup);
      this.indexUserGroup(userGroup, true);
    }
    userGroup.subscribers.add(queue);
    const joined = userGroup;
    queue.onClose(() => this.leave(joined, queue));
    if (after !== null) {
      const featureFlagsAtPosition = userGroup.featureFlags;
      this.replayFeatureFlags({ ...target, userId }, after, position, featureFlagsAtPosition).then(
        (replay) => queue.release(replay ? [replay] : []),
        (error: unknown) => this.replayFailed(queue, error),
      );
    }
    return queue;
  }

  /** A subscription ends: its groups go when they are empty (unless already replaced). */
  private leave(userGroup: UserGroup, queue: PushQueue<FeatureFlagsChange>): void {
    userGroup.subscribers.delete(queue);
    if (userGroup.subscribers.size > 0) return;
    const group = userGroup.organization;
    if (group.users.get(userGroup.userId) !== userGroup) return;
    group.users.delete(userGroup.userId);
    this.indexUserGroup(userGroup, false);
    const groups = this.flagSetGroups.get(group.environmentId);
    if (group.users.size === 0 && groups?.get(group.organizationId) === group) {
      groups.delete(group.organizationId);
      if (groups.size === 0) this.flagSetGroups.delete(group.environmentId);
    }
  }

  /** Keeps environment → user → groups in step, so a user-target change visits only that user. */
  private indexUserGroup(userGroup: UserGroup, add: boolean): void {
    const environmentId = userGroup.organization.environmentId;
    let users = this.userGroups.get(environmentId);
    if (add) {
      if (!users) {
        users = new Map();
        this.userGroups.set(environmentId, users);
      }
      let groups = users.get(userGroup.userId);
      if (!groups) {
        groups = new Set();
        users.set(userGroup.userId, groups);
      }
      groups.add(userGroup);
      return;
    }
    const groups = users?.get(userGroup.userId);
    groups?.delete(userGroup);
    if (groups?.size === 0) users?.delete(userGroup.userId);
    if (users?.size === 0) this.userGroups.delete(environmentId);
  }

  /** Makes the feed current, so a cursor handed out by another instance is not ahead of it. */
  private async catchUp(): Promise<void> {
    if (!this.feed) throw new Error('The real-time fan-out is not following a change feed.');
    await this.feed.pull();
  }

  /**
   * The feed position, read in the same synchronous step as the registration that follows
   * (the feed may dispatch between any two awaits), after checking `after` against it.
   */
  private positionFor(after: bigint | null): bigint {
    const position = this.feed?.position ?? 0n;
    if (after !== null && after > position) {
      throw new BadUserInputError('after', '`after` is not a cursor of this event log (it is ahead of it).');
    }
    return position;
  }

  private hold(queue: Endable, holder: Holder): void {
    const keys = [
      holder.sessionId && `session:${holder.sessionId}`,
      holder.userId && `user:${holder.userId}`,
      holder.apiKeyId && `api_key:${holder.apiKeyId}`,
      holder.operatorId && `operator:${holder.operatorId}`,
      holder.operatorSessionId && `operator_session:${holder.operatorSessionId}`,
    ].filter((key): key is string => Boolean(key));
    for (const key of keys) {
      let queues = this.byHolder.get(key);
      if (!queues) {
        queues = new Map();
        this.byHolder.set(key, queues);
      }
      queues.set(queue, holder);
    }
    queue.onClose(() => {
      for (const key of keys) {
        const queues = this.byHolder.get(key);
        queues?.delete(queue);
        if (queues?.size === 0) this.byHolder.delete(key);
      }
    });
  }

  /**
   * Ends the subscription when its session expires. Refreshing a session extends it without an
   * event, so at the expected expiry the session is read again: extended, the watch goes on.
   */
  private endAtExpiry(queue: Endable, sessionId: string): void {
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    queue.onClose(() => {
      closed = true;
      clearTimeout(timer);
    });
    const check = async () => {
      const session = await prisma.session.findUnique({
        where: { id: sessionId },
        select: { expiresAt: true, revokedAt: true },
      });
      if (closed) return;
      const now = Date.now();
      if (!session || session.revokedAt || session.expiresAt.getTime() <= now) {
        queue.fail(new PennantError('INVALID_SESSION', 'The session has ended; sign in again.'));
        return;
      }
      // setTimeout holds at most ~24.8 days; a day at a time is plenty.
      timer = setTimeout(watch, Math.min(session.expiresAt.getTime() - now + 50, maxExpiryWatchMs));
      timer.unref();
    };
    const watch = () => {
      check().catch((error: unknown) => {
        // The database is briefly unreachable: look again soon rather than end the stream.
        logger.warn({ err: error }, 'subscription: checking session expiry failed');
        if (!closed) timer = setTimeout(watch, 5000).unref();
      });
    };
    watch();
  }

  /**
   * A subscription lives no longer than its credential: a revoked session (or its user's
   * membership or account deleted) or a revoked API key ends it with an error saying so.
   */
  private endRevoked(event: RecordedEvent): void {
    if (event.type === 'operator.signed_out') {
      const error = new UnauthenticatedError('The operator signed out.');
      for (const sessionId of event.after.sessionIds)
        for (const queue of [...(this.byHolder.get(`operator_session:${sessionId}`)?.keys() ?? [])])
          queue.fail(error);
      return;
    }
    let key: string | undefined;
    let ended: (holder: Holder) => boolean = () => true;
    let error: PennantError = new PennantError('INVALID_SESSION', 'The session has ended; sign in again.');
    switch (event.type) {
      case 'session.revoked':
        key = `session:${event.after.id}`;
        break;
      case 'session.refresh_token_reused':
        key = `session:${event.after.sessionId}`;
        break;
      case 'membership.deleted':
        key = event.userId ? `user:${event.userId}` : undefined;
        ended = (holder) => holder.organizationId === event.organizationId;
        break;
      case 'user.deleted':
        key = event.userId ? `user:${event.userId}` : undefined;
        break;
      case 'api_key.revoked':
        key = `api_key:${event.before.id}`;
        error = new UnauthenticatedError('The API key has been revoked.');
        break;
      case 'operator.removed':
        key = `operator:${event.before.id}`;
        error = new UnauthenticatedError('The operator has been removed.');
        break;
      default:
        return;
    }
    if (!key) return;
    for (const [queue, holder] of [...(this.byHolder.get(key) ?? [])]) if (ended(holder)) queue.fail(error);
  }

  private replayFailed<T>(queue: PushQueue<T>, error: unknown): void {
    logger.warn({ err: error }, 'subscription replay failed');
    queue.fail(error);
  }

  /** Events of the environment (or of every environment) in (after, position]. */
  private async replayEvents(
    environmentId: string,
    after: bigint,
    position: bigint,
  ): Promise<RecordedEvent[]> {
    const replay: RecordedEvent[] = [];
    for await (const page of eventPages({ after, upTo: position, environmentId }, replayPageSize)) {
      replay.push(...page);
    }
    return replay;
  }

  /**
   * What changed for the user of the organization in (after, position], collapsed into one message with
   * the set at `position`; null when its set is the same as at `after`. A flag's state at
   * `after` is the `before` of the first change to it in the range; untouched flags did not
   * change.
   */
  private async replayFeatureFlags(
    target: { environmentId: string; environmentSlug: string; organizationId: string; userId: string },
    after: bigint,
    position: bigint,
    featureFlagsAtPosition: string[],
  ): Promise<FeatureFlagsChange | null> {
    const enabledAtAfter = new Map<string, boolean>();
    let occurredAt: Date | undefined;
    const range = {
      after,
      upTo: position,
      environmentId: target.environmentId,
      types: flagSetEventTypes,
    };
    for await (const page of eventPages(range, replayPageSize)) {
      for (const event of page) {
        for (const change of flagSetChangesOf(event)) {
          if (change.environmentId !== target.environmentId) continue;
          if (!enabledAtAfter.has(change.flagSlug)) {
            enabledAtAfter.set(
              change.flagSlug,
              change.before !== null && isFlagEnabled(change.before, target.organizationId, target.userId),
            );
          }
          if (affects(change, target.organizationId, target.userId)) occurredAt = change.occurredAt;
        }
      }
    }
    const now = new Set(featureFlagsAtPosition);
    const added = featureFlagsAtPosition.filter((slug) => enabledAtAfter.get(slug) === false);
    const removed = [...enabledAtAfter]
      .filter(([slug, wasEnabled]) => wasEnabled && !now.has(slug))
      .map(([slug]) => slug)
      .sort();
    if (added.length === 0 && removed.length === 0) return null;
    return {
      cursor: String(position),
      organizationId: target.organizationId,
      environmentId: target.environmentId,
      environment: target.environmentSlug,
      featureFlags: featureFlagsAtPosition,
      added,
      removed,
      reason: 'replay',
      occurredAt: occurredAt ?? new Date(),
    };
  }

  /** Runs inside the feed's dispatch, after the flag-state cache has applied the event. */
  private dispatch(event: RecordedEvent): void {
    this.dispatchEvent(event);
    for (const change of flagSetChangesOf(event)) this.dispatchFlagSetChange(change);
    if (event.type === 'organization.deleted' && event.organizationId) {
      this.organizationDeleted(event, event.organizationId);
    }
    this.endRevoked(event);
  }

  private dispatchEvent(event: RecordedEvent): void {
    if (event.environmentId === null) {
      if (isOperatorEvent(event.type)) {
        for (const queue of this.operatorEventReaders) queue.push(event);
        return;
      }
      for (const subscribers of this.eventSubscribers.values())
        for (const queue of subscribers) queue.push(event);
      return;
    }
    for (const queue of this.eventSubscribers.get(event.environmentId) ?? []) queue.push(event);
  }

  private dispatchFlagSetChange(change: FlagSetChange): void {
    const groups = this.flagSetGroups.get(change.environmentId);
    if (!groups) return;
    const scope = change.scope;
    if (scope) {
      const listed = scope.kind === 'listed' ? scope.organizationIds : undefined;
      if (listed && listed.size < groups.size) {
        for (const organizationId of listed) {
          const group = groups.get(organizationId);
          if (group) for (const userGroup of group.users.values()) this.applyToGroup(userGroup, change);
        }
      } else {
        for (const group of groups.values())
          for (const userGroup of group.users.values()) this.applyToGroup(userGroup, change);
      }
    }
    // A user-target change visits only that user's groups. A group visited above as well is
    // skipped here: its set already reflects the change.
    const users = this.userGroups.get(change.environmentId);
    if (!users) return;
    for (const userId of change.users) {
      for (const userGroup of users.get(userId) ?? []) this.applyToGroup(userGroup, change);
    }
  }

  private applyToGroup(userGroup: UserGroup, change: FlagSetChange): void {
    const group = userGroup.organization;
    if (!affects(change, group.organizationId, userGroup.userId)) return;
    const slug = change.flagSlug;
    const has = userGroup.featureFlags.includes(slug);
    const gained = enabledAfter(change, group.organizationId, userGroup.userId);
    // Both checks guard against a change the group's set already reflects (e.g. the cache
    // was loaded after it, or the group was visited for its organization and its user): an
    // event goes out only when the set really changes.
    if (gained === has) return;
    userGroup.featureFlags = gained
      ? [...userGroup.featureFlags, slug].sort()
      : userGroup.featureFlags.filter((flag) => flag !== slug);
    const message: FeatureFlagsChange = {
      cursor: String(change.cursor),
      organizationId: group.organizationId,
      environmentId: group.environmentId,
      environment: group.environmentSlug,
      featureFlags: userGroup.featureFlags,
      added: gained ? [slug] : [],
      removed: gained ? [] : [slug],
      reason: change.reason,
      occurredAt: change.occurredAt,
    };
    for (const queue of userGroup.subscribers) queue.push(message);
  }

  /** A deleted organization has no flags; its subscriptions get that last message and end. */
  private organizationDeleted(event: RecordedEvent, organizationId: string): void {
    for (const groups of this.flagSetGroups.values()) {
      const group = groups.get(organizationId);
      if (!group) continue;
      groups.delete(organizationId);
      for (const userGroup of group.users.values()) {
        this.indexUserGroup(userGroup, false);
        const message: FeatureFlagsChange = {
          cursor: String(event.id),
          organizationId,
          environmentId: group.environmentId,
          environment: group.environmentSlug,
          featureFlags: [],
          added: [],
          removed: userGroup.featureFlags,
          reason: event.type,
          occurredAt: event.createdAt,
        };
        for (const queue of userGroup.subscribers) {
          if (userGroup.featureFlags.length > 0) queue.push(message);
          queue.end();
        }
      }
    }
  }

  private closeAll(): void {
    for (const groups of [...this.flagSetGroups.values()])
      for (const group of [...groups.values()])
        for (const userGroup of [...group.users.values()])
          for (const queue of [...userGroup.subscribers]) queue.end();
    for (const subscribers of [...this.eventSubscribers.values()])
      for (const queue of [...subscribers]) queue.end();
    this.flagSetGroups.clear();
    this.userGroups.clear();
    this.eventSubscribers.clear();
  }
}

export const realtimeFanOut = new RealtimeFanOut();
