-- CreateTable
CREATE TABLE "Provider" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Realm" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Realm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProviderRole" (
    "providerId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "ProviderRole_pkey" PRIMARY KEY ("providerId","role")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromProviderId" TEXT NOT NULL,
    "toProviderId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3),
    "allowLocalHomeAgent" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HomeAgent" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fqdn" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'in-service',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HomeAgent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HomePrefix" (
    "id" TEXT NOT NULL,
    "homeAgentId" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "startHex" TEXT NOT NULL,
    "endHex" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'active',
    "aggregateId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HomePrefix_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrefixAggregate" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "startHex" TEXT NOT NULL,
    "endHex" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrefixAggregate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subscriber" (
    "id" TEXT NOT NULL,
    "nai" TEXT NOT NULL,
    "msaProviderId" TEXT NOT NULL,
    "accessNai" TEXT,
    "asaProviderId" TEXT,
    "homeAddressPolicy" TEXT NOT NULL DEFAULT 'dynamic',
    "staticHomeAddress" TEXT,
    "pinnedHomeAgentId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "suspendedReason" TEXT,
    "rebootstrapRequired" BOOLEAN NOT NULL DEFAULT false,
    "rebootstrapReason" TEXT,
    "rebootstrapAt" TIMESTAMP(3),
    "lastBootstrapAt" TIMESTAMP(3),
    "homeAgentId" TEXT,
    "portalPasswordHash" TEXT,
    "portalFailedLogins" INTEGER NOT NULL DEFAULT 0,
    "portalLockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" TEXT NOT NULL,
    "subscriberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "secretEnc" TEXT,
    "keyName" TEXT,
    "fingerprint" TEXT,
    "notAfter" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotatedAt" TIMESTAMP(3),

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HoaLease" (
    "id" TEXT NOT NULL,
    "subscriberId" TEXT NOT NULL,
    "prefixId" TEXT NOT NULL,
    "homeAgentId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "addressHex" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HoaLease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BootstrapSession" (
    "id" TEXT NOT NULL,
    "subscriberId" TEXT,
    "msaProviderId" TEXT,
    "nai" TEXT NOT NULL,
    "servingRealm" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "homeAddressMode" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "scenario" TEXT,
    "homeAgentId" TEXT,
    "homeAddress" TEXT,
    "homePrefix" TEXT,
    "keyName" TEXT,
    "expiresAt" TIMESTAMP(3),
    "sourceAddress" TEXT,
    "latencyMs" DOUBLE PRECISION NOT NULL,
    "explanation" TEXT,
    "steps" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BootstrapSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortalInvite" (
    "id" TEXT NOT NULL,
    "subscriberId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortalInvite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplayNonce" (
    "nai" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReplayNonce_pkey" PRIMARY KEY ("nai","nonce")
);

-- CreateTable
CREATE TABLE "Renumbering" (
    "id" TEXT NOT NULL,
    "oldPrefixId" TEXT NOT NULL,
    "newPrefixId" TEXT,
    "oldPrefix" TEXT NOT NULL,
    "newPrefix" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'planned',
    "dormantAfterSeconds" INTEGER NOT NULL DEFAULT 604800,
    "jobId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "announcedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Renumbering_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RenumberingMember" (
    "id" TEXT NOT NULL,
    "renumberingId" TEXT NOT NULL,
    "subscriberId" TEXT NOT NULL,
    "oldAddress" TEXT NOT NULL,
    "newAddress" TEXT NOT NULL,
    "isStatic" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "migratedAt" TIMESTAMP(3),

    CONSTRAINT "RenumberingMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RenumberingEvent" (
    "id" TEXT NOT NULL,
    "renumberingId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pending" INTEGER NOT NULL,
    "migrated" INTEGER NOT NULL,
    "dormant" INTEGER NOT NULL,

    CONSTRAINT "RenumberingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "errors" TEXT NOT NULL DEFAULT '[]',
    "payload" TEXT,
    "result" TEXT,
    "ownerId" TEXT,
    "lockedBy" TEXT,
    "lockedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "totpSecretEnc" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserProvider" (
    "userId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,

    CONSTRAINT "UserProvider_pkey" PRIMARY KEY ("userId","providerId")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT,
    "changes" TEXT,
    "requestId" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "RateCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateCounter_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE UNIQUE INDEX "Provider_name_key" ON "Provider"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Realm_name_key" ON "Realm"("name");

-- CreateIndex
CREATE INDEX "Realm_providerId_idx" ON "Realm"("providerId");

-- CreateIndex
CREATE INDEX "ProviderRole_role_idx" ON "ProviderRole"("role");

-- CreateIndex
CREATE INDEX "Agreement_fromProviderId_toProviderId_kind_idx" ON "Agreement"("fromProviderId", "toProviderId", "kind");

-- CreateIndex
CREATE INDEX "Agreement_toProviderId_kind_idx" ON "Agreement"("toProviderId", "kind");

-- CreateIndex
CREATE INDEX "Agreement_status_idx" ON "Agreement"("status");

-- CreateIndex
CREATE INDEX "Agreement_createdAt_id_idx" ON "Agreement"("createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "HomeAgent_fqdn_key" ON "HomeAgent"("fqdn");

-- CreateIndex
CREATE UNIQUE INDEX "HomeAgent_address_key" ON "HomeAgent"("address");

-- CreateIndex
CREATE INDEX "HomeAgent_providerId_state_idx" ON "HomeAgent"("providerId", "state");

-- CreateIndex
CREATE INDEX "HomeAgent_createdAt_id_idx" ON "HomeAgent"("createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "HomeAgent_providerId_name_key" ON "HomeAgent"("providerId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "HomePrefix_prefix_key" ON "HomePrefix"("prefix");

-- CreateIndex
CREATE INDEX "HomePrefix_homeAgentId_state_idx" ON "HomePrefix"("homeAgentId", "state");

-- CreateIndex
CREATE INDEX "HomePrefix_startHex_endHex_idx" ON "HomePrefix"("startHex", "endHex");

-- CreateIndex
CREATE INDEX "HomePrefix_createdAt_id_idx" ON "HomePrefix"("createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PrefixAggregate_prefix_key" ON "PrefixAggregate"("prefix");

-- CreateIndex
CREATE INDEX "PrefixAggregate_providerId_idx" ON "PrefixAggregate"("providerId");

-- CreateIndex
CREATE INDEX "PrefixAggregate_startHex_endHex_idx" ON "PrefixAggregate"("startHex", "endHex");

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_nai_key" ON "Subscriber"("nai");

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_accessNai_key" ON "Subscriber"("accessNai");

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_staticHomeAddress_key" ON "Subscriber"("staticHomeAddress");

-- CreateIndex
CREATE INDEX "Subscriber_msaProviderId_nai_idx" ON "Subscriber"("msaProviderId", "nai");

-- CreateIndex
CREATE INDEX "Subscriber_msaProviderId_createdAt_id_idx" ON "Subscriber"("msaProviderId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Subscriber_createdAt_id_idx" ON "Subscriber"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Subscriber_rebootstrapRequired_rebootstrapReason_idx" ON "Subscriber"("rebootstrapRequired", "rebootstrapReason");

-- CreateIndex
CREATE INDEX "Subscriber_rebootstrapRequired_rebootstrapAt_id_idx" ON "Subscriber"("rebootstrapRequired", "rebootstrapAt", "id");

-- CreateIndex
CREATE INDEX "Subscriber_lastBootstrapAt_idx" ON "Subscriber"("lastBootstrapAt");

-- CreateIndex
CREATE INDEX "Subscriber_homeAgentId_idx" ON "Subscriber"("homeAgentId");

-- CreateIndex
CREATE INDEX "Subscriber_status_idx" ON "Subscriber"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_subscriberId_kind_key" ON "Credential"("subscriberId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "HoaLease_subscriberId_key" ON "HoaLease"("subscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "HoaLease_address_key" ON "HoaLease"("address");

-- CreateIndex
CREATE INDEX "HoaLease_prefixId_addressHex_idx" ON "HoaLease"("prefixId", "addressHex");

-- CreateIndex
CREATE INDEX "HoaLease_homeAgentId_idx" ON "HoaLease"("homeAgentId");

-- CreateIndex
CREATE INDEX "HoaLease_createdAt_id_idx" ON "HoaLease"("createdAt", "id");

-- CreateIndex
CREATE INDEX "BootstrapSession_createdAt_id_idx" ON "BootstrapSession"("createdAt", "id");

-- CreateIndex
CREATE INDEX "BootstrapSession_msaProviderId_createdAt_id_idx" ON "BootstrapSession"("msaProviderId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "BootstrapSession_subscriberId_createdAt_idx" ON "BootstrapSession"("subscriberId", "createdAt");

-- CreateIndex
CREATE INDEX "BootstrapSession_outcome_createdAt_idx" ON "BootstrapSession"("outcome", "createdAt");

-- CreateIndex
CREATE INDEX "BootstrapSession_scenario_createdAt_idx" ON "BootstrapSession"("scenario", "createdAt");

-- CreateIndex
CREATE INDEX "BootstrapSession_homeAgentId_createdAt_idx" ON "BootstrapSession"("homeAgentId", "createdAt");

-- CreateIndex
CREATE INDEX "BootstrapSession_nai_createdAt_idx" ON "BootstrapSession"("nai", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PortalInvite_tokenHash_key" ON "PortalInvite"("tokenHash");

-- CreateIndex
CREATE INDEX "PortalInvite_subscriberId_createdAt_idx" ON "PortalInvite"("subscriberId", "createdAt");

-- CreateIndex
CREATE INDEX "ReplayNonce_expiresAt_idx" ON "ReplayNonce"("expiresAt");

-- CreateIndex
CREATE INDEX "Renumbering_oldPrefixId_state_idx" ON "Renumbering"("oldPrefixId", "state");

-- CreateIndex
CREATE INDEX "Renumbering_createdAt_id_idx" ON "Renumbering"("createdAt", "id");

-- CreateIndex
CREATE INDEX "RenumberingMember_renumberingId_state_idx" ON "RenumberingMember"("renumberingId", "state");

-- CreateIndex
CREATE INDEX "RenumberingMember_subscriberId_idx" ON "RenumberingMember"("subscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "RenumberingMember_renumberingId_subscriberId_key" ON "RenumberingMember"("renumberingId", "subscriberId");

-- CreateIndex
CREATE INDEX "RenumberingEvent_renumberingId_at_idx" ON "RenumberingEvent"("renumberingId", "at");

-- CreateIndex
CREATE INDEX "Job_state_createdAt_idx" ON "Job"("state", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_createdAt_id_idx" ON "User"("createdAt", "id");

-- CreateIndex
CREATE INDEX "UserProvider_providerId_idx" ON "UserProvider"("providerId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_seq_key" ON "AuditEntry"("seq");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_objectType_objectId_idx" ON "AuditEntry"("objectType", "objectId");

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_at_idx" ON "AuditEntry"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_action_at_idx" ON "AuditEntry"("action", "at");

-- CreateIndex
CREATE INDEX "RateCounter_windowStart_idx" ON "RateCounter"("windowStart");

-- AddForeignKey
ALTER TABLE "Realm" ADD CONSTRAINT "Realm_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderRole" ADD CONSTRAINT "ProviderRole_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_fromProviderId_fkey" FOREIGN KEY ("fromProviderId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_toProviderId_fkey" FOREIGN KEY ("toProviderId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HomeAgent" ADD CONSTRAINT "HomeAgent_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HomePrefix" ADD CONSTRAINT "HomePrefix_homeAgentId_fkey" FOREIGN KEY ("homeAgentId") REFERENCES "HomeAgent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HomePrefix" ADD CONSTRAINT "HomePrefix_aggregateId_fkey" FOREIGN KEY ("aggregateId") REFERENCES "PrefixAggregate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrefixAggregate" ADD CONSTRAINT "PrefixAggregate_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscriber" ADD CONSTRAINT "Subscriber_msaProviderId_fkey" FOREIGN KEY ("msaProviderId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscriber" ADD CONSTRAINT "Subscriber_asaProviderId_fkey" FOREIGN KEY ("asaProviderId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscriber" ADD CONSTRAINT "Subscriber_pinnedHomeAgentId_fkey" FOREIGN KEY ("pinnedHomeAgentId") REFERENCES "HomeAgent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HoaLease" ADD CONSTRAINT "HoaLease_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HoaLease" ADD CONSTRAINT "HoaLease_prefixId_fkey" FOREIGN KEY ("prefixId") REFERENCES "HomePrefix"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HoaLease" ADD CONSTRAINT "HoaLease_homeAgentId_fkey" FOREIGN KEY ("homeAgentId") REFERENCES "HomeAgent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BootstrapSession" ADD CONSTRAINT "BootstrapSession_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BootstrapSession" ADD CONSTRAINT "BootstrapSession_homeAgentId_fkey" FOREIGN KEY ("homeAgentId") REFERENCES "HomeAgent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortalInvite" ADD CONSTRAINT "PortalInvite_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Renumbering" ADD CONSTRAINT "Renumbering_oldPrefixId_fkey" FOREIGN KEY ("oldPrefixId") REFERENCES "HomePrefix"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Renumbering" ADD CONSTRAINT "Renumbering_newPrefixId_fkey" FOREIGN KEY ("newPrefixId") REFERENCES "HomePrefix"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RenumberingMember" ADD CONSTRAINT "RenumberingMember_renumberingId_fkey" FOREIGN KEY ("renumberingId") REFERENCES "Renumbering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RenumberingMember" ADD CONSTRAINT "RenumberingMember_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RenumberingEvent" ADD CONSTRAINT "RenumberingEvent_renumberingId_fkey" FOREIGN KEY ("renumberingId") REFERENCES "Renumbering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserProvider" ADD CONSTRAINT "UserProvider_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserProvider" ADD CONSTRAINT "UserProvider_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
