-- AlterTable
ALTER TABLE "RefreshToken" DROP COLUMN "retryResult";
