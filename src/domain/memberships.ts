import { BadUserInputError, NotFoundError } from '../errors.ts';
import type { OrganizationMembership } from '../generated/prisma/client.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import { recordEvent } from './events.ts';
import { commitChange } from './transaction.ts';

function membershipRecord(membership: OrganizationMembership) {
  return {
    id: membership.id,
    userId: membership.userId,
    organizationId: membership.organizationId,
    role: membership.roleSlug,
    status: membership.status,
  };
}

const roleSlugPattern = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

export function validRoleSlug(field: string, value: string | null | undefined): string {
  if (value === undefined || value === null || value === '') return 'member';
  if (value.length > 64 || !roleSlugPattern.test(value)) {
    throw new BadUserInputError(field, `${field} must be a role slug like "member" or "admin".`);
  }
  return value;
}

/**
 * Adds a user to an organization, both of the environment (one of another environment is
 * NOT_FOUND): a sandbox key cannot make anyone a member of production's organizations.
 */
export async function createOrganizationMembership(
  actor: Actor,
  environmentId: string,
  input: { userId: string; organizationId: string; roleSlug?: string | null },
): Promise<OrganizationMembership> {
  const roleSlug = validRoleSlug('roleSlug', input.roleSlug);
  return commitChange(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, environmentId: true },
    });
    if (!user || user.environmentId !== environmentId) throw new NotFoundError('User', input.userId);
    const organization = await tx.organization.findUnique({
      where: { id: input.organizationId },
      select: { id: true, environmentId: true },
    });
    if (!organization || organization.environmentId !== environmentId) {
      throw new NotFoundError('Organization', input.organizationId);
    }
    const membership = await tx.organizationMembership.create({
      data: {
        id: newId('om'),
        environmentId,
        userId: input.userId,
        organizationId: input.organizationId,
        roleSlug,
      },
    });
    await recordEvent(tx, {
      type: 'membership.created',
      actor,
      environmentId,
      userId: membership.userId,
      organizationId: membership.organizationId,
      after: membershipRecord(membership),
    });
    return membership;
  });
}

/**
 * Removes a user from an organization and revokes their sessions for it, so a removed member
 * can neither refresh nor keep using a session credential.
 */
export function deleteOrganizationMembership(
  actor: Actor,
  environmentId: string,
  id: string,
): Promise<OrganizationMembership> {
  return commitChange(async (tx) => {
    const before = await tx.organizationMembership.findUnique({ where: { id } });
    if (!before || before.environmentId !== environmentId) {
      throw new NotFoundError('Organization membership', id);
    }
    await tx.organizationMembership.delete({ where: { id } });
    await tx.session.updateMany({
      where: { userId: before.userId, organizationId: before.organizationId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: 'membership_deleted' },
    });
    await recordEvent(tx, {
      type: 'membership.deleted',
      actor,
      environmentId,
      userId: before.userId,
      organizationId: before.organizationId,
      before: membershipRecord(before),
    });
    return before;
  });
}
