import { prisma } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import type { Organization } from '../generated/prisma/client.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import { recordEvent } from './events.ts';
import { commitChange } from './transaction.ts';
import { validExternalId, validName } from './validation.ts';

function organizationRecord(organization: Organization) {
  return { id: organization.id, name: organization.name, externalId: organization.externalId };
}

/**
 * An organization of the environment. One of another environment is NOT_FOUND, like an unknown
 * id: an environment's keys must not learn what exists elsewhere.
 */
export async function findOrganization(environmentId: string, id: string): Promise<Organization> {
  const organization = await prisma.organization.findUnique({ where: { id } });
  if (!organization || organization.environmentId !== environmentId) {
    throw new NotFoundError('Organization', id);
  }
  return organization;
}

export function createOrganization(
  actor: Actor,
  environmentId: string,
  input: { name: string; externalId?: string | null },
): Promise<Organization> {
  const data = {
    name: validName('name', input.name),
    externalId: validExternalId('externalId', input.externalId),
  };
  return commitChange(async (tx) => {
    const organization = await tx.organization.create({
      data: { id: newId('org'), environmentId, ...data },
    });
    await recordEvent(tx, {
      type: 'organization.created',
      actor,
      environmentId,
      organizationId: organization.id,
      after: organizationRecord(organization),
    });
    return organization;
  });
}

export async function updateOrganization(
  actor: Actor,
  environmentId: string,
  id: string,
  input: { name?: string | null; externalId?: string | null },
): Promise<Organization> {
  const data: { name?: string; externalId?: string | null } = {};
  if (input.name !== undefined && input.name !== null) data.name = validName('name', input.name);
  if (input.externalId !== undefined) data.externalId = validExternalId('externalId', input.externalId);
  return commitChange(async (tx) => {
    const before = await tx.organization.findUnique({ where: { id } });
    if (!before || before.environmentId !== environmentId) throw new NotFoundError('Organization', id);
    const after = await tx.organization.update({ where: { id }, data });
    await recordEvent(tx, {
      type: 'organization.updated',
      actor,
      environmentId,
      organizationId: id,
      before: organizationRecord(before),
      after: organizationRecord(after),
    });
    return after;
  });
}

/** Deleting an organization also removes it from every rule's chosen organizations. */
export function deleteOrganization(actor: Actor, environmentId: string, id: string): Promise<Organization> {
  return commitChange(async (tx) => {
    const before = await tx.organization.findUnique({ where: { id } });
    if (!before || before.environmentId !== environmentId) throw new NotFoundError('Organization', id);
    await tx.organization.delete({ where: { id } });
    await recordEvent(tx, {
      type: 'organization.deleted',
      actor,
      environmentId,
      organizationId: id,
      before: organizationRecord(before),
    });
    return before;
  });
}
