-- DropIndex
DROP INDEX "BankStatement_municipalityId_accountIban_statementNumber_key";

-- AlterTable
-- Hand-edited: existing statements take the year of their last day.
ALTER TABLE "BankStatement" ADD COLUMN     "statementYear" INTEGER;
UPDATE "BankStatement" SET "statementYear" = EXTRACT(YEAR FROM "periodTo")::int;
ALTER TABLE "BankStatement" ALTER COLUMN "statementYear" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "BankStatement_municipalityId_accountIban_statementYear_stat_key" ON "BankStatement"("municipalityId", "accountIban", "statementYear", "statementNumber");
