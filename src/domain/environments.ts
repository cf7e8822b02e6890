import { prisma, type Transaction } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import type { Environment } from '../generated/prisma/client.ts';
import type { EnvironmentKind } from '../generated/prisma/enums.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import { recordEvent } from './events.ts';
import { createDisabledRules } from './rules.ts';
import { clearSigningKeyCache, newSigningKeyRow, signingAlgorithm } from './signing-keys.ts';
import { commitChange } from './transaction.ts';
import { isSlug, validName, validSlug } from './validation.ts';

export const defaultEnvironments = [
  { slug: 'sandbox', name: 'Sandbox', kind: 'SANDBOX' },
  { slug: 'production', name: 'Production', kind: 'PRODUCTION' },
] as const;

export async function findEnvironmentBySlug(slug: string): Promise<Environment> {
  const environment = isSlug(slug) ? await prisma.environment.findUnique({ where: { slug } }) : null;
  if (!environment) throw new NotFoundError('Environment', slug);
  return environment;
}

async function insertEnvironment(
  tx: Transaction,
  actor: Actor,
  input: { slug: string; name: string; kind: EnvironmentKind },
  id = newId('env'),
): Promise<Environment> {
  const environment = await tx.environment.create({
    data: { id, clientId: newId('client'), ...input },
  });
  const flags = await tx.featureFlag.findMany({ select: { id: true } });
  await createDisabledRules(
    tx,
    actor,
    flags.map((flag) => ({ flagId: flag.id, environmentId: environment.id })),
  );
  await recordEvent(tx, {
    type: 'environment.created',
    actor,
    environmentId: environment.id,
    after: { id: environment.id, slug: environment.slug, name: environment.name, kind: environment.kind },
  });
  return environment;
}

export async function createEnvironment(
  actor: Actor,
  input: { slug: string; name: string; kind: EnvironmentKind },
): Promise<Environment> {
  const data = {
    slug: validSlug('slug', input.slug, 32),
    name: validName('name', input.name, 100),
    kind: input.kind,
  };
  const id = newId('env');
  // Each environment signs its own access tokens (signing-keys.ts); the key is made before the
  // transaction, which then stores it with the environment. (At start, ensureActiveSigningKey
  // gives the first environments theirs.)
  const signingKey = await newSigningKeyRow(signingAlgorithm(), id);
  const environment = await commitChange(async (tx) => {
    const created = await insertEnvironment(tx, actor, data, id);
    await tx.signingKey.create({ data: signingKey });
    return created;
  });
  clearSigningKeyCache();
  return environment;
}

/** On first start (no environments at all) creates `sandbox` and `production`. */
export async function ensureDefaultEnvironments(actor: Actor): Promise<Environment[]> {
  if ((await prisma.environment.count()) > 0) return [];
  return commitChange(async (tx) => {
    // Re-checked inside the transaction: two processes may start on one new database.
    if ((await tx.environment.count()) > 0) return [];
    const created: Environment[] = [];
    for (const environment of defaultEnvironments) {
      created.push(await insertEnvironment(tx, actor, { ...environment }));
    }
    return created;
  });
}
