import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import { Button } from "../../components/Button.tsx";
import { Checkbox, Select, TextField } from "../../components/fields.tsx";
import { Form, useZodForm, type ErrorResult } from "../../components/form.tsx";
import { payerSchema, type PayerValues } from "./schemas.ts";

interface PayerFormProps {
  initial: PayerValues;
  submitLabel: string;
  /** Sends the payer; answers the failure to show, or null when it went through. */
  onSubmit: (input: {
    name: string;
    kind: PayerValues["kind"];
    address: string | null;
    externalId: string | null;
    directDebit: boolean;
  }) => Promise<ErrorResult | CombinedError | undefined | null>;
}

/** Name, kind, address, the accounting system's id and direct debit: creating and editing a payer. */
export function PayerForm({ initial, submitLabel, onSubmit }: PayerFormProps) {
  const { t } = useTranslation();
  const form = useZodForm(payerSchema, initial);
  const submit = form.handleSubmit(async (values) => {
    const failure = await onSubmit({
      name: values.name,
      kind: values.kind,
      address: values.address || null,
      externalId: values.externalId || null,
      directDebit: values.directDebit,
    });
    if (failure !== null) form.fail(failure);
  });
  return (
    <Form onSubmit={submit} error={form.formError}>
      <TextField label={t("accountClerk.fields.name")} required maxLength={200} autoComplete="off" {...form.bind("name")} />
      <Select
        label={t("accountClerk.fields.kind")}
        options={(["PERSON", "HOUSEHOLD"] as const).map((kind) => ({ value: kind, label: t(`accountClerk.payerKind.${kind}`) }))}
        {...form.bind("kind")}
      />
      <TextField label={t("accountClerk.fields.address")} maxLength={300} autoComplete="off" {...form.bind("address")} />
      <TextField
        label={t("accountClerk.fields.externalId")}
        hint={t("accountClerk.externalIdHint")}
        maxLength={100}
        autoComplete="off"
        {...form.bind("externalId")}
      />
      <Checkbox
        label={t("accountClerk.fields.directDebit")}
        checked={form.values.directDebit}
        onChange={(event) => form.setValue("directDebit", event.target.checked)}
      />
      <Button type="submit" busy={form.submitting} className="self-start">
        {submitLabel}
      </Button>
    </Form>
  );
}
