-- AlterTable
ALTER TABLE "FeatureFlag" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Event_actorId_id_idx" ON "Event"("actorId", "id");
