-- AlterTable
ALTER TABLE "PurchaseOrder" ADD COLUMN     "registryId" TEXT,
ADD COLUMN     "registryPublishedOn" DATE;
