import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button.tsx";
import { TextField } from "../../../components/fields.tsx";
import { accountErrorKey, ibanOf, MAX_BANK_ACCOUNTS, type AccountFieldName, type BankAccountRow } from "./settings-model.ts";

interface BankAccountsFieldProps {
  rows: readonly BankAccountRow[];
  /** The message about the list as a whole (none, no main account). */
  listError?: string;
  error: (key: string) => string | undefined;
  onChange: (rowKey: string, field: AccountFieldName, value: string) => void;
  onPrimary: (rowKey: string) => void;
  onAdd: () => void;
  onRemove: (rowKey: string) => void;
}

/**
 * The town's bank accounts, replaced as a whole on save: each with a label and a Czech account number (the IBAN
 * the API derives is shown once the checksums pass), exactly one the main account (a radio group across the rows).
 */
export function BankAccountsField({ rows, listError, error, onChange, onPrimary, onAdd, onRemove }: BankAccountsFieldProps) {
  const { t } = useTranslation();
  const listErrorId = "bank-accounts-error";
  return (
    <fieldset
      name="bankAccounts"
      tabIndex={-1}
      aria-describedby={listError ? listErrorId : undefined}
      className="flex flex-col gap-4 rounded-lg border border-line p-4"
    >
      <legend className="px-1 text-lg font-semibold">{t("settings.bank.title")}</legend>
      <p className="text-sm text-ink-muted">{t("settings.bank.intro")}</p>
      {listError && (
        <p id={listErrorId} className="text-sm font-medium text-danger">
          {listError}
        </p>
      )}
      <ol className="flex flex-col gap-4">
        {rows.map((row, index) => {
          const iban = ibanOf(row.accountNumber);
          const numberError = error(accountErrorKey(row.key, "accountNumber"));
          return (
            <li key={row.key}>
              <fieldset className="flex flex-col gap-3 rounded-md border border-line bg-surface p-3" data-account-row={row.key}>
                <legend className="px-1 font-medium">{t("settings.bank.account", { number: index + 1 })}</legend>
                <div className="grid gap-3 sm:grid-cols-2">
                  <TextField
                    name={accountErrorKey(row.key, "label")}
                    label={t("settings.bank.label")}
                    hint={t("settings.bank.labelHint")}
                    required
                    maxLength={100}
                    value={row.label}
                    error={error(accountErrorKey(row.key, "label"))}
                    onChange={(event) => onChange(row.key, "label", event.target.value)}
                  />
                  <TextField
                    name={accountErrorKey(row.key, "accountNumber")}
                    label={t("settings.bank.number")}
                    hint={iban && !numberError ? t("settings.bank.iban", { iban }) : t("settings.bank.numberHint")}
                    required
                    inputMode="text"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={30}
                    value={row.accountNumber}
                    error={numberError}
                    onChange={(event) => onChange(row.key, "accountNumber", event.target.value)}
                  />
                </div>
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <label className="flex min-h-11 items-center gap-3">
                    <input
                      type="radio"
                      name="primaryAccount"
                      value={row.key}
                      className="size-5 accent-brand"
                      checked={row.isPrimary}
                      onChange={() => onPrimary(row.key)}
                    />
                    {t("settings.bank.primary")}
                  </label>
                  {rows.length > 1 && (
                    <Button
                      variant="link"
                      onClick={() => onRemove(row.key)}
                      aria-label={t("settings.bank.removeNamed", { number: index + 1 })}
                    >
                      {t("settings.bank.remove")}
                    </Button>
                  )}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {rows.length < MAX_BANK_ACCOUNTS && (
        <Button variant="secondary" className="self-start" onClick={onAdd}>
          {t("settings.bank.add")}
        </Button>
      )}
    </fieldset>
  );
}
