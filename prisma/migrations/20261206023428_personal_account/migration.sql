-- CreateEnum
CREATE TYPE "PayerKind" AS ENUM ('PERSON', 'HOUSEHOLD');

-- CreateEnum
CREATE TYPE "PayerLinkMethod" AS ENUM ('CLERK', 'CLAIM');

-- CreateEnum
CREATE TYPE "AssessmentKind" AS ENUM ('WASTE_FEE', 'DOG_FEE', 'ADMIN_FEE', 'FINE', 'OTHER');

-- CreateEnum
CREATE TYPE "AssessmentLifecycle" AS ENUM ('ACTIVE', 'CANCELLED', 'WRITTEN_OFF');

-- CreateEnum
CREATE TYPE "PaymentSource" AS ENUM ('BANK_STATEMENT', 'CARD', 'CASH_DESK');

-- CreateEnum
CREATE TYPE "AllocationMethod" AS ENUM ('AUTO', 'MANUAL');

-- CreateEnum
CREATE TYPE "BankStatementFormat" AS ENUM ('GPC', 'CAMT053');

-- CreateEnum
CREATE TYPE "CardPaymentStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'MISMATCH');

-- CreateTable
CREATE TABLE "Payer" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "kind" "PayerKind" NOT NULL DEFAULT 'PERSON',
    "name" TEXT NOT NULL,
    "address" TEXT,
    "externalId" TEXT,
    "directDebit" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Payer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayerLink" (
    "payerId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "method" "PayerLinkMethod" NOT NULL,
    "linkedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayerLink_pkey" PRIMARY KEY ("payerId","userId")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "payerId" UUID NOT NULL,
    "kind" "AssessmentKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "periodFrom" DATE,
    "periodTo" DATE,
    "amount" BIGINT NOT NULL,
    "dueDate" DATE NOT NULL,
    "variableSymbol" TEXT NOT NULL,
    "constantSymbol" TEXT,
    "specificSymbol" TEXT,
    "bankAccountId" UUID NOT NULL,
    "lifecycle" "AssessmentLifecycle" NOT NULL DEFAULT 'ACTIVE',
    "lifecycleReason" TEXT,
    "lifecycleChangedAt" TIMESTAMPTZ(3),
    "accessCodeHash" TEXT,
    "externalId" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Installment" (
    "id" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "dueDate" DATE NOT NULL,

    CONSTRAINT "Installment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "source" "PaymentSource" NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'CZK',
    "receivedOn" DATE NOT NULL,
    "variableSymbol" TEXT,
    "constantSymbol" TEXT,
    "specificSymbol" TEXT,
    "counterpartyAccount" TEXT,
    "counterpartyName" TEXT,
    "message" TEXT,
    "statementId" UUID,
    "bankLineKey" TEXT,
    "cardPaymentId" UUID,
    "reference" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentAllocation" (
    "id" UUID NOT NULL,
    "paymentId" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "amount" BIGINT NOT NULL,
    "method" "AllocationMethod" NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reversedAt" TIMESTAMPTZ(3),
    "reversedById" UUID,
    "reversalReason" TEXT,

    CONSTRAINT "PaymentAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankStatement" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "bankAccountId" UUID,
    "accountIban" TEXT NOT NULL,
    "statementNumber" INTEGER NOT NULL,
    "format" "BankStatementFormat" NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "openingBalance" BIGINT NOT NULL,
    "closingBalance" BIGINT NOT NULL,
    "creditTotal" BIGINT NOT NULL,
    "debitTotal" BIGINT NOT NULL,
    "lineCount" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "importedById" UUID,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CardPayment" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "orderId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerPaymentId" TEXT,
    "userId" UUID,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'CZK',
    "status" "CardPaymentStatus" NOT NULL DEFAULT 'PENDING',
    "refundedAmount" BIGINT NOT NULL DEFAULT 0,
    "failureReason" TEXT,
    "paidAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CardPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CardPaymentItem" (
    "cardPaymentId" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "CardPaymentItem_pkey" PRIMARY KEY ("cardPaymentId","assessmentId")
);

-- CreateTable
CREATE TABLE "PaymentProviderEvent" (
    "provider" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentProviderEvent_pkey" PRIMARY KEY ("provider","eventId")
);

-- CreateIndex
CREATE INDEX "Payer_municipalityId_name_idx" ON "Payer"("municipalityId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Payer_municipalityId_externalId_key" ON "Payer"("municipalityId", "externalId");

-- CreateIndex
CREATE INDEX "PayerLink_userId_idx" ON "PayerLink"("userId");

-- CreateIndex
CREATE INDEX "Assessment_payerId_year_idx" ON "Assessment"("payerId", "year");

-- CreateIndex
CREATE INDEX "Assessment_municipalityId_variableSymbol_idx" ON "Assessment"("municipalityId", "variableSymbol");

-- CreateIndex
CREATE INDEX "Assessment_municipalityId_year_kind_idx" ON "Assessment"("municipalityId", "year", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_municipalityId_kind_variableSymbol_key" ON "Assessment"("municipalityId", "kind", "variableSymbol");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_municipalityId_externalId_key" ON "Assessment"("municipalityId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Installment_assessmentId_position_key" ON "Installment"("assessmentId", "position");

-- CreateIndex
CREATE INDEX "Payment_municipalityId_receivedOn_idx" ON "Payment"("municipalityId", "receivedOn");

-- CreateIndex
CREATE INDEX "Payment_municipalityId_variableSymbol_idx" ON "Payment"("municipalityId", "variableSymbol");

-- CreateIndex
CREATE INDEX "Payment_statementId_idx" ON "Payment"("statementId");

-- CreateIndex
CREATE INDEX "Payment_cardPaymentId_idx" ON "Payment"("cardPaymentId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_municipalityId_bankLineKey_key" ON "Payment"("municipalityId", "bankLineKey");

-- CreateIndex
CREATE INDEX "PaymentAllocation_paymentId_idx" ON "PaymentAllocation"("paymentId");

-- CreateIndex
CREATE INDEX "PaymentAllocation_assessmentId_idx" ON "PaymentAllocation"("assessmentId");

-- CreateIndex
CREATE INDEX "BankStatement_municipalityId_importedAt_idx" ON "BankStatement"("municipalityId", "importedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BankStatement_municipalityId_accountIban_statementNumber_key" ON "BankStatement"("municipalityId", "accountIban", "statementNumber");

-- CreateIndex
CREATE UNIQUE INDEX "CardPayment_orderId_key" ON "CardPayment"("orderId");

-- CreateIndex
CREATE INDEX "CardPayment_municipalityId_createdAt_idx" ON "CardPayment"("municipalityId", "createdAt");

-- CreateIndex
CREATE INDEX "CardPayment_userId_createdAt_idx" ON "CardPayment"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CardPayment_provider_providerPaymentId_key" ON "CardPayment"("provider", "providerPaymentId");

-- CreateIndex
CREATE INDEX "CardPaymentItem_assessmentId_idx" ON "CardPaymentItem"("assessmentId");

-- CreateIndex
CREATE INDEX "PaymentProviderEvent_receivedAt_idx" ON "PaymentProviderEvent"("receivedAt");

-- AddForeignKey
ALTER TABLE "Payer" ADD CONSTRAINT "Payer_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayerLink" ADD CONSTRAINT "PayerLink_payerId_fkey" FOREIGN KEY ("payerId") REFERENCES "Payer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayerLink" ADD CONSTRAINT "PayerLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_payerId_fkey" FOREIGN KEY ("payerId") REFERENCES "Payer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_bankAccountId_fkey" FOREIGN KEY ("bankAccountId") REFERENCES "BankAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Installment" ADD CONSTRAINT "Installment_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "BankStatement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_cardPaymentId_fkey" FOREIGN KEY ("cardPaymentId") REFERENCES "CardPayment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentAllocation" ADD CONSTRAINT "PaymentAllocation_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentAllocation" ADD CONSTRAINT "PaymentAllocation_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatement" ADD CONSTRAINT "BankStatement_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatement" ADD CONSTRAINT "BankStatement_bankAccountId_fkey" FOREIGN KEY ("bankAccountId") REFERENCES "BankAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CardPayment" ADD CONSTRAINT "CardPayment_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CardPayment" ADD CONSTRAINT "CardPayment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CardPaymentItem" ADD CONSTRAINT "CardPaymentItem_cardPaymentId_fkey" FOREIGN KEY ("cardPaymentId") REFERENCES "CardPayment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CardPaymentItem" ADD CONSTRAINT "CardPaymentItem_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the rules the personal account relies on, enforced by the database itself.

ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_amount_positive" CHECK ("amount" > 0);
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_variableSymbol_digits" CHECK ("variableSymbol" ~ '^[0-9]{1,10}$');
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_constantSymbol_digits" CHECK ("constantSymbol" IS NULL OR "constantSymbol" ~ '^[0-9]{1,10}$');
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_specificSymbol_digits" CHECK ("specificSymbol" IS NULL OR "specificSymbol" ~ '^[0-9]{1,10}$');
ALTER TABLE "Installment" ADD CONSTRAINT "Installment_amount_positive" CHECK ("amount" > 0 AND "position" >= 1);
ALTER TABLE "PaymentAllocation" ADD CONSTRAINT "PaymentAllocation_amount_nonzero" CHECK ("amount" <> 0);
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_amount_nonzero" CHECK ("amount" <> 0);
ALTER TABLE "CardPayment" ADD CONSTRAINT "CardPayment_amounts" CHECK ("amount" > 0 AND "refundedAmount" >= 0 AND "refundedAmount" <= "amount");
ALTER TABLE "CardPaymentItem" ADD CONSTRAINT "CardPaymentItem_amount_positive" CHECK ("amount" > 0);

-- An assessment's installments add up to its amount. Checked at commit (deferred), so a transaction may
-- write the assessment and its installments in any order.
CREATE FUNCTION "assessment_installments_match"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target uuid;
  total bigint;
  installments_total bigint;
BEGIN
  IF TG_TABLE_NAME = 'Assessment' THEN
    target := NEW."id";
  ELSIF TG_OP = 'DELETE' THEN
    target := OLD."assessmentId";
  ELSE
    target := NEW."assessmentId";
  END IF;
  SELECT "amount" INTO total FROM "Assessment" WHERE "id" = target;
  IF total IS NULL THEN
    RETURN NULL; -- the assessment itself was deleted
  END IF;
  SELECT COALESCE(SUM("amount"), 0) INTO installments_total FROM "Installment" WHERE "assessmentId" = target;
  IF installments_total <> total THEN
    RAISE EXCEPTION 'installments of assessment % add up to %, not to its amount %', target, installments_total, total
      USING ERRCODE = 'check_violation', CONSTRAINT = 'Installment_sum_matches_amount';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "Assessment_installments_match" AFTER INSERT OR UPDATE OF "amount" ON "Assessment"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "assessment_installments_match"();
CREATE CONSTRAINT TRIGGER "Installment_sum_matches_amount" AFTER INSERT OR UPDATE OR DELETE ON "Installment"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "assessment_installments_match"();

-- A payment's active pairings never hand out more than the payment brought, and keep its sign.
CREATE FUNCTION "payment_allocations_within_amount"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  paid bigint;
  allocated bigint;
BEGIN
  SELECT "amount" INTO paid FROM "Payment" WHERE "id" = NEW."paymentId";
  SELECT COALESCE(SUM("amount"), 0) INTO allocated FROM "PaymentAllocation"
    WHERE "paymentId" = NEW."paymentId" AND "reversedAt" IS NULL;
  IF sign(NEW."amount") <> sign(paid) OR abs(allocated) > abs(paid) THEN
    RAISE EXCEPTION 'pairings of payment % (%) exceed or contradict its amount %', NEW."paymentId", allocated, paid
      USING ERRCODE = 'check_violation', CONSTRAINT = 'PaymentAllocation_within_payment';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "PaymentAllocation_within_payment" AFTER INSERT OR UPDATE ON "PaymentAllocation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "payment_allocations_within_amount"();

-- Pairings are evidence: never deleted, and the only change allowed is their reversal (once).
CREATE FUNCTION "payment_allocation_only_reversed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'payment pairings are never deleted; reverse them instead' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."reversedAt" IS NOT NULL OR NEW."reversedAt" IS NULL
     OR NEW."paymentId" <> OLD."paymentId" OR NEW."assessmentId" <> OLD."assessmentId" OR NEW."amount" <> OLD."amount"
     OR NEW."method" <> OLD."method" OR NEW."createdAt" <> OLD."createdAt"
     OR NEW."createdById" IS DISTINCT FROM OLD."createdById" THEN
    RAISE EXCEPTION 'a payment pairing can only be reversed, once' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "PaymentAllocation_only_reversed" BEFORE UPDATE OR DELETE ON "PaymentAllocation"
  FOR EACH ROW EXECUTE FUNCTION "payment_allocation_only_reversed"();
CREATE TRIGGER "PaymentAllocation_no_truncate" BEFORE TRUNCATE ON "PaymentAllocation"
  FOR EACH STATEMENT EXECUTE FUNCTION "payment_allocation_only_reversed"();
