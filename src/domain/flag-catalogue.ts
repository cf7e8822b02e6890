import { prisma } from '../db/index.ts';
import type { FeatureFlag } from '../generated/prisma/client.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { RecordedEvent } from './events.ts';

/**
 * Every flag's definition (slug, name, description, tags, archived state, timestamps), in memory, in id order:
 * the flag reads of GraphQL and REST are answered from it and from the rules in `flagState`.
 * Loaded at start and kept current by the change feed. A created or updated flag is read once
 * for the stretch of events that holds it (its timestamps are not in the event), before the
 * stretch is handed on, so this instance's own writes are here when they are acknowledged.
 */
/** Events after which the flag's row is read again (its new fields and `updatedAt`). */
const rereadTypes: ReadonlySet<string> = new Set([
  'flag.created',
  'flag.updated',
  'flag.archived',
  'flag.unarchived',
]);

export class FlagCatalogue {
  private readonly flags = new Map<string, FeatureFlag>();
  private readonly idsBySlug = new Map<string, string>();
  /** Ids in ascending order (ULIDs: creation order), made when asked for after a change. */
  private sortedIds: readonly string[] | undefined;
  private readonly readRows = new Map<string, FeatureFlag | null>();

  async load(): Promise<void> {
    const rows = await prisma.featureFlag.findMany();
    this.flags.clear();
    this.idsBySlug.clear();
    this.sortedIds = undefined;
    for (const row of rows) this.set(row);
  }

  follow(feed: ChangeFeed): () => void {
    const stopPreparing = feed.beforeEvents((events) => this.prepare(events));
    const stopFollowing = feed.onEvent((event) => this.apply(event));
    return () => {
      stopPreparing();
      stopFollowing();
    };
  }

  byId(id: string): FeatureFlag | undefined {
    return this.flags.get(id);
  }

  bySlug(slug: string): FeatureFlag | undefined {
    const id = this.idsBySlug.get(slug);
    return id === undefined ? undefined : this.flags.get(id);
  }

  /** Every flag id, ascending. */
  ids(): readonly string[] {
    this.sortedIds ??= [...this.flags.keys()].sort();
    return this.sortedIds;
  }

  private prepare(events: readonly RecordedEvent[]): Promise<void> | undefined {
    const ids = new Set<string>();
    for (const event of events) {
      if (rereadTypes.has(event.type) && event.flagId) ids.add(event.flagId);
    }
    if (ids.size === 0) return undefined;
    return (async () => {
      const rows = await prisma.featureFlag.findMany({ where: { id: { in: [...ids] } } });
      // A flag deleted since reads as null; its deletion follows in the log.
      for (const id of ids) this.readRows.set(id, null);
      for (const row of rows) this.readRows.set(row.id, row);
    })();
  }

  apply(event: RecordedEvent): void {
    switch (event.type) {
      case 'flag.created':
      case 'flag.updated':
      case 'flag.archived':
      case 'flag.unarchived': {
        const id = event.flagId ?? '';
        const row = this.readRows.get(id);
        this.readRows.delete(id);
        if (row) this.set(row);
        return;
      }
      case 'flag.deleted': {
        // One event per environment: the first removes it.
        const flag = this.flags.get(event.flagId ?? '');
        if (!flag) return;
        this.flags.delete(flag.id);
        this.idsBySlug.delete(flag.slug);
        this.sortedIds = undefined;
        return;
      }
      default:
        return;
    }
  }

  private set(row: FeatureFlag): void {
    if (!this.flags.has(row.id)) this.sortedIds = undefined;
    this.flags.set(row.id, row);
    this.idsBySlug.set(row.slug, row.id);
  }
}

export const flagCatalogue = new FlagCatalogue();
