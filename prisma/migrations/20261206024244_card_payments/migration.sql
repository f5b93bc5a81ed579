-- AlterTable
ALTER TABLE "CardPayment" ADD COLUMN     "idempotencyKey" TEXT;

-- CreateTable
CREATE TABLE "DemoGatewayPayment" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "returnUrl" TEXT NOT NULL,
    "cancelUrl" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DemoGatewayPayment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DemoGatewayPayment_idempotencyKey_key" ON "DemoGatewayPayment"("idempotencyKey");

-- CreateIndex
CREATE INDEX "CardPayment_status_createdAt_idx" ON "CardPayment"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CardPayment_userId_idempotencyKey_key" ON "CardPayment"("userId", "idempotencyKey");
