import { ValidationError } from "../../../errors.ts";
import type { BankAccount } from "../../../generated/prisma/client.ts";
import type { StatementAccount } from "../../../integrations/bank-statements/index.ts";

const digits = (value: string | null | undefined) => (value ?? "").replace(/^0+/, "");

/**
 * The town's bank account a statement belongs to: by IBAN (camt.053), or by prefix and number (GPC
 * headers carry no bank code; the bank code must agree when the statement has one). Anything else is
 * refused: a statement of someone else's account must not create payments.
 */
export function findStatementAccount(accounts: BankAccount[], account: StatementAccount): BankAccount {
  const iban = account.iban?.replace(/\s+/g, "").toUpperCase() ?? null;
  let matches: BankAccount[] = [];
  if (iban) matches = accounts.filter((candidate) => candidate.iban.replace(/\s+/g, "").toUpperCase() === iban);
  if (matches.length === 0 && account.number) {
    const [prefix, number] = account.number.includes("-") ? account.number.split("-") : ["", account.number];
    matches = accounts.filter(
      (candidate) =>
        digits(candidate.number) === digits(number) &&
        digits(candidate.prefix) === digits(prefix) &&
        (!account.bankCode || candidate.bankCode === account.bankCode),
    );
  }
  const shown = iban ?? (account.number ? `${account.number}${account.bankCode ? `/${account.bankCode}` : ""}` : null);
  if (!shown) throw ValidationError.field("file", "statements.noAccount", "NO_ACCOUNT");
  if (matches.length !== 1) throw ValidationError.field("file", "statements.unknownAccount", "UNKNOWN_ACCOUNT", { account: shown });
  return matches[0]!;
}
