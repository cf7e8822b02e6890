import { prisma } from '../db/index.ts';
import type { Environment, MembershipStatus, Organization } from '../generated/prisma/client.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { RecordedEvent } from './events.ts';

/**
 * Who exists, per environment, in memory: environments, organizations (whole rows, for the
 * GraphQL `organization` read), users and their memberships (ids only: existence and "which
 * organizations is this user an active member of" are all the reads need). Loaded at start, then
 * kept exact by the change feed, which hands every instance's committed changes to every
 * instance in log order; this instance's own writes are applied before they are acknowledged
 * (`commitChange` waits for the feed), so a read after an acknowledged write sees it.
 *
 * Every change to these tables is an event (organization, user and membership writes, and the
 * cascades of a deletion, which the deletion's event implies). Rows an event does not carry in
 * full (an organization's timestamps, a new environment's client id) are read once per stretch
 * of events, before the stretch is handed on (`ChangeFeed.beforeEvents`).
 */
export class Directory {
  private readonly environmentsById = new Map<string, Environment>();
  private readonly organizations = new Map<string, Organization>();
  /** userId → environmentId */
  private readonly users = new Map<string, string>();
  /** userId → organizationId → status */
  private readonly memberships = new Map<string, Map<string, MembershipStatus>>();
  /** environmentId → organization ids in id order, made when asked for, dropped on a change. */
  private readonly organizationIdsOfEnvironment = new Map<string, readonly string[]>();
  /** environmentId → a number that changes whenever its organizations come or go. */
  private readonly revisions = new Map<string, number>();
  /** Rows read for the stretch being prepared, applied with its events. */
  private readonly readRows = new Map<string, Organization | null>();
  private readonly readEnvironments = new Map<string, Environment | null>();

  async load(): Promise<void> {
    const [environments, organizations, users, memberships] = await Promise.all([
      prisma.environment.findMany(),
      prisma.organization.findMany(),
      prisma.user.findMany({ select: { id: true, environmentId: true } }),
      prisma.organizationMembership.findMany({
        select: { userId: true, organizationId: true, status: true },
      }),
    ]);
    this.environmentsById.clear();
    this.organizations.clear();
    this.users.clear();
    this.memberships.clear();
    this.organizationIdsOfEnvironment.clear();
    for (const environment of environments) this.environmentsById.set(environment.id, environment);
    for (const organization of organizations) this.organizations.set(organization.id, organization);
    for (const user of users) this.users.set(user.id, user.environmentId);
    for (const membership of memberships) {
      this.setMembership(membership.userId, membership.organizationId, membership.status);
    }
  }

  follow(feed: ChangeFeed): () => void {
    const stopPreparing = feed.beforeEvents((events) => this.prepare(events));
    const stopFollowing = feed.onEvent((event) => this.apply(event));
    return () => {
      stopPreparing();
      stopFollowing();
    };
  }

  /** The environment by id, or undefined. */
  environment(id: string): Environment | undefined {
    return this.environmentsById.get(id);
  }

  /** The environment with this slug, or undefined. */
  environmentBySlug(slug: string): Environment | undefined {
    for (const environment of this.environmentsById.values()) {
      if (environment.slug === slug) return environment;
    }
    return undefined;
  }

  /** The environment whose WorkOS-style client id this is, or undefined. */
  environmentOfClient(clientId: string): Environment | undefined {
    for (const environment of this.environmentsById.values()) {
      if (environment.clientId === clientId) return environment;
    }
    return undefined;
  }

  /** The organization when it exists in the environment (one of another is unknown there). */
  organization(environmentId: string, id: string): Organization | undefined {
    const organization = this.organizations.get(id);
    return organization?.environmentId === environmentId ? organization : undefined;
  }

  /** Ids of the environment's organizations, in id (creation) order. */
  organizationIds(environmentId: string): readonly string[] {
    let ids = this.organizationIdsOfEnvironment.get(environmentId);
    if (!ids) {
      ids = [...this.organizations.values()]
        .filter((organization) => organization.environmentId === environmentId)
        .map((organization) => organization.id)
        .sort();
      this.organizationIdsOfEnvironment.set(environmentId, ids);
    }
    return ids;
  }

  /**
   * Changes whenever an organization of the environment is created or deleted: what answers
   * that list every organization (the runtime poll's rollouts) are kept under.
   */
  revision(environmentId: string): number {
    return this.revisions.get(environmentId) ?? 0;
  }

  /** Whether the user exists in the environment. */
  hasUser(environmentId: string, userId: string): boolean {
    return this.users.get(userId) === environmentId;
  }

  /** The organizations the user is an active member of, in id order. */
  activeOrganizationIds(userId: string): string[] {
    const ids: string[] = [];
    for (const [organizationId, status] of this.memberships.get(userId) ?? []) {
      if (status === 'ACTIVE') ids.push(organizationId);
    }
    return ids.sort();
  }

  private prepare(events: readonly RecordedEvent[]): Promise<void> | undefined {
    const organizationIds = new Set<string>();
    const environmentIds = new Set<string>();
    for (const event of events) {
      if (
        (event.type === 'organization.created' || event.type === 'organization.updated') &&
        event.organizationId
      ) {
        organizationIds.add(event.organizationId);
      }
      if (event.type === 'environment.created' && event.environmentId)
        environmentIds.add(event.environmentId);
    }
    if (organizationIds.size === 0 && environmentIds.size === 0) return undefined;
    return (async () => {
      const [organizations, environments] = await Promise.all([
        organizationIds.size > 0
          ? prisma.organization.findMany({ where: { id: { in: [...organizationIds] } } })
          : [],
        environmentIds.size > 0
          ? prisma.environment.findMany({ where: { id: { in: [...environmentIds] } } })
          : [],
      ]);
      // Read after the events were written, so as new as they are or newer (a row deleted
      // since reads as null, and its deletion follows in the log).
      for (const id of organizationIds) this.readRows.set(id, null);
      for (const organization of organizations) this.readRows.set(organization.id, organization);
      for (const id of environmentIds) this.readEnvironments.set(id, null);
      for (const environment of environments) this.readEnvironments.set(environment.id, environment);
    })();
  }

  apply(event: RecordedEvent): void {
    switch (event.type) {
      case 'environment.created': {
        const environment = this.readEnvironments.get(event.environmentId ?? '');
        this.readEnvironments.delete(event.environmentId ?? '');
        if (environment) this.environmentsById.set(environment.id, environment);
        return;
      }
      case 'organization.created':
      case 'organization.updated': {
        const id = event.organizationId ?? '';
        const row = this.readRows.get(id);
        this.readRows.delete(id);
        // Null: deleted since; its own event removes it.
        if (row) {
          if (!this.organizations.has(id)) this.organizationsChanged(row.environmentId);
          this.organizations.set(id, row);
        }
        return;
      }
      case 'organization.deleted': {
        const id = event.organizationId ?? '';
        const organization = this.organizations.get(id);
        if (organization) this.organizationsChanged(organization.environmentId);
        this.organizations.delete(id);
        // Its memberships went with it (ON DELETE CASCADE).
        for (const [userId, ofUser] of this.memberships) {
          ofUser.delete(id);
          if (ofUser.size === 0) this.memberships.delete(userId);
        }
        return;
      }
      case 'user.created':
        if (event.userId && event.environmentId) this.users.set(event.userId, event.environmentId);
        return;
      case 'user.deleted':
        // And its memberships (ON DELETE CASCADE).
        this.users.delete(event.userId ?? '');
        this.memberships.delete(event.userId ?? '');
        return;
      case 'membership.created':
        this.setMembership(event.after.userId, event.after.organizationId, event.after.status);
        return;
      case 'membership.deleted': {
        const ofUser = this.memberships.get(event.before.userId);
        ofUser?.delete(event.before.organizationId);
        if (ofUser?.size === 0) this.memberships.delete(event.before.userId);
        return;
      }
      default:
        return;
    }
  }

  private organizationsChanged(environmentId: string): void {
    this.organizationIdsOfEnvironment.delete(environmentId);
    this.revisions.set(environmentId, this.revision(environmentId) + 1);
  }

  private setMembership(userId: string, organizationId: string, status: MembershipStatus): void {
    let ofUser = this.memberships.get(userId);
    if (!ofUser) {
      ofUser = new Map();
      this.memberships.set(userId, ofUser);
    }
    ofUser.set(organizationId, status);
  }
}

export const directory = new Directory();
