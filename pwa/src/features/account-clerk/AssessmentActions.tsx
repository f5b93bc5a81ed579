import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { TextArea, TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useFormat } from "../../i18n/format.ts";
import { fromHaler, parseMoneyInput, previewInstallments, toHaler } from "./money.ts";
import { CancelAssessmentMutation, RecordCashPaymentMutation, UpdateAssessmentMutation, WriteOffAssessmentMutation } from "./operations.ts";
import type { ClerkAssessment } from "./PayerPage.tsx";
import { assessmentChangeSchema, cashPaymentSchema, reasonSchema } from "./schemas.ts";

type Action = "edit" | "cash" | "cancel" | "writeOff";

/** Today in Prague as YYYY-MM-DD (a cash payment's default date). */
const pragueToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Prague" }).format(new Date());

/** What a clerk can do with an active assessment: record a cash payment, cancel it, write it off. */
export function AssessmentActions({ assessment, onChanged }: { assessment: ClerkAssessment; onChanged: () => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  const active = assessment.status !== "CANCELLED" && assessment.status !== "WRITTEN_OFF";
  if (!active) return <span className="text-ink-muted">–</span>;
  const done = () => {
    setAction(null);
    onChanged();
  };
  const named = { subject: assessment.subject, vs: assessment.variableSymbol };
  return (
    <div className="flex flex-wrap gap-2">
      {assessment.payments.length === 0 && (
        <Button variant="secondary" onClick={() => setAction("edit")} aria-label={t("accountClerk.editNamed", named)}>
          {t("common.edit")}
        </Button>
      )}
      <Button variant="secondary" onClick={() => setAction("cash")} aria-label={t("accountClerk.cashPaymentNamed", named)}>
        {t("accountClerk.cashPayment")}
      </Button>
      <Button variant="secondary" onClick={() => setAction("cancel")} aria-label={t("accountClerk.cancelNamed", named)}>
        {t("accountClerk.cancel")}
      </Button>
      <Button variant="secondary" onClick={() => setAction("writeOff")} aria-label={t("accountClerk.writeOffNamed", named)}>
        {t("accountClerk.writeOff")}
      </Button>
      <Dialog open={action === "edit"} title={t("accountClerk.editTitle", named)} onClose={() => setAction(null)}>
        <EditForm assessment={assessment} onDone={done} />
      </Dialog>
      <Dialog open={action === "cash"} title={t("accountClerk.cashPaymentTitle", named)} onClose={() => setAction(null)}>
        <CashPaymentForm assessment={assessment} onDone={done} />
      </Dialog>
      <Dialog open={action === "cancel"} title={t("accountClerk.cancelTitle", named)} onClose={() => setAction(null)}>
        <CloseForm assessment={assessment} kind="cancel" onDone={done} />
      </Dialog>
      <Dialog open={action === "writeOff"} title={t("accountClerk.writeOffTitle", named)} onClose={() => setAction(null)}>
        <CloseForm assessment={assessment} kind="writeOff" onDone={done} />
      </Dialog>
    </div>
  );
}

function CashPaymentForm({ assessment, onDone }: { assessment: ClerkAssessment; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const [, record] = useMutation(RecordCashPaymentMutation);
  const remaining = assessment.remaining;
  const form = useZodForm(cashPaymentSchema, {
    amount: remaining === "0.00" ? "" : remaining.replace(".", ","),
    receivedOn: pragueToday(),
    receiptNumber: "",
  });
  const submit = form.handleSubmit(async (values) => {
    const result = await record({
      input: {
        assessmentId: assessment.id,
        amount: parseMoneyInput(values.amount)!,
        receivedOn: values.receivedOn,
        receiptNumber: values.receiptNumber,
      },
    });
    const answer = result.data?.recordCashPayment;
    if (answer?.__typename !== "RecordCashPaymentSuccess") return form.fail(answer ?? result.error);
    toast(t("accountClerk.toast.cashRecorded"));
    onDone();
  });
  return (
    <Form onSubmit={submit} error={form.formError}>
      <p>{t("accountClerk.cashIntro", { remaining: format.money(remaining) })}</p>
      <TextField
        label={t("accountClerk.fields.cashAmount")}
        hint={t("accountClerk.amountHint")}
        inputMode="decimal"
        required
        {...form.bind("amount")}
      />
      <TextField type="date" label={t("accountClerk.fields.receivedOn")} required max={pragueToday()} {...form.bind("receivedOn")} />
      <TextField
        label={t("accountClerk.fields.receiptNumber")}
        required
        maxLength={50}
        autoComplete="off"
        {...form.bind("receiptNumber")}
      />
      <Button type="submit" busy={form.submitting} className="self-start">
        {t("accountClerk.recordCash")}
      </Button>
    </Form>
  );
}

function CloseForm({ assessment, kind, onDone }: { assessment: ClerkAssessment; kind: "cancel" | "writeOff"; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, cancel] = useMutation(CancelAssessmentMutation);
  const [, writeOff] = useMutation(WriteOffAssessmentMutation);
  const form = useZodForm(reasonSchema, { reason: "" });
  const submit = form.handleSubmit(async ({ reason }) => {
    if (kind === "cancel") {
      const result = await cancel({ id: assessment.id, reason });
      const answer = result.data?.cancelAssessment;
      if (answer?.__typename !== "CancelAssessmentSuccess") return form.fail(answer ?? result.error);
    } else {
      const result = await writeOff({ id: assessment.id, reason });
      const answer = result.data?.writeOffAssessment;
      if (answer?.__typename !== "WriteOffAssessmentSuccess") return form.fail(answer ?? result.error);
    }
    toast(t(kind === "cancel" ? "accountClerk.toast.cancelled" : "accountClerk.toast.writtenOff"));
    onDone();
  });
  return (
    <Form onSubmit={submit} error={form.formError}>
      <p>{t(kind === "cancel" ? "accountClerk.cancelIntro" : "accountClerk.writeOffIntro")}</p>
      <TextArea label={t("accountClerk.fields.reason")} required maxLength={500} {...form.bind("reason")} />
      <Button type="submit" variant="danger" busy={form.submitting} className="self-start">
        {t(kind === "cancel" ? "accountClerk.confirmCancel" : "accountClerk.confirmWriteOff")}
      </Button>
    </Form>
  );
}

/** Corrects subject, amount and installments; offered only while nothing is paired (the API checks it again). */
function EditForm({ assessment, onDone }: { assessment: ClerkAssessment; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const [, update] = useMutation(UpdateAssessmentMutation);
  const form = useZodForm(assessmentChangeSchema, {
    subject: assessment.subject,
    amount: assessment.amount.replace(".", ","),
    installmentCount: String(assessment.installments.length),
    firstDueDate: assessment.installments[0]?.dueDate ?? assessment.dueDate,
  });
  const amount = parseMoneyInput(form.values.amount);
  const preview = amount ? previewInstallments(toHaler(amount), Number(form.values.installmentCount) || 0, form.values.firstDueDate) : [];
  const submit = form.handleSubmit(async (values) => {
    const result = await update({
      id: assessment.id,
      input: {
        subject: values.subject,
        amount: parseMoneyInput(values.amount)!,
        installmentCount: Number(values.installmentCount),
        firstDueDate: values.firstDueDate,
      },
    });
    const answer = result.data?.updateAssessment;
    if (answer?.__typename !== "UpdateAssessmentSuccess") return form.fail(answer ?? result.error);
    toast(t("accountClerk.toast.assessmentSaved"));
    onDone();
  });
  return (
    <Form onSubmit={submit} error={form.formError}>
      <TextField label={t("accountClerk.fields.subject")} required maxLength={200} {...form.bind("subject")} />
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
      {preview.length > 0 && (
        <ol aria-label={t("accountClerk.previewTitle")} aria-live="polite" className="flex flex-col gap-1">
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
      )}
      <Button type="submit" busy={form.submitting} className="self-start">
        {t("common.save")}
      </Button>
    </Form>
  );
}
