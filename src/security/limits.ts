import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { type GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.ts';

/**
 * Query limits (graphql-armor): depth, cost, aliases, tokens and directives, with limits from
 * the configuration. Introspection is exempt from depth and cost, so GraphiQL's and codegen's
 * introspection queries pass; field suggestions ("Did you mean …?") are hidden in production.
 */
export function useQueryLimits(config: Config): Plugin[] {
  const { limits } = config;
  // armor's validation rules throw by default, which yoga answers as an error without a code
  // and with status 200; reported as validation errors they get GRAPHQL_VALIDATION_FAILED and 400.
  const report = {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
  const plugins: Plugin[] = [
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, ...report },
      costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, ...report },
      maxAliases: { n: limits.maxAliases, ...report },
      // Counted while parsing, where there is no validation context: it fails as a syntax error.
      maxTokens: { n: limits.maxTokens },
      maxDirectives: { n: limits.maxDirectives, ...report },
      blockFieldSuggestion: { enabled: config.production },
    }) as Plugin,
  ];
  if (!config.introspection) plugins.push(useNoIntrospection());
  return plugins;
}

/** `PENNANT_INTROSPECTION=false`: `__schema` and `__type` fail validation. */
function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
