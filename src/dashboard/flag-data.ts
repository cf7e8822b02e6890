import { request } from './api.ts';
import type { FlagDefinitionFragment, FlagTableQuery } from './gql/graphql.ts';
import { graphql } from './gql/index.ts';

/**
 * A flag's own fields, as every page and dialog that lists or edits flags selects them (the
 * table, the archived list, create and update).
 */
graphql(`
  fragment FlagDefinition on FeatureFlag {
    id
    slug
    name
    description
    tags
  }
`);

export type FlagDefinition = FlagDefinitionFragment;

export interface RuleSummary {
  enabled: boolean;
  version: number;
  organizationRule: string;
  percentage: number;
}

const tablePage = graphql(`
  query FlagTable($environments: [String!]!, $first: Int!, $after: String) {
    featureFlags(first: $first, after: $after) {
      edges {
        node {
          ...FlagDefinition
          rules(environments: $environments) {
            enabled
            version
            organizationRule
            percentage
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const oneFlag = graphql(`
  query FlagRow($slug: String!, $environment: String!) {
    featureFlag(slug: $slug) {
      id
      slug
      name
      description
      tags
      archivedAt
      rule(environment: $environment) {
        enabled
        version
        organizationRule
        percentage
      }
    }
  }
`);

/** A flag with its rule in each environment asked for, in that order. */
export interface FlagTableRow {
  flag: FlagDefinition;
  rules: RuleSummary[];
}

/**
 * Every flag with its rules in `environments`, one request per page: a first small page (what
 * fills the first screen, so its switches work at once), then pages of 100, the API's largest.
 */
export async function loadFlagTable(
  environments: string[],
  firstPageSize: number,
  onPage: (rows: FlagTableRow[]) => void,
  cancelled: () => boolean,
): Promise<void> {
  let after: string | null = null;
  let first = firstPageSize;
  do {
    const { featureFlags }: FlagTableQuery = await request(tablePage, { environments, first, after });
    if (cancelled()) return;
    onPage(featureFlags.edges.map(({ node: { rules, ...flag } }) => ({ flag, rules })));
    after = featureFlags.pageInfo.hasNextPage ? (featureFlags.pageInfo.endCursor ?? null) : null;
    first = 100;
  } while (after);
}

/** One flag with its rule in one environment; null once it is deleted. */
/** A live flag's row in one environment; null when it was deleted or archived. */
export async function loadFlagRow(slug: string, environment: string) {
  const { featureFlag } = await request(oneFlag, { slug, environment });
  if (!featureFlag || featureFlag.archivedAt) return null;
  const { archivedAt: _archivedAt, ...row } = featureFlag;
  return row;
}

export const setEnabled = graphql(`
  mutation SetFeatureFlagEnabled($input: SetFeatureFlagEnabledInput!) {
    setFeatureFlagEnabled(input: $input) {
      rule {
        enabled
        version
        organizationRule
        percentage
      }
    }
  }
`);

/** `New checkout (beta)` → `new-checkout-beta`: lower-case letters, digits and dashes. */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 64)
    .replace(/^-+|-+$/g, '');
}
