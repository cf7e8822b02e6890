import { archiveFeatureFlag, unarchiveFeatureFlag } from '../domain/flags.ts';
import { builder } from './builder.ts';
import { actorOf } from './context.ts';
import { FeatureFlagType } from './flag.ts';

type FlagRow = Awaited<ReturnType<typeof archiveFeatureFlag>>;

const archivePayload = {
  outputFields: (t: ArchivePayloadFieldBuilder) => ({
    featureFlag: t.field({ type: FeatureFlagType, resolve: (p: { featureFlag: FlagRow }) => p.featureFlag }),
  }),
};
// biome-ignore lint/suspicious/noExplicitAny: Pothos' field-builder type for payloads is internal.
type ArchivePayloadFieldBuilder = any;

builder.relayMutationField(
  'archiveFeatureFlag',
  { inputFields: (t) => ({ slug: t.string() }) },
  {
    description:
      'Archives a flag: hidden from `featureFlags` (unless `archived: true`), its rules frozen until it is unarchived, its history kept. Refused (BAD_USER_INPUT, naming the environments) while it is on in any environment. Needs an admin key or operator: it reaches every environment.',
    authScopes: { may: 'administer' },
    resolve: async (_root, { input }, context) => ({
      featureFlag: await archiveFeatureFlag(actorOf(context), input.slug),
    }),
  },
  archivePayload,
);

builder.relayMutationField(
  'unarchiveFeatureFlag',
  { inputFields: (t) => ({ slug: t.string() }) },
  {
    description:
      'Brings an archived flag back as it was (off in every environment, its organizations and users kept). Needs an admin key or operator.',
    authScopes: { may: 'administer' },
    resolve: async (_root, { input }, context) => ({
      featureFlag: await unarchiveFeatureFlag(actorOf(context), input.slug),
    }),
  },
  archivePayload,
);
