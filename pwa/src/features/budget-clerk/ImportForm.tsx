import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { z } from "zod";
import { Button } from "../../components/Button.tsx";
import { FileField, Select, TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { ImportBudgetDataMutation } from "./operations.ts";

type ImportAnswer = Extract<ResultOf<typeof ImportBudgetDataMutation>["importBudgetData"], { __typename: "ImportBudgetDataPayload" }>;
export type ImportReportData = ImportAnswer["report"];
export type ImportedDataSet = NonNullable<ImportAnswer["dataSet"]>;

/** The month before today in the town, for the form's defaults: last month's figures are the ones usually sent. */
export function lastMonth(): { year: number; month: number } {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Prague", year: "numeric", month: "2-digit" })
    .format(new Date())
    .split("-")
    .map(Number) as [number, number];
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

const importSchema = z.object({
  organisationId: z.string().min(1, "validation.required"),
  year: z
    .string()
    .trim()
    .refine((value) => /^\d{4}$/.test(value) && Number(value) >= YEAR_MIN && Number(value) <= YEAR_MAX, "budgetClerk.validation.year"),
  month: z.string().refine((value) => /^(?:[1-9]|1[0-2])$/.test(value), "budgetClerk.validation.month"),
  financingSign: z.enum(["AS_FIN", "INVERTED"]),
  note: z.string().max(500, "validation.tooLong"),
});

/**
 * The upload of one organisation × year × month: a dry run first ("Zkontrolovat"), which stores nothing and shows the
 * row-level report; then the upload for approval, which the town's budget office approves before anything is public.
 * The server checks everything again (format, columns, codes, sizes, who may upload for which organisation).
 */
export function ImportForm({
  organisations,
  defaultYear,
  defaultMonth,
  onReport,
  onUploaded,
}: {
  organisations: ReadonlyArray<{ id: string; name: string }>;
  defaultYear: number;
  defaultMonth: number;
  onReport: (report: ImportReportData, dryRun: boolean) => void;
  onUploaded: (dataSet: ImportedDataSet, replayed: boolean) => void;
}) {
  const { t } = useTranslation();
  const [, importData] = useMutation(ImportBudgetDataMutation);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  // Which button submitted: read in the submit handler, which runs before a state update would render.
  const modeRef = useRef<"dry" | "upload">("dry");
  const [mode, setMode] = useState<"dry" | "upload">("dry");
  const choose = (next: "dry" | "upload") => {
    modeRef.current = next;
    setMode(next);
  };
  const form = useZodForm(importSchema, {
    organisationId: organisations.length === 1 ? organisations[0]!.id : "",
    year: String(defaultYear),
    month: String(defaultMonth),
    financingSign: "AS_FIN",
    note: "",
  });

  const onSubmit = form.handleSubmit(async (values) => {
    setFileError(undefined);
    if (!file) {
      setFileError(t("budgetClerk.import.chooseFile"));
      return;
    }
    const dryRun = modeRef.current === "dry";
    const result = await importData({
      input: {
        organisationId: values.organisationId,
        year: Number(values.year),
        month: Number(values.month),
        file,
        dryRun,
        financingSign: values.financingSign,
        note: values.note.trim() || null,
      },
    });
    const answer = result.data?.importBudgetData;
    if (answer?.__typename === "ImportBudgetDataPayload") {
      onReport(answer.report, dryRun);
      if (answer.dataSet) onUploaded(answer.dataSet, answer.replayed);
      return;
    }
    const fileProblem = answer && "fieldErrors" in answer ? answer.fieldErrors?.find((error) => error.path.at(-1) === "file") : undefined;
    if (fileProblem) setFileError(fileProblem.message);
    form.fail(answer ?? result.error);
  });

  return (
    <Form onSubmit={onSubmit} error={form.formError} label={t("budgetClerk.import.title")}>
      <p>{t("budgetClerk.import.intro")}</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Select
          label={t("budgetClerk.field.organisation")}
          className="sm:col-span-3"
          options={[
            ...(organisations.length === 1 ? [] : [{ value: "", label: t("budgetClerk.import.chooseOrganisation") }]),
            ...organisations.map((organisation) => ({ value: organisation.id, label: organisation.name })),
          ]}
          {...form.bind("organisationId")}
        />
        <TextField label={t("budgetClerk.field.year")} inputMode="numeric" autoComplete="off" {...form.bind("year")} />
        <Select
          label={t("budgetClerk.field.month")}
          hint={t("budgetClerk.import.monthHint")}
          options={Array.from({ length: 12 }, (_, index) => ({
            value: String(index + 1),
            label: t(`budget.month.${String(index + 1) as "1"}`),
          }))}
          {...form.bind("month")}
        />
        <Select
          label={t("budgetClerk.field.financingSign")}
          hint={t("budgetClerk.import.financingSignHint")}
          options={[
            { value: "AS_FIN", label: t("budgetClerk.financingSign.AS_FIN") },
            { value: "INVERTED", label: t("budgetClerk.financingSign.INVERTED") },
          ]}
          {...form.bind("financingSign")}
        />
      </div>
      <FileField
        label={t("budgetClerk.field.file")}
        hint={t("budgetClerk.import.fileHint")}
        accept=".csv,.txt,.xlsx,.kxx,.xml,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        required
        error={fileError}
        onFile={(chosen) => {
          setFile(chosen);
          setFileError(undefined);
        }}
      />
      <TextField label={t("budgetClerk.field.note")} autoComplete="off" {...form.bind("note")} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="secondary" busy={form.submitting && mode === "dry"} onClick={() => choose("dry")}>
          {t("budgetClerk.import.dryRun")}
        </Button>
        <Button type="submit" busy={form.submitting && mode === "upload"} onClick={() => choose("upload")}>
          {t("budgetClerk.import.upload")}
        </Button>
      </div>
    </Form>
  );
}
