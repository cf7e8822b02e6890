-- AlterTable
ALTER TABLE "RefreshToken" DROP COLUMN "idempotencyKeyHash";
