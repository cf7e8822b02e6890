import { request } from './api.ts';
import type { FlagDefinitionsQuery, FlagRulesQuery } from './gql/graphql.ts';
import { graphql } from './gql/index.ts';

export interface FlagDefinition {
  id: string;
  slug: string;
  name: string;
  description: string;
  tags: string[];
}

export interface RuleSummary {
  enabled: boolean;
  version: number;
  organizationRule: string;
  percentage: number;
}

const definitionsPage = graphql(`
  query FlagDefinitions($after: String) {
    featureFlags(first: 100, after: $after) {
      edges {
        node {
          id
          slug
          name
          description
          tags
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const rulesPage = graphql(`
  query FlagRules($environment: String!, $after: String) {
    featureFlags(first: 100, after: $after) {
      edges {
        node {
          slug
          rule(environment: $environment) {
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

/** Every flag's definition, page by page (100 at a time, the API's largest page). */
export async function loadDefinitions(onPage: (flags: FlagDefinition[]) => void): Promise<void> {
  let after: string | null = null;
  do {
    const { featureFlags }: FlagDefinitionsQuery = await request(definitionsPage, { after });
    onPage(featureFlags.edges.map((edge) => edge.node));
    after = featureFlags.pageInfo.hasNextPage ? (featureFlags.pageInfo.endCursor ?? null) : null;
  } while (after);
}

/** Every flag's rule in one environment, page by page. */
export async function loadRules(
  environment: string,
  onPage: (rules: [slug: string, rule: RuleSummary][]) => void,
): Promise<void> {
  let after: string | null = null;
  do {
    const { featureFlags }: FlagRulesQuery = await request(rulesPage, { environment, after });
    onPage(featureFlags.edges.map((edge) => [edge.node.slug, edge.node.rule]));
    after = featureFlags.pageInfo.hasNextPage ? (featureFlags.pageInfo.endCursor ?? null) : null;
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
