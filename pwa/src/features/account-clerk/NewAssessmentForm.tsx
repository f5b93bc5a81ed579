import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { Checkbox, Select, TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useFormat } from "../../i18n/format.ts";
import { fromHaler, parseMoneyInput, previewInstallments, toHaler } from "./money.ts";
import { CreateAssessmentMutation } from "./operations.ts";
import type { TownAccount } from "./PayerPage.tsx";
import { assessmentSchema, type AssessmentValues } from "./schemas.ts";

const KINDS = ["WASTE_FEE", "DOG_FEE", "ADMIN_FEE", "FINE", "OTHER"] as const;

function initialValues(accounts: readonly TownAccount[]): AssessmentValues {
  const year = new Date().getFullYear();
  return {
    kind: "WASTE_FEE",
    subject: "",
    year: String(year),
    amount: "",
    installmentCount: "1",
    firstDueDate: "",
    variableSymbol: "",
    constantSymbol: "",
    specificSymbol: "",
    bankAccountId: accounts.find((account) => account.isPrimary)?.id ?? accounts[0]?.id ?? "",
    generateAccessCode: false,
  };
}

/** Issuing an assessment: kind, subject, amount split into equal monthly installments (previewed), symbols, account. */
export function NewAssessmentForm({
  payerId,
  accounts,
  onCreated,
}: {
  payerId: string;
  accounts: readonly TownAccount[];
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const [, create] = useMutation(CreateAssessmentMutation);
  const [issued, setIssued] = useState<{ variableSymbol: string; accessCode: string | null } | null>(null);
  const form = useZodForm(assessmentSchema, initialValues(accounts));
  const amount = parseMoneyInput(form.values.amount);
  const preview = amount ? previewInstallments(toHaler(amount), Number(form.values.installmentCount) || 0, form.values.firstDueDate) : [];
  const submit = form.handleSubmit(async (values) => {
    const result = await create({
      payerId,
      input: {
        kind: values.kind,
        subject: values.subject,
        year: Number(values.year),
        amount: parseMoneyInput(values.amount)!,
        installmentCount: Number(values.installmentCount),
        firstDueDate: values.firstDueDate,
        variableSymbol: values.variableSymbol || null,
        constantSymbol: values.constantSymbol || null,
        specificSymbol: values.specificSymbol || null,
        bankAccountId: values.bankAccountId || null,
        generateAccessCode: values.generateAccessCode,
      },
    });
    const answer = result.data?.createAssessment;
    if (answer?.__typename !== "CreatedAssessment") return form.fail(answer ?? result.error);
    setIssued({ variableSymbol: answer.assessment.variableSymbol, accessCode: answer.accessCode });
    toast(t("accountClerk.toast.assessmentCreated", { vs: answer.assessment.variableSymbol }));
    form.reset(initialValues(accounts));
    onCreated();
  });
  return (
    <div className="flex flex-col gap-4">
      {issued && (
        <div role="status" className="flex flex-col gap-1 rounded-md border-2 border-success bg-surface p-3">
          <p className="font-medium">{t("accountClerk.issued", { vs: issued.variableSymbol })}</p>
          {issued.accessCode && (
            <p>
              {t("accountClerk.accessCodeOnce")} <strong className="font-mono text-lg tracking-wider">{issued.accessCode}</strong>
            </p>
          )}
        </div>
      )}
      <Form onSubmit={submit} error={form.formError} label={t("accountClerk.newAssessment")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Select
            label={t("accountClerk.fields.kind")}
            options={KINDS.map((kind) => ({ value: kind, label: t(`accountClerk.kind.${kind}`) }))}
            {...form.bind("kind")}
          />
          <TextField label={t("accountClerk.fields.year")} inputMode="numeric" required maxLength={4} {...form.bind("year")} />
          <TextField
            label={t("accountClerk.fields.subject")}
            required
            maxLength={200}
            className="sm:col-span-2"
            autoComplete="off"
            {...form.bind("subject")}
          />
          <TextField
            label={t("accountClerk.fields.amount")}
            hint={t("accountClerk.amountHint")}
            inputMode="decimal"
            required
            {...form.bind("amount")}
          />
          <TextField
            label={t("accountClerk.fields.installmentCount")}
            hint={t("accountClerk.installmentCountHint")}
            type="number"
            min={1}
            max={24}
            required
            {...form.bind("installmentCount")}
          />
          <TextField type="date" label={t("accountClerk.fields.firstDueDate")} required {...form.bind("firstDueDate")} />
          <Select
            label={t("accountClerk.fields.bankAccount")}
            options={accounts.map((account) => ({ value: account.id, label: `${account.label} – ${account.accountNumber}` }))}
            {...form.bind("bankAccountId")}
          />
          <TextField
            label={t("accountClerk.fields.variableSymbol")}
            hint={t("accountClerk.variableSymbolHint")}
            inputMode="numeric"
            maxLength={10}
            autoComplete="off"
            {...form.bind("variableSymbol")}
          />
          <TextField
            label={t("accountClerk.fields.constantSymbol")}
            inputMode="numeric"
            maxLength={10}
            autoComplete="off"
            {...form.bind("constantSymbol")}
          />
          <TextField
            label={t("accountClerk.fields.specificSymbol")}
            inputMode="numeric"
            maxLength={10}
            autoComplete="off"
            {...form.bind("specificSymbol")}
          />
          <Checkbox
            label={t("accountClerk.fields.generateAccessCode")}
            hint={t("accountClerk.accessCodeHint")}
            checked={form.values.generateAccessCode}
            onChange={(event) => form.setValue("generateAccessCode", event.target.checked)}
          />
        </div>
        {preview.length > 0 && (
          <section aria-labelledby="preview-heading" aria-live="polite" className="flex flex-col gap-2">
            <h3 id="preview-heading" className="font-semibold">
              {t("accountClerk.previewTitle")}
            </h3>
            <ol className="flex flex-col gap-1">
              {preview.map((installment, index) => (
                <li key={index}>
                  {t("accountClerk.previewLine", {
                    position: index + 1,
                    amount: format.money(fromHaler(installment.amount)),
                    date: format.date(installment.dueDate),
                  })}
                </li>
              ))}
            </ol>
          </section>
        )}
        <Button type="submit" busy={form.submitting} className="self-start">
          {t("accountClerk.issue")}
        </Button>
      </Form>
    </div>
  );
}
