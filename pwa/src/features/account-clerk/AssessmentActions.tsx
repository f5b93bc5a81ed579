import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { TextArea, TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useFormat } from "../../i18n/format.ts";
import { parseMoneyInput } from "./money.ts";
import { CancelAssessmentMutation, RecordCashPaymentMutation, WriteOffAssessmentMutation } from "./operations.ts";
import type { ClerkAssessment } from "./PayerPage.tsx";
import { cashPaymentSchema, reasonSchema } from "./schemas.ts";

type Action = "cash" | "cancel" | "writeOff";

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
      <Button variant="secondary" onClick={() => setAction("cash")} aria-label={t("accountClerk.cashPaymentNamed", named)}>
        {t("accountClerk.cashPayment")}
      </Button>
      <Button variant="secondary" onClick={() => setAction("cancel")} aria-label={t("accountClerk.cancelNamed", named)}>
        {t("accountClerk.cancel")}
      </Button>
      <Button variant="secondary" onClick={() => setAction("writeOff")} aria-label={t("accountClerk.writeOffNamed", named)}>
        {t("accountClerk.writeOff")}
      </Button>
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
