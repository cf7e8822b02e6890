import { prisma } from '../db/index.ts';
import type { Organization } from '../generated/prisma/client.ts';
import { changeFeed } from './change-feed.ts';

/** Enough for every organization of a large tenant; beyond it the oldest entries go first. */
const maxCachedOrganizations = 100_000;

/**
 * Organizations by id, read through from the database and then kept in memory, so the flag-read
 * hot path (`organization(id) { featureFlags(environment) }`) costs no query. Every change to an
 * organization is an event, and the change feed hands every instance's events to every
 * instance in log order: an update or delete evicts the row everywhere.
 */
export class OrganizationCache {
  private readonly rows = new Map<string, Organization>();
  /**
   * Bumped by every eviction: a read that started before an eviction must not store what it
   * read, since the row it read may be the one just changed.
   */
  private generation = 0;
  private following = false;

  async find(id: string): Promise<Organization | null> {
    this.follow();
    const cached = this.rows.get(id);
    if (cached) return cached;
    const generation = this.generation;
    const row = await prisma.organization.findUnique({ where: { id } });
    // Unknown ids are not cached, so a later create needs no eviction.
    if (row && generation === this.generation) {
      this.rows.delete(id);
      if (this.rows.size >= maxCachedOrganizations) {
        const oldest = this.rows.keys().next().value;
        if (oldest !== undefined) this.rows.delete(oldest);
      }
      this.rows.set(id, row);
    }
    return row;
  }

  /**
   * Forgets every row. Called when the server starts: changes made while this process's feed was
   * stopped (a server stopped and started again in the same process, as tests do) were never
   * seen here, since a starting feed begins at the latest event. Without it, a row would need an
   * age limit, and every organization would be read again each time it ran out, a dip in
   * flag reads each time.
   */
  clear(): void {
    this.generation++;
    this.rows.clear();
  }

  /** Follows the process's change feed from the first read on (the feed outlives restarts). */
  private follow(): void {
    if (this.following) return;
    this.following = true;
    changeFeed.onEvent((event) => {
      if (event.type === 'organization.updated' || event.type === 'organization.deleted') {
        this.generation++;
        if (event.organizationId) this.rows.delete(event.organizationId);
      }
    });
  }
}

export const organizationCache = new OrganizationCache();
