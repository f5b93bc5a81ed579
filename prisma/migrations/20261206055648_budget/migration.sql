-- CreateEnum
CREATE TYPE "BudgetAmountType" AS ENUM ('APPROVED', 'AMENDED', 'ACTUAL');

-- CreateEnum
CREATE TYPE "BudgetOrganisationKind" AS ENUM ('TOWN', 'CONTRIBUTORY', 'DISTRICT');

-- CreateEnum
CREATE TYPE "BudgetDataSetStatus" AS ENUM ('DRAFT', 'APPROVED', 'PUBLISHED', 'REJECTED');

-- CreateEnum
CREATE TYPE "BudgetSourceFormat" AS ENUM ('CSV', 'XLSX', 'KXX');

-- CreateEnum
CREATE TYPE "BudgetCodeKind" AS ENUM ('PARAGRAF', 'POLOZKA');

-- CreateTable
CREATE TABLE "BudgetOrganisation" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "kind" "BudgetOrganisationKind" NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ico" TEXT,
    "consolidated" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetOrganisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetOrganisationMember" (
    "organisationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetOrganisationMember_pkey" PRIMARY KEY ("organisationId","userId")
);

-- CreateTable
CREATE TABLE "BudgetDataSet" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "BudgetDataSetStatus" NOT NULL DEFAULT 'DRAFT',
    "format" "BudgetSourceFormat" NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "amountTypes" "BudgetAmountType"[],
    "lineCount" INTEGER NOT NULL,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "warningCount" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT,
    "uploadedById" UUID,
    "uploadedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedById" UUID,
    "approvedAt" TIMESTAMPTZ(3),
    "publishedById" UUID,
    "publishedAt" TIMESTAMPTZ(3),
    "rejectedAt" TIMESTAMPTZ(3),
    "rejectReason" TEXT,

    CONSTRAINT "BudgetDataSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" BIGSERIAL NOT NULL,
    "dataSetId" UUID NOT NULL,
    "amountType" "BudgetAmountType" NOT NULL,
    "paragraf" CHAR(4) NOT NULL,
    "polozka" CHAR(4) NOT NULL,
    "orj" TEXT,
    "org" TEXT,
    "uz" TEXT,
    "amount" BIGINT NOT NULL,
    "documentNumber" TEXT,
    "documentType" TEXT,
    "counterpartyIco" TEXT,
    "sourceRow" INTEGER NOT NULL,

    CONSTRAINT "BudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetAggregate" (
    "id" BIGSERIAL NOT NULL,
    "dataSetId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "amountType" "BudgetAmountType" NOT NULL,
    "side" TEXT NOT NULL,
    "groupCode" TEXT NOT NULL,
    "paragraf" TEXT NOT NULL,
    "polozka" TEXT NOT NULL,
    "orj" TEXT NOT NULL DEFAULT '',
    "org" TEXT NOT NULL DEFAULT '',
    "transfer" BOOLEAN NOT NULL DEFAULT false,
    "amount" BIGINT NOT NULL,
    "lineCount" INTEGER NOT NULL,

    CONSTRAINT "BudgetAggregate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetMeasure" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "approvedBy" TEXT NOT NULL,
    "approvedOn" DATE NOT NULL,
    "publishedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetMeasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetMeasureItem" (
    "id" UUID NOT NULL,
    "measureId" UUID NOT NULL,
    "paragraf" CHAR(4) NOT NULL,
    "polozka" CHAR(4) NOT NULL,
    "orj" TEXT,
    "org" TEXT,
    "uz" TEXT,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "BudgetMeasureItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetCodelistEntry" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "kind" "BudgetCodeKind" NOT NULL,
    "code" TEXT NOT NULL,
    "nameCs" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,

    CONSTRAINT "BudgetCodelistEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BudgetOrganisation_municipalityId_idx" ON "BudgetOrganisation"("municipalityId");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetOrganisation_municipalityId_code_key" ON "BudgetOrganisation"("municipalityId", "code");

-- CreateIndex
CREATE INDEX "BudgetOrganisationMember_userId_idx" ON "BudgetOrganisationMember"("userId");

-- CreateIndex
CREATE INDEX "BudgetOrganisationMember_municipalityId_idx" ON "BudgetOrganisationMember"("municipalityId");

-- CreateIndex
CREATE INDEX "BudgetDataSet_municipalityId_status_year_idx" ON "BudgetDataSet"("municipalityId", "status", "year");

-- CreateIndex
CREATE INDEX "BudgetDataSet_municipalityId_year_publishedAt_idx" ON "BudgetDataSet"("municipalityId", "year", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetDataSet_organisationId_year_month_version_key" ON "BudgetDataSet"("organisationId", "year", "month", "version");

-- CreateIndex
CREATE INDEX "BudgetLine_dataSetId_paragraf_polozka_idx" ON "BudgetLine"("dataSetId", "paragraf", "polozka");

-- CreateIndex
CREATE INDEX "BudgetAggregate_dataSetId_side_amountType_idx" ON "BudgetAggregate"("dataSetId", "side", "amountType");

-- CreateIndex
CREATE INDEX "BudgetMeasure_municipalityId_year_idx" ON "BudgetMeasure"("municipalityId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetMeasure_organisationId_year_number_key" ON "BudgetMeasure"("organisationId", "year", "number");

-- CreateIndex
CREATE INDEX "BudgetMeasureItem_measureId_idx" ON "BudgetMeasureItem"("measureId");

-- CreateIndex
CREATE INDEX "BudgetMeasureItem_paragraf_polozka_idx" ON "BudgetMeasureItem"("paragraf", "polozka");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetCodelistEntry_municipalityId_kind_code_validFrom_key" ON "BudgetCodelistEntry"("municipalityId", "kind", "code", "validFrom");

-- AddForeignKey
ALTER TABLE "BudgetOrganisation" ADD CONSTRAINT "BudgetOrganisation_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetOrganisationMember" ADD CONSTRAINT "BudgetOrganisationMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "BudgetOrganisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetOrganisationMember" ADD CONSTRAINT "BudgetOrganisationMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetDataSet" ADD CONSTRAINT "BudgetDataSet_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetDataSet" ADD CONSTRAINT "BudgetDataSet_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "BudgetOrganisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_dataSetId_fkey" FOREIGN KEY ("dataSetId") REFERENCES "BudgetDataSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetAggregate" ADD CONSTRAINT "BudgetAggregate_dataSetId_fkey" FOREIGN KEY ("dataSetId") REFERENCES "BudgetDataSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetMeasure" ADD CONSTRAINT "BudgetMeasure_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetMeasure" ADD CONSTRAINT "BudgetMeasure_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "BudgetOrganisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetMeasureItem" ADD CONSTRAINT "BudgetMeasureItem_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "BudgetMeasure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetCodelistEntry" ADD CONSTRAINT "BudgetCodelistEntry_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A published budget data set is a version citizens may have cited: its lines and aggregates are never
-- changed or deleted (a correction is a new version). Only the status fields of the row may change later.
CREATE FUNCTION "budget_published_is_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD."status" = 'PUBLISHED' THEN
    RAISE EXCEPTION 'a published budget data set is kept' USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD."status" = 'PUBLISHED' AND NEW."status" <> 'PUBLISHED' THEN
    RAISE EXCEPTION 'a published budget data set stays published' USING ERRCODE = 'P0001';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER "BudgetDataSet_published_is_kept"
  BEFORE UPDATE OR DELETE ON "BudgetDataSet"
  FOR EACH ROW EXECUTE FUNCTION "budget_published_is_kept"();
