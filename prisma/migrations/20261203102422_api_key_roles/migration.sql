-- CreateEnum
CREATE TYPE "ApiKeyRole" AS ENUM ('READ_ONLY', 'MEMBER', 'ADMIN');

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "role" "ApiKeyRole" NOT NULL DEFAULT 'MEMBER';
