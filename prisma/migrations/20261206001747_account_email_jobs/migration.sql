-- CreateEnum
CREATE TYPE "AccountEmailAction" AS ENUM ('REGISTER', 'PASSWORD_RESET', 'VERIFY_RESEND');

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "jobId" UUID;

-- CreateTable
CREATE TABLE "AccountEmailRequest" (
    "id" BIGSERIAL NOT NULL,
    "municipalityId" UUID NOT NULL,
    "action" "AccountEmailAction" NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT,
    "emailAllowed" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AccountEmailRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccountEmailRequest_municipalityId_action_email_createdAt_idx" ON "AccountEmailRequest"("municipalityId", "action", "email", "createdAt");

-- CreateIndex
CREATE INDEX "AccountEmailRequest_ip_createdAt_idx" ON "AccountEmailRequest"("ip", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_jobId_key" ON "OutboxMessage"("jobId");

-- AddForeignKey
ALTER TABLE "AccountEmailRequest" ADD CONSTRAINT "AccountEmailRequest_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;
