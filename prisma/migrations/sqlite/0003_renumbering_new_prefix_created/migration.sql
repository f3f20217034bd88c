-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Renumbering" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "oldPrefixId" TEXT NOT NULL,
    "newPrefixId" TEXT,
    "oldPrefix" TEXT NOT NULL,
    "newPrefix" TEXT NOT NULL,
    "newPrefixCreated" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL DEFAULT 'planned',
    "dormantAfterSeconds" INTEGER NOT NULL DEFAULT 604800,
    "jobId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "announcedAt" DATETIME,
    "completedAt" DATETIME,
    CONSTRAINT "Renumbering_oldPrefixId_fkey" FOREIGN KEY ("oldPrefixId") REFERENCES "HomePrefix" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Renumbering_newPrefixId_fkey" FOREIGN KEY ("newPrefixId") REFERENCES "HomePrefix" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Renumbering" ("announcedAt", "completedAt", "createdAt", "dormantAfterSeconds", "id", "jobId", "newPrefix", "newPrefixId", "oldPrefix", "oldPrefixId", "state") SELECT "announcedAt", "completedAt", "createdAt", "dormantAfterSeconds", "id", "jobId", "newPrefix", "newPrefixId", "oldPrefix", "oldPrefixId", "state" FROM "Renumbering";
DROP TABLE "Renumbering";
ALTER TABLE "new_Renumbering" RENAME TO "Renumbering";
CREATE INDEX "Renumbering_oldPrefixId_state_idx" ON "Renumbering"("oldPrefixId", "state");
CREATE INDEX "Renumbering_createdAt_id_idx" ON "Renumbering"("createdAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RenumberingMember_newAddress_idx" ON "RenumberingMember"("newAddress");
