/**
 * The description of the optional `environment` (slug) of fields that act in one environment:
 * an API key may omit it (its own environment), an operator names one (`environmentFor`).
 */
export const environmentDescription =
  'The environment’s slug. Defaults to the API key’s own environment; required for operators.';

export const environmentOption = { required: false, description: environmentDescription } as const;
