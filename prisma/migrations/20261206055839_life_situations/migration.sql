-- CreateEnum
CREATE TYPE "SubmissionStatus" AS ENUM ('SUBMITTED', 'INFORMATION_REQUESTED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "SubmissionEventType" AS ENUM ('SUBMITTED', 'INFORMATION_REQUESTED', 'INFORMATION_PROVIDED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "AttachmentScanStatus" AS ENUM ('PENDING', 'CLEAN', 'INFECTED', 'FAILED');

-- CreateEnum
CREATE TYPE "SubmissionDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateTable
CREATE TABLE "FormDraft" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "formId" TEXT NOT NULL,
    "formVersion" TEXT NOT NULL,
    "values" JSONB NOT NULL,
    "currentStep" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FormDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "formId" TEXT NOT NULL,
    "formVersion" TEXT NOT NULL,
    "agenda" "Agenda" NOT NULL,
    "status" "SubmissionStatus" NOT NULL DEFAULT 'SUBMITTED',
    "values" JSONB NOT NULL,
    "summary" JSONB NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "draftClientId" UUID,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,
    "decisionNote" TEXT,
    "effect" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionEvent" (
    "id" BIGSERIAL NOT NULL,
    "municipalityId" UUID NOT NULL,
    "submissionId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "type" "SubmissionEventType" NOT NULL,
    "actorUserId" UUID,
    "message" TEXT,
    "details" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SubmissionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionFile" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "fileId" UUID NOT NULL,
    "scanStatus" "AttachmentScanStatus" NOT NULL DEFAULT 'PENDING',
    "scanDetail" TEXT,
    "scannedAt" TIMESTAMPTZ(3),
    "submissionId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SubmissionFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DogFeeTariff" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "firstDog" BIGINT NOT NULL,
    "furtherDog" BIGINT NOT NULL,
    "pensionerFirstDog" BIGINT NOT NULL,
    "pensionerFurtherDog" BIGINT NOT NULL,
    "proRata" TEXT NOT NULL DEFAULT 'STARTED_MONTHS',
    "dueDate" DATE NOT NULL,
    "installmentCount" INTEGER NOT NULL DEFAULT 1,
    "updatedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DogFeeTariff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WasteFeeTariff" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "perPerson" BIGINT NOT NULL,
    "dueDate" DATE NOT NULL,
    "installmentCount" INTEGER NOT NULL DEFAULT 1,
    "updatedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WasteFeeTariff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dog" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "payerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "breed" TEXT,
    "chipNumber" TEXT,
    "birthDate" DATE,
    "keptFrom" DATE NOT NULL,
    "pensioner" BOOLEAN NOT NULL DEFAULT false,
    "exempt" BOOLEAN NOT NULL DEFAULT false,
    "exemptionReason" TEXT,
    "endedOn" DATE,
    "endReason" TEXT,
    "assessmentId" UUID,
    "submissionId" UUID,
    "endSubmissionId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Dog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionWebhook" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SubmissionWebhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionDelivery" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "submissionId" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "SubmissionDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "step" TEXT NOT NULL,
    "completedSteps" JSONB NOT NULL DEFAULT '[]',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "externalReference" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SubmissionDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FormDraft_userId_updatedAt_idx" ON "FormDraft"("userId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FormDraft_userId_clientId_key" ON "FormDraft"("userId", "clientId");

-- CreateIndex
CREATE INDEX "Submission_municipalityId_agenda_status_submittedAt_idx" ON "Submission"("municipalityId", "agenda", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "Submission_userId_submittedAt_idx" ON "Submission"("userId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_municipalityId_number_key" ON "Submission"("municipalityId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_userId_idempotencyKey_key" ON "Submission"("userId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "SubmissionEvent_submissionId_createdAt_idx" ON "SubmissionEvent"("submissionId", "createdAt");

-- CreateIndex
CREATE INDEX "SubmissionEvent_userId_createdAt_idx" ON "SubmissionEvent"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "SubmissionFile_userId_createdAt_idx" ON "SubmissionFile"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "SubmissionFile_submissionId_idx" ON "SubmissionFile"("submissionId");

-- CreateIndex
CREATE INDEX "SubmissionFile_fileId_idx" ON "SubmissionFile"("fileId");

-- CreateIndex
CREATE UNIQUE INDEX "DogFeeTariff_municipalityId_year_key" ON "DogFeeTariff"("municipalityId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "WasteFeeTariff_municipalityId_year_key" ON "WasteFeeTariff"("municipalityId", "year");

-- CreateIndex
CREATE INDEX "Dog_municipalityId_chipNumber_idx" ON "Dog"("municipalityId", "chipNumber");

-- CreateIndex
CREATE INDEX "Dog_payerId_idx" ON "Dog"("payerId");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionWebhook_municipalityId_key" ON "SubmissionWebhook"("municipalityId");

-- CreateIndex
CREATE INDEX "SubmissionDelivery_municipalityId_status_createdAt_idx" ON "SubmissionDelivery"("municipalityId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionDelivery_submissionId_trigger_key" ON "SubmissionDelivery"("submissionId", "trigger");

-- AddForeignKey
ALTER TABLE "FormDraft" ADD CONSTRAINT "FormDraft_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FormDraft" ADD CONSTRAINT "FormDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionEvent" ADD CONSTRAINT "SubmissionEvent_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionEvent" ADD CONSTRAINT "SubmissionEvent_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionFile" ADD CONSTRAINT "SubmissionFile_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionFile" ADD CONSTRAINT "SubmissionFile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionFile" ADD CONSTRAINT "SubmissionFile_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionFile" ADD CONSTRAINT "SubmissionFile_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DogFeeTariff" ADD CONSTRAINT "DogFeeTariff_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WasteFeeTariff" ADD CONSTRAINT "WasteFeeTariff_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dog" ADD CONSTRAINT "Dog_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dog" ADD CONSTRAINT "Dog_payerId_fkey" FOREIGN KEY ("payerId") REFERENCES "Payer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dog" ADD CONSTRAINT "Dog_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dog" ADD CONSTRAINT "Dog_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionWebhook" ADD CONSTRAINT "SubmissionWebhook_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionDelivery" ADD CONSTRAINT "SubmissionDelivery_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionDelivery" ADD CONSTRAINT "SubmissionDelivery_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
