-- CreateEnum
CREATE TYPE "NoticeCategory" AS ENUM ('DECREES', 'ANNOUNCEMENTS', 'BUILDING_PROCEEDINGS', 'PROPERTY_INTENTS', 'TENDERS', 'BUDGET', 'COUNCIL_MEETINGS', 'OTHER_AUTHORITIES', 'OTHER');

-- CreateEnum
CREATE TYPE "NoticeStatus" AS ENUM ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "NoticeEventType" AS ENUM ('CREATED', 'EDITED', 'PROPOSED', 'APPROVED', 'REVISED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "RegisterStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'UNPUBLISHED');

-- CreateEnum
CREATE TYPE "RegisterKind" AS ENUM ('CONTRACT', 'INVOICE', 'ORDER');

-- CreateEnum
CREATE TYPE "RegisterImportStatus" AS ENUM ('PREVIEW', 'IMPORTED', 'DISCARDED');

-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN     "noticeTwoPersonRule" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "externalId" TEXT,
    "status" "NoticeStatus" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "category" "NoticeCategory" NOT NULL,
    "originator" TEXT NOT NULL,
    "originatorIco" TEXT,
    "referenceNumber" TEXT,
    "fileMark" TEXT,
    "postedAt" TIMESTAMPTZ(3) NOT NULL,
    "relevantUntil" DATE NOT NULL,
    "takeDownAt" TIMESTAMPTZ(3) NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "proposedById" UUID,
    "approvedById" UUID,
    "approvedAt" TIMESTAMPTZ(3),
    "withdrawnById" UUID,
    "withdrawnAt" TIMESTAMPTZ(3),
    "withdrawalReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeAttachment" (
    "id" UUID NOT NULL,
    "noticeId" UUID NOT NULL,
    "fileId" UUID NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NoticeAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeRevision" (
    "id" UUID NOT NULL,
    "noticeId" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category" "NoticeCategory" NOT NULL,
    "originator" TEXT NOT NULL,
    "referenceNumber" TEXT,
    "fileMark" TEXT,
    "attachmentIds" TEXT[],
    "reason" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeEvent" (
    "id" BIGSERIAL NOT NULL,
    "noticeId" UUID NOT NULL,
    "type" "NoticeEventType" NOT NULL,
    "actorUserId" UUID,
    "actorTokenId" UUID,
    "postedAt" TIMESTAMPTZ(3),
    "takeDownAt" TIMESTAMPTZ(3),
    "revision" INTEGER,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "externalId" TEXT,
    "status" "RegisterStatus" NOT NULL DEFAULT 'DRAFT',
    "number" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "counterpartyName" TEXT NOT NULL,
    "counterpartyIco" TEXT,
    "amountWithoutVat" BIGINT NOT NULL,
    "amountWithVat" BIGINT NOT NULL,
    "signedOn" DATE NOT NULL,
    "validFrom" DATE,
    "validUntil" DATE,
    "department" TEXT,
    "registryId" TEXT,
    "registryPublishedOn" DATE,
    "attachmentId" UUID,
    "publishedAt" TIMESTAMPTZ(3),
    "unpublishedAt" TIMESTAMPTZ(3),
    "unpublishReason" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurchaseOrder" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "externalId" TEXT,
    "status" "RegisterStatus" NOT NULL DEFAULT 'DRAFT',
    "number" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "supplierName" TEXT NOT NULL,
    "supplierIco" TEXT,
    "amountWithoutVat" BIGINT NOT NULL,
    "amountWithVat" BIGINT NOT NULL,
    "orderedOn" DATE NOT NULL,
    "department" TEXT,
    "publishedAt" TIMESTAMPTZ(3),
    "unpublishedAt" TIMESTAMPTZ(3),
    "unpublishReason" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PurchaseOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "externalId" TEXT,
    "status" "RegisterStatus" NOT NULL DEFAULT 'DRAFT',
    "number" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "supplierName" TEXT NOT NULL,
    "supplierIco" TEXT,
    "amountWithoutVat" BIGINT NOT NULL,
    "amountWithVat" BIGINT NOT NULL,
    "issuedOn" DATE NOT NULL,
    "dueOn" DATE NOT NULL,
    "paidOn" DATE,
    "contractId" UUID,
    "orderId" UUID,
    "budgetParagraph" TEXT,
    "budgetItem" TEXT,
    "department" TEXT,
    "publishedAt" TIMESTAMPTZ(3),
    "unpublishedAt" TIMESTAMPTZ(3),
    "unpublishReason" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegisterImport" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "kind" "RegisterKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" "RegisterImportStatus" NOT NULL DEFAULT 'PREVIEW',
    "rows" JSONB NOT NULL,
    "problems" JSONB NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RegisterImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StoredFile_municipalityId_idx" ON "StoredFile"("municipalityId");

-- CreateIndex
CREATE INDEX "Notice_municipalityId_status_postedAt_idx" ON "Notice"("municipalityId", "status", "postedAt");

-- CreateIndex
CREATE INDEX "Notice_municipalityId_takeDownAt_idx" ON "Notice"("municipalityId", "takeDownAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_municipalityId_externalId_key" ON "Notice"("municipalityId", "externalId");

-- CreateIndex
CREATE INDEX "NoticeAttachment_fileId_idx" ON "NoticeAttachment"("fileId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeAttachment_noticeId_fileId_key" ON "NoticeAttachment"("noticeId", "fileId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeRevision_noticeId_revision_key" ON "NoticeRevision"("noticeId", "revision");

-- CreateIndex
CREATE INDEX "NoticeEvent_noticeId_createdAt_idx" ON "NoticeEvent"("noticeId", "createdAt");

-- CreateIndex
CREATE INDEX "Contract_municipalityId_status_signedOn_idx" ON "Contract"("municipalityId", "status", "signedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_municipalityId_externalId_key" ON "Contract"("municipalityId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_municipalityId_number_key" ON "Contract"("municipalityId", "number");

-- CreateIndex
CREATE INDEX "PurchaseOrder_municipalityId_status_orderedOn_idx" ON "PurchaseOrder"("municipalityId", "status", "orderedOn");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrder_municipalityId_externalId_key" ON "PurchaseOrder"("municipalityId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrder_municipalityId_number_key" ON "PurchaseOrder"("municipalityId", "number");

-- CreateIndex
CREATE INDEX "Invoice_municipalityId_status_issuedOn_idx" ON "Invoice"("municipalityId", "status", "issuedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_municipalityId_externalId_key" ON "Invoice"("municipalityId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_municipalityId_number_key" ON "Invoice"("municipalityId", "number");

-- CreateIndex
CREATE INDEX "RegisterImport_municipalityId_createdAt_idx" ON "RegisterImport"("municipalityId", "createdAt");

-- AddForeignKey
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeAttachment" ADD CONSTRAINT "NoticeAttachment_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeAttachment" ADD CONSTRAINT "NoticeAttachment_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeRevision" ADD CONSTRAINT "NoticeRevision_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeEvent" ADD CONSTRAINT "NoticeEvent_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "StoredFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "PurchaseOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisterImport" ADD CONSTRAINT "RegisterImport_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: a notice's revisions and its event record are legal evidence. Rows can be added,
-- never changed or removed (the foreign keys restrict deleting a notice that has them).
CREATE FUNCTION "evidence_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "NoticeRevision_append_only"
  BEFORE UPDATE OR DELETE ON "NoticeRevision"
  FOR EACH ROW EXECUTE FUNCTION "evidence_is_append_only"();

CREATE TRIGGER "NoticeRevision_no_truncate"
  BEFORE TRUNCATE ON "NoticeRevision"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_is_append_only"();

CREATE TRIGGER "NoticeEvent_append_only"
  BEFORE UPDATE OR DELETE ON "NoticeEvent"
  FOR EACH ROW EXECUTE FUNCTION "evidence_is_append_only"();

CREATE TRIGGER "NoticeEvent_no_truncate"
  BEFORE TRUNCATE ON "NoticeEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_is_append_only"();
