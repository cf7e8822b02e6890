/** `pennant/openfeature`: the OpenFeature provider for Node backends (`@openfeature/server-sdk`). */
export { PennantClientError } from './errors.ts';
export { PennantProvider, type PennantProviderOptions } from './openfeature-server.ts';
