import { organizationRuleCoversEveryone } from '../domain/evaluation.ts';
import { BadUserInputError } from '../errors.ts';
import type { FeatureFlag } from '../generated/prisma/client.ts';
import type { OrganizationRule } from '../generated/prisma/enums.ts';

/**
 * WorkOS's wire objects (snake_case), exactly the fields the SDK's deserializers read.
 * See docs/workos-compatibility.md §3 for where each shape comes from.
 */

/** A flag's state in one environment, as the REST answers need it. */
export interface RuleState {
  enabled: boolean;
  organizationRule: OrganizationRule;
  /** Absent in events written before rollouts existed. */
  percentageBasisPoints?: number;
  updatedAt: Date;
}

export interface FeatureFlagWire {
  object: 'feature_flag';
  id: string;
  slug: string;
  name: string;
  description: string;
  tags: string[];
  /** The flag is on in this environment (WorkOS's environment toggle). */
  enabled: boolean;
  /** What everyone not targeted gets: true exactly for ALL (or a rollout at 100 %). */
  default_value: boolean;
  created_at: string;
  updated_at: string;
}

export function featureFlagWire(flag: FeatureFlag, rule: RuleState): FeatureFlagWire {
  const updatedAt = new Date(Math.max(rule.updatedAt.getTime(), flag.updatedAt.getTime()));
  return featureFlagObject(flag, rule, flag.createdAt, updatedAt);
}

/** The flag object from its definition and its rule's state; REST answers and webhooks share it. */
export function featureFlagObject(
  flag: Pick<FeatureFlag, 'id' | 'slug' | 'name' | 'description' | 'tags'>,
  rule: Pick<RuleState, 'enabled' | 'organizationRule' | 'percentageBasisPoints'>,
  createdAt: Date,
  updatedAt: Date,
): FeatureFlagWire {
  return {
    object: 'feature_flag',
    id: flag.id,
    slug: flag.slug,
    name: flag.name,
    description: flag.description,
    tags: flag.tags,
    enabled: rule.enabled,
    default_value: organizationRuleCoversEveryone(rule),
    created_at: createdAt.toISOString(),
    updated_at: updatedAt.toISOString(),
  };
}

export interface ListWire<T> {
  object: 'list';
  data: T[];
  list_metadata: { before: string | null; after: string | null };
}

export type Order = 'asc' | 'desc';

export interface PageRequest {
  limit: number;
  order: Order;
  after: string | undefined;
  before: string | undefined;
}

export const defaultPageLimit = 10;
export const maxPageLimit = 100;

const cursorPattern = /^[a-z]+_[0-9A-HJKMNP-TV-Z]{26}$/;

/** `limit` (1–100, default 10), `order` (`desc` by default, like the SDK), `after` or `before`. */
export function parsePageRequest(url: URL): PageRequest {
  const query = url.searchParams;
  const rawLimit = query.get('limit');
  const limit = rawLimit === null || rawLimit === '' ? defaultPageLimit : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPageLimit) {
    throw new BadUserInputError('limit', `limit must be an integer from 1 to ${maxPageLimit}.`);
  }
  const order = query.get('order') || 'desc';
  if (order !== 'asc' && order !== 'desc') {
    throw new BadUserInputError('order', 'order must be "asc" or "desc".');
  }
  const after = query.get('after') || undefined;
  const before = query.get('before') || undefined;
  if (after && before) {
    throw new BadUserInputError('before', 'Pass either after or before, not both.');
  }
  for (const [field, cursor] of [
    ['after', after],
    ['before', before],
  ] as const) {
    if (cursor !== undefined && !cursorPattern.test(cursor)) {
      throw new BadUserInputError(field, `${field} must be an object id from list_metadata.`);
    }
  }
  return { limit, order, after, before };
}

/** A condition on ids, and the direction to read in, for one step of cursor pagination. */
export interface PageQuery {
  id: { lt?: string; gt?: string } | undefined;
  direction: Order;
  take: number;
}

/**
 * Cursor pagination over ids (ULIDs, so creation order), in WorkOS's terms: `after` continues
 * in the requested order past the cursor, `before` returns the page that ends just before it.
 * `list_metadata.after` / `.before` are set only when there is more in that direction.
 */
export async function paginate<T extends { id: string }>(
  page: PageRequest,
  read: (query: PageQuery) => Promise<T[]>,
): Promise<{ data: T[]; before: string | null; after: string | null }> {
  const forward = page.order;
  const backward: Order = forward === 'desc' ? 'asc' : 'desc';
  // "Further along the requested order than id" and its opposite.
  const past = (id: string) => (forward === 'desc' ? { lt: id } : { gt: id });
  const behind = (id: string) => (forward === 'desc' ? { gt: id } : { lt: id });

  if (page.before !== undefined) {
    const rows = await read({ id: behind(page.before), direction: backward, take: page.limit + 1 });
    const hasMoreBefore = rows.length > page.limit;
    const data = rows.slice(0, page.limit).reverse();
    const last = data.at(-1);
    const hasMoreAfter = last
      ? (await read({ id: past(last.id), direction: forward, take: 1 })).length > 0
      : false;
    return {
      data,
      before: hasMoreBefore ? (data[0]?.id ?? null) : null,
      after: hasMoreAfter ? (last?.id ?? null) : null,
    };
  }
  const rows = await read({
    id: page.after !== undefined ? past(page.after) : undefined,
    direction: forward,
    take: page.limit + 1,
  });
  const hasMoreAfter = rows.length > page.limit;
  const data = rows.slice(0, page.limit);
  const first = data[0];
  const hasMoreBefore =
    page.after !== undefined && first
      ? (await read({ id: behind(first.id), direction: backward, take: 1 })).length > 0
      : false;
  return {
    data,
    before: hasMoreBefore ? (first?.id ?? null) : null,
    after: hasMoreAfter ? (data.at(-1)?.id ?? null) : null,
  };
}

export function listWire<T>(
  data: T[],
  metadata: { before: string | null; after: string | null },
): ListWire<T> {
  return { object: 'list', data, list_metadata: { before: metadata.before, after: metadata.after } };
}
