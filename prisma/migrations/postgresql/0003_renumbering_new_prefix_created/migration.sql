-- AlterTable
ALTER TABLE "Renumbering" ADD COLUMN     "newPrefixCreated" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "RenumberingMember_newAddress_idx" ON "RenumberingMember"("newAddress");
