-- Organizations, users and memberships belong to one environment, and so do signing keys
-- (docs/security.md, "Environments isolate identity").
--
-- Existing rows are assigned to the environments that used them: sessions, rule targets, events
-- written by an API key of the environment (or recorded in it), and, for users, the environments
-- of their organizations. One used by several environments is copied into each: the copy in the
-- best-ranked environment (production before sandbox, then the oldest) keeps the id, the others
-- get new ids (same time part, so the order is kept) with the same name, e-mail and external id,
-- and that environment sessions, memberships and rule targets are moved to its copies. One used
-- by none goes to the best-ranked environment.

ALTER TABLE "Organization" ADD COLUMN "environmentId" TEXT;
ALTER TABLE "User" ADD COLUMN "environmentId" TEXT;
ALTER TABLE "OrganizationMembership" ADD COLUMN "environmentId" TEXT;
ALTER TABLE "SigningKey" ADD COLUMN "environmentId" TEXT;

-- Copies share e-mail and external id with their original (unique per environment from now on).
DROP INDEX "Organization_externalId_key";
DROP INDEX "User_email_key";
DROP INDEX "User_externalId_key";

CREATE TEMP TABLE "_pennant_env_rank" AS
SELECT "id" AS "env", row_number() OVER (ORDER BY ("kind" = 'PRODUCTION') DESC, "createdAt", "id") AS "rank"
FROM "Environment";

CREATE TEMP TABLE "_pennant_org_env" AS
SELECT DISTINCT u."org", u."env" FROM (
  SELECT "organizationId" AS "org", "environmentId" AS "env" FROM "Session"
  UNION ALL
  SELECT ro."organizationId", r."environmentId"
  FROM "FeatureFlagRuleOrganization" ro JOIN "FeatureFlagRule" r ON r."id" = ro."ruleId"
  UNION ALL
  SELECT e."organizationId", k."environmentId"
  FROM "Event" e JOIN "ApiKey" k ON e."actorType" = 'api_key' AND k."id" = e."actorId"
  WHERE e."organizationId" IS NOT NULL
  UNION ALL
  SELECT "organizationId", "environmentId" FROM "Event"
  WHERE "organizationId" IS NOT NULL AND "environmentId" IS NOT NULL
) u
JOIN "Organization" o ON o."id" = u."org"
JOIN "Environment" x ON x."id" = u."env";

INSERT INTO "_pennant_org_env" ("org", "env")
SELECT o."id", (SELECT "env" FROM "_pennant_env_rank" ORDER BY "rank" LIMIT 1)
FROM "Organization" o
WHERE NOT EXISTS (SELECT 1 FROM "_pennant_org_env" oe WHERE oe."org" = o."id");

CREATE TEMP TABLE "_pennant_user_env" AS
SELECT DISTINCT u."usr", u."env" FROM (
  SELECT "userId" AS "usr", "environmentId" AS "env" FROM "Session"
  UNION ALL
  SELECT e."userId", k."environmentId"
  FROM "Event" e JOIN "ApiKey" k ON e."actorType" = 'api_key' AND k."id" = e."actorId"
  WHERE e."userId" IS NOT NULL
  UNION ALL
  SELECT "userId", "environmentId" FROM "Event" WHERE "userId" IS NOT NULL AND "environmentId" IS NOT NULL
  UNION ALL
  -- A member is needed wherever the organization is: its memberships are copied there too.
  SELECT m."userId", oe."env"
  FROM "OrganizationMembership" m JOIN "_pennant_org_env" oe ON oe."org" = m."organizationId"
) u
JOIN "User" x ON x."id" = u."usr"
JOIN "Environment" y ON y."id" = u."env";

INSERT INTO "_pennant_user_env" ("usr", "env")
SELECT us."id", (SELECT "env" FROM "_pennant_env_rank" ORDER BY "rank" LIMIT 1)
FROM "User" us
WHERE NOT EXISTS (SELECT 1 FROM "_pennant_user_env" ue WHERE ue."usr" = us."id");

-- The id of each row in each of its environments. The id of a copy keeps the prefix and the ULID
-- time part of the original, and derives the rest from the original id and the environment.
CREATE TEMP TABLE "_pennant_org_map" AS
SELECT oe."org" AS "oldId", oe."env",
  CASE WHEN row_number() OVER (PARTITION BY oe."org" ORDER BY r."rank") = 1 THEN oe."org"
       ELSE split_part(oe."org", '_', 1) || '_' || substr(split_part(oe."org", '_', 2), 1, 10)
            || upper(substr(md5(oe."org" || '/' || oe."env"), 1, 16)) END AS "newId"
FROM "_pennant_org_env" oe JOIN "_pennant_env_rank" r ON r."env" = oe."env";

CREATE TEMP TABLE "_pennant_user_map" AS
SELECT ue."usr" AS "oldId", ue."env",
  CASE WHEN row_number() OVER (PARTITION BY ue."usr" ORDER BY r."rank") = 1 THEN ue."usr"
       ELSE split_part(ue."usr", '_', 1) || '_' || substr(split_part(ue."usr", '_', 2), 1, 10)
            || upper(substr(md5(ue."usr" || '/' || ue."env"), 1, 16)) END AS "newId"
FROM "_pennant_user_env" ue JOIN "_pennant_env_rank" r ON r."env" = ue."env";

CREATE TEMP TABLE "_pennant_membership_map" AS
SELECT mb."id" AS "oldId", om."env", om."newId" AS "organizationId", um."newId" AS "userId",
  CASE WHEN om."newId" = om."oldId" THEN mb."id"
       ELSE split_part(mb."id", '_', 1) || '_' || substr(split_part(mb."id", '_', 2), 1, 10)
            || upper(substr(md5(mb."id" || '/' || om."env"), 1, 16)) END AS "newId"
FROM "OrganizationMembership" mb
JOIN "_pennant_org_map" om ON om."oldId" = mb."organizationId"
JOIN "_pennant_user_map" um ON um."oldId" = mb."userId" AND um."env" = om."env";

UPDATE "Organization" o SET "environmentId" = m."env"
FROM "_pennant_org_map" m WHERE m."oldId" = o."id" AND m."newId" = o."id";
INSERT INTO "Organization" ("id", "environmentId", "name", "externalId", "createdAt", "updatedAt")
SELECT m."newId", m."env", o."name", o."externalId", o."createdAt", o."updatedAt"
FROM "_pennant_org_map" m JOIN "Organization" o ON o."id" = m."oldId"
WHERE m."newId" <> m."oldId";

UPDATE "User" u SET "environmentId" = m."env"
FROM "_pennant_user_map" m WHERE m."oldId" = u."id" AND m."newId" = u."id";
INSERT INTO "User" ("id", "environmentId", "email", "firstName", "lastName", "emailVerified",
                    "profilePictureUrl", "externalId", "lastSignInAt", "createdAt", "updatedAt")
SELECT m."newId", m."env", u."email", u."firstName", u."lastName", u."emailVerified",
       u."profilePictureUrl", u."externalId", u."lastSignInAt", u."createdAt", u."updatedAt"
FROM "_pennant_user_map" m JOIN "User" u ON u."id" = m."oldId"
WHERE m."newId" <> m."oldId";

INSERT INTO "OrganizationMembership" ("id", "environmentId", "userId", "organizationId", "roleSlug",
                                      "status", "createdAt", "updatedAt")
SELECT m."newId", m."env", m."userId", m."organizationId", mb."roleSlug", mb."status",
       mb."createdAt", mb."updatedAt"
FROM "_pennant_membership_map" m JOIN "OrganizationMembership" mb ON mb."id" = m."oldId"
WHERE m."newId" <> m."oldId";
-- The original membership stays in the first environment of its organization (where the
-- organization kept its id), with its user there (which may be a copy).
UPDATE "OrganizationMembership" mb SET "environmentId" = m."env", "userId" = m."userId"
FROM "_pennant_membership_map" m WHERE m."oldId" = mb."id" AND m."newId" = mb."id";

-- Sessions and rule targets move to the copies of their environment.
UPDATE "Session" s SET "userId" = m."newId"
FROM "_pennant_user_map" m
WHERE m."oldId" = s."userId" AND m."env" = s."environmentId" AND m."newId" <> m."oldId";
UPDATE "Session" s SET "organizationId" = m."newId"
FROM "_pennant_org_map" m
WHERE m."oldId" = s."organizationId" AND m."env" = s."environmentId" AND m."newId" <> m."oldId";
UPDATE "FeatureFlagRuleOrganization" ro SET "organizationId" = m."newId"
FROM "FeatureFlagRule" r, "_pennant_org_map" m
WHERE r."id" = ro."ruleId" AND m."oldId" = ro."organizationId" AND m."env" = r."environmentId"
  AND m."newId" <> m."oldId";

-- Audit entries about organizations, users and memberships were visible to every environment:
-- they now belong to the environment whose key wrote them (else the rows first environment).
UPDATE "Event" e SET "environmentId" = k."environmentId"
FROM "ApiKey" k
WHERE e."environmentId" IS NULL AND e."actorType" = 'api_key' AND k."id" = e."actorId"
  AND (e."type" LIKE 'organization.%' OR e."type" LIKE 'user.%' OR e."type" LIKE 'membership.%');
UPDATE "Event" e SET "environmentId" = m."env"
FROM "_pennant_org_map" m
WHERE e."environmentId" IS NULL AND m."oldId" = e."organizationId" AND m."newId" = m."oldId"
  AND (e."type" LIKE 'organization.%' OR e."type" LIKE 'membership.%');
UPDATE "Event" e SET "environmentId" = m."env"
FROM "_pennant_user_map" m
WHERE e."environmentId" IS NULL AND m."oldId" = e."userId" AND m."newId" = m."oldId"
  AND e."type" LIKE 'user.%';

-- Signing keys were shared by every environment. They sign no more (each environment gets its
-- own at start) and verify the tokens they signed until those expire.
UPDATE "SigningKey" SET "retiredAt" = CURRENT_TIMESTAMP WHERE "retiredAt" IS NULL;

DROP TABLE "_pennant_membership_map";
DROP TABLE "_pennant_user_map";
DROP TABLE "_pennant_org_map";
DROP TABLE "_pennant_user_env";
DROP TABLE "_pennant_org_env";
DROP TABLE "_pennant_env_rank";

ALTER TABLE "Organization" ALTER COLUMN "environmentId" SET NOT NULL;
ALTER TABLE "User" ALTER COLUMN "environmentId" SET NOT NULL;
ALTER TABLE "OrganizationMembership" ALTER COLUMN "environmentId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Organization_environmentId_id_idx" ON "Organization"("environmentId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_environmentId_externalId_key" ON "Organization"("environmentId", "externalId");

-- CreateIndex
CREATE INDEX "OrganizationMembership_environmentId_idx" ON "OrganizationMembership"("environmentId");

-- CreateIndex
CREATE INDEX "SigningKey_environmentId_idx" ON "SigningKey"("environmentId");

-- CreateIndex
CREATE INDEX "User_environmentId_id_idx" ON "User"("environmentId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "User_environmentId_email_key" ON "User"("environmentId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "User_environmentId_externalId_key" ON "User"("environmentId", "externalId");

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationMembership" ADD CONSTRAINT "OrganizationMembership_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SigningKey" ADD CONSTRAINT "SigningKey_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
