-- AlterEnum
ALTER TYPE "OrganizationRule" ADD VALUE 'PERCENTAGE';

-- AlterTable
ALTER TABLE "FeatureFlagRule" ADD COLUMN     "percentageBasisPoints" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "rolloutSalt" TEXT NOT NULL DEFAULT gen_random_uuid()::text;

-- Every existing rule gets its own random salt (above), and new rules get one from Prisma
-- (@default(uuid())), so the column keeps no database default, as the schema says.
-- (No semicolon in these comments: the PostgreSQL migration path splits the script on them.)
ALTER TABLE "FeatureFlagRule" ALTER COLUMN "rolloutSalt" DROP DEFAULT;

-- CreateTable
CREATE TABLE "FeatureFlagRuleUser" (
    "ruleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeatureFlagRuleUser_pkey" PRIMARY KEY ("ruleId","userId")
);

-- CreateIndex
CREATE INDEX "FeatureFlagRuleUser_userId_idx" ON "FeatureFlagRuleUser"("userId");

-- AddForeignKey
ALTER TABLE "FeatureFlagRuleUser" ADD CONSTRAINT "FeatureFlagRuleUser_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "FeatureFlagRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeatureFlagRuleUser" ADD CONSTRAINT "FeatureFlagRuleUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
