import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { applyPendingMigrations } from '../src/db/migrations.ts';
import { hashSecret } from '../src/domain/api-keys.ts';

/**
 * A data folder made by the version before environments isolated identity: its migrations only,
 * rows as that version wrote them (organizations and users with no environment, one organization
 * and its member used by both environments, a shared signing key). The new version starts on it,
 * migrates, and serves both environments.
 */
const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

const beforeThisIssue = '20261126094904_drop_refresh_idempotency_key';
const u = (n: number) => `01J0000000000000000000000${n}`;

// Builds and migrates a database from nothing twice over: slow on a busy machine.
it('a data folder made by the previous version starts, is migrated and serves', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pennant-old-'));
  folders.push(dataDir);
  const pglite = new PGlite(path.join(dataDir, 'pgdata'));
  await applyPendingMigrations(new PrismaPGlite(pglite), { through: beforeThisIssue });
  const sandboxKey = 'sk_test_' + 'a'.repeat(43);
  const productionKey = 'sk_live_' + 'b'.repeat(43);
  await pglite.exec(`
    INSERT INTO "Environment" (id, slug, name, kind, "clientId") VALUES
      ('env_${u(1)}', 'sandbox', 'Sandbox', 'SANDBOX', 'client_${u(1)}'),
      ('env_${u(2)}', 'production', 'Production', 'PRODUCTION', 'client_${u(2)}');
    INSERT INTO "ApiKey" (id, "environmentId", name, "secretHash", "secretLast4") VALUES
      ('key_${u(1)}', 'env_${u(1)}', 'old sandbox', '${hashSecret(sandboxKey)}', 'aaaa'),
      ('key_${u(2)}', 'env_${u(2)}', 'old production', '${hashSecret(productionKey)}', 'bbbb');
    INSERT INTO "Organization" (id, name, "externalId", "updatedAt") VALUES
      ('org_${u(1)}', 'Shared', 'shared-1', now()), ('org_${u(2)}', 'Sandbox only', null, now());
    INSERT INTO "User" (id, email, "updatedAt") VALUES ('user_${u(1)}', 'ada@example.com', now());
    INSERT INTO "OrganizationMembership" (id, "userId", "organizationId", "roleSlug", "updatedAt") VALUES
      ('om_${u(1)}', 'user_${u(1)}', 'org_${u(1)}', 'admin', now());
    INSERT INTO "Event" (type, "actorType", "actorId", "organizationId") VALUES
      ('organization.created', 'api_key', 'key_${u(1)}', 'org_${u(2)}');
    INSERT INTO "FeatureFlag" (id, slug, name, "updatedAt") VALUES ('flag_${u(1)}', 'beta', 'Beta', now());
    INSERT INTO "FeatureFlagRule" (id, "flagId", "environmentId", enabled, "organizationRule") VALUES
      ('rule_${u(1)}', 'flag_${u(1)}', 'env_${u(1)}', true, 'SOME'),
      ('rule_${u(2)}', 'flag_${u(1)}', 'env_${u(2)}', true, 'SOME');
    INSERT INTO "FeatureFlagRuleOrganization" ("ruleId", "organizationId") VALUES
      ('rule_${u(1)}', 'org_${u(1)}'), ('rule_${u(2)}', 'org_${u(1)}');
    INSERT INTO "Session" (id, "userId", "organizationId", "environmentId", "updatedAt", "expiresAt") VALUES
      ('session_${u(1)}', 'user_${u(1)}', 'org_${u(1)}', 'env_${u(1)}', now(), now() + interval '1 day');
    INSERT INTO "SigningKey" (id, algorithm, "publicJwk", "privateKeyEncrypted") VALUES
      ('old-kid', 'RS256', '{"kty":"RSA","n":"x","e":"AQAB","kid":"old-kid"}', 'x');
  `);
  await pglite.close();

  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PENNANT_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const app = buildApp(config);
  const running = await app.start();
  try {
    const query = async (apiKey: string, body: string) => {
      const response = await fetch(`${running.url.replace('localhost', '127.0.0.1')}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ query: body }),
      });
      return (await response.json()) as { data: Record<string, unknown>; errors?: unknown[] };
    };
    const list =
      '{ organizations(first: 10) { edges { node { id name externalId } } } users(first: 10) { edges { node { id email memberships { organization { id } role } } } } }';
    const production = await query(productionKey, list);
    const sandbox = await query(sandboxKey, list);
    expect(production.errors).toBeUndefined();
    expect(sandbox.errors).toBeUndefined();
    type Lists = {
      organizations: { edges: { node: { id: string; name: string; externalId: string | null } }[] };
      users: {
        edges: {
          node: { id: string; email: string; memberships: { organization: { id: string }; role: string }[] };
        }[];
      };
    };
    const p = production.data as unknown as Lists;
    const s = sandbox.data as unknown as Lists;
    // Production keeps the shared organization's id; sandbox has a copy with the same external id.
    expect(p.organizations.edges.map((e) => e.node)).toEqual([
      { id: `org_${u(1)}`, name: 'Shared', externalId: 'shared-1' },
    ]);
    const sandboxOrganizations = s.organizations.edges.map((e) => e.node);
    expect(sandboxOrganizations.map((o) => o.name).sort()).toEqual(['Sandbox only', 'Shared']);
    const copy = sandboxOrganizations.find((o) => o.name === 'Shared');
    expect(copy?.id).toMatch(/^org_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(copy?.id).not.toBe(`org_${u(1)}`);
    expect(copy?.externalId).toBe('shared-1');
    // The member is in both, each time with the membership to that environment's organization.
    expect(p.users.edges[0]?.node).toMatchObject({
      id: `user_${u(1)}`,
      memberships: [{ organization: { id: `org_${u(1)}` }, role: 'admin' }],
    });
    expect(s.users.edges[0]?.node.memberships).toEqual([{ organization: { id: copy?.id }, role: 'admin' }]);
    // The sandbox rule now chooses the sandbox copy: the flag is still on for it in sandbox.
    const flags = await query(
      sandboxKey,
      `{ organization(id: "${copy?.id}") { featureFlags(environment: "sandbox") } }`,
    );
    expect(flags.data).toEqual({ organization: { featureFlags: ['beta'] } });
    // The session moved to the sandbox copies; each environment now has its own active key.
    const jwks = (await (
      await fetch(`${running.url.replace('localhost', '127.0.0.1')}/sso/jwks/client_${u(2)}`)
    ).json()) as {
      keys: { kid: string }[];
    };
    expect(jwks.keys.map((key) => key.kid)).toContain('old-kid');
    expect(jwks.keys.length).toBe(2);
  } finally {
    await app.stop();
  }
  // The server migrates in a worker thread, which compiles the schema engine once more.
}, 120_000);
