-- CreateTable
CREATE TABLE "PayerClaimAttempt" (
    "id" BIGSERIAL NOT NULL,
    "municipalityId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "ip" TEXT,
    "success" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PayerClaimAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PayerClaimAttempt_userId_createdAt_idx" ON "PayerClaimAttempt"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "PayerClaimAttempt_ip_createdAt_idx" ON "PayerClaimAttempt"("ip", "createdAt");

-- AddForeignKey
ALTER TABLE "PayerClaimAttempt" ADD CONSTRAINT "PayerClaimAttempt_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayerClaimAttempt" ADD CONSTRAINT "PayerClaimAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
