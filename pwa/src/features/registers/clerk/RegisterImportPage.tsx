import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { z } from "zod";
import { Button } from "../../../components/Button.tsx";
import { Checkbox, FileField, Select } from "../../../components/fields.tsx";
import { Form, useZodForm } from "../../../components/form.tsx";
import { ResponsiveTable } from "../../../components/ResponsiveTable.tsx";
import { LoadError, Loading } from "../../../components/states.tsx";
import { useToast } from "../../../components/Toast.tsx";
import type { ResultOf } from "../../../graphql/graphql.ts";
import { useFormat } from "../../../i18n/format.ts";
import { globalId, KIND_ORDER, REGISTER_KINDS, uuidOf, type RegisterKind } from "../kinds.ts";
import { Amount } from "../parts.tsx";
import { ClerkPageFrame } from "./ClerkRegisterListPages.tsx";
import { CLERK_BASE } from "./ClerkRegisterTabs.tsx";
import {
  CommitRegisterImportMutation,
  DiscardRegisterImportMutation,
  PreviewRegisterImportMutation,
  RegisterImportQuery,
  type RegisterImportFields,
} from "./operations.ts";

type RegisterImport = ResultOf<typeof RegisterImportFields>;

/** The preview's id lives in the URL, so a reload (or a colleague given the link) returns to the same preview. */
const PREVIEW_PARAM = "nahled";

/**
 * Import from an accounting system's CSV or XLSX export, in two steps: the upload only previews
 * (rows, the first of them as they will be saved, every problem with its line and column) and saves
 * nothing; the clerk then imports, imports only the valid rows (an explicit choice), or discards.
 */
export function RegisterImportPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const previewId = globalId("RegisterImport", searchParams.get(PREVIEW_PARAM) ?? undefined);
  const [{ data, error }, reexecute] = useQuery({ query: RegisterImportQuery, variables: { id: previewId ?? "" }, pause: !previewId });

  const showPreview = (record: RegisterImport | null) =>
    setSearchParams(record ? { [PREVIEW_PARAM]: uuidOf(record.id) } : {}, { replace: false });

  return (
    <ClerkPageFrame title={t("registers.import.title")}>
      {!previewId && <UploadForm onPreview={showPreview} />}
      {previewId && !data && (error ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />)}
      {previewId && data && !data.registerImport && (
        <div className="flex flex-col gap-3">
          <p>{t("registers.import.notFound")}</p>
          <Button variant="secondary" className="self-start" onClick={() => showPreview(null)}>
            {t("registers.import.again")}
          </Button>
        </div>
      )}
      {data?.registerImport && <ImportPreview record={data.registerImport} onDone={() => showPreview(null)} />}
    </ClerkPageFrame>
  );
}

const uploadSchema = z.object({ kind: z.enum(KIND_ORDER as [RegisterKind, ...RegisterKind[]]) });

function UploadForm({ onPreview }: { onPreview: (record: RegisterImport) => void }) {
  const { t } = useTranslation();
  const [, preview] = useMutation(PreviewRegisterImportMutation);
  const [file, setFile] = useState<File | null>(null);
  const form = useZodForm(uploadSchema, { kind: "CONTRACT" });
  const [fileError, setFileError] = useState<string | undefined>();

  const onSubmit = form.handleSubmit(async ({ kind }) => {
    setFileError(undefined);
    if (!file) {
      setFileError(t("registers.import.chooseFile"));
      return;
    }
    const result = await preview({ input: { kind, file } });
    const answer = result.data?.previewRegisterImport;
    if (answer?.__typename === "PreviewRegisterImportSuccess") return onPreview(answer.registerImport);
    // A file-level problem (format, missing columns, size) belongs next to the file field.
    const fileProblem = answer && "fieldErrors" in answer ? answer.fieldErrors?.find((error) => error.path.at(-1) === "file") : undefined;
    if (fileProblem) setFileError(fileProblem.message);
    form.fail(answer ?? result.error);
  });

  return (
    <Form onSubmit={onSubmit} error={form.formError} label={t("registers.import.title")}>
      <p>{t("registers.import.intro")}</p>
      <Select
        label={t("registers.import.kind")}
        options={KIND_ORDER.map((kind) => ({ value: kind, label: t(`registers.kind.${kind}.title`) }))}
        {...form.bind("kind")}
      />
      <FileField
        label={t("registers.import.file")}
        hint={t("registers.import.fileHint")}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        required
        error={fileError}
        onFile={(chosen) => {
          setFile(chosen);
          setFileError(undefined);
        }}
      />
      <Button type="submit" busy={form.submitting} className="self-start">
        {t("registers.import.preview")}
      </Button>
    </Form>
  );
}

function ImportPreview({ record, onDone }: { record: RegisterImport; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const [, commit] = useMutation(CommitRegisterImportMutation);
  const [, discard] = useMutation(DiscardRegisterImportMutation);
  const [skipInvalidRows, setSkipInvalidRows] = useState(false);
  const [publish, setPublish] = useState(false);
  const [busy, setBusy] = useState<"commit" | "discard" | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [skipError, setSkipError] = useState<string | undefined>();
  const kind = record.kind as RegisterKind;
  const hasProblems = record.problemCount > 0;

  async function onCommit() {
    setBusy("commit");
    setProblem(null);
    setSkipError(undefined);
    try {
      const result = await commit({ input: { id: record.id, skipInvalidRows, publish } });
      const answer = result.data?.commitRegisterImport;
      if (answer?.__typename === "CommitRegisterImportSuccess") {
        toast(t("registers.import.imported", { count: answer.registerImport.importedCount }));
      } else if (answer && "message" in answer) {
        // "The file has problems" belongs to the choice to skip them; anything else (already imported,
        // discarded, numbers taken meanwhile) to the import as a whole.
        const fieldErrors = "fieldErrors" in answer ? (answer.fieldErrors ?? []) : [];
        const skip = fieldErrors.find((error) => error.path.at(-1) === "skipInvalidRows");
        setSkipError(skip?.message);
        setProblem([answer.message, ...fieldErrors.map((error) => error.message)].join(" "));
      } else {
        setProblem(result.error?.networkError ? t("errors.network") : t("errors.unexpected"));
      }
    } finally {
      setBusy(null);
    }
  }

  async function onDiscard() {
    setBusy("discard");
    setProblem(null);
    try {
      const result = await discard({ id: record.id });
      const answer = result.data?.discardRegisterImport;
      if (answer?.__typename === "DiscardRegisterImportSuccess") {
        toast(t("registers.import.discarded"));
        onDone();
      } else {
        setProblem(answer && "message" in answer ? answer.message : t("errors.unexpected"));
      }
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="import-summary-heading" className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-4">
        <h2 id="import-summary-heading" className="text-xl font-semibold">
          {t("registers.import.summaryHeading", { name: record.fileName })}
        </h2>
        <p>{t("registers.import.summaryKind", { kind: t(`registers.kind.${kind}.title`) })}</p>
        <ul className="list-inside list-disc">
          <li>{t("registers.import.rows", { count: record.rowCount })}</li>
          <li>{t("registers.import.validRows", { count: record.validRowCount })}</li>
          <li className={hasProblems ? "font-semibold text-danger" : ""}>
            {t("registers.import.invalidRows", { count: record.invalidRowCount })}
          </li>
        </ul>
        {record.status === "IMPORTED" && (
          <p role="status" className="font-semibold text-success">
            {t("registers.import.doneImported", {
              count: record.importedCount,
              date: record.decidedAt ? format.dateTime(record.decidedAt) : "",
            })}{" "}
            <Link to={`${CLERK_BASE}/${REGISTER_KINDS[kind].path}`}>{t("registers.import.toList")}</Link>
          </p>
        )}
        {record.status === "DISCARDED" && <p role="status">{t("registers.import.doneDiscarded")}</p>}
      </section>

      {record.problems.length > 0 && (
        <section aria-labelledby="import-problems-heading" className="flex flex-col gap-2">
          <h2 id="import-problems-heading" className="text-xl font-semibold text-danger">
            {t("registers.import.problemsHeading", { count: record.problemCount })}
          </h2>
          <ResponsiveTable
            caption={t("registers.import.problemsHeading", { count: record.problemCount })}
            rows={record.problems}
            rowKey={(problem) => `${problem.line}-${problem.column ?? ""}-${problem.code}`}
            columns={[
              { header: t("registers.import.line"), cell: (problem) => problem.line },
              { header: t("registers.import.column"), cell: (problem) => problem.column ?? "—" },
              { header: t("registers.import.problem"), cell: (problem) => problem.message },
            ]}
          />
          {record.problems.length < record.problemCount && (
            <p className="text-ink-muted">
              {t("registers.import.moreProblems", { shown: record.problems.length, count: record.problemCount })}
            </p>
          )}
        </section>
      )}

      {record.previewRows.length > 0 && (
        <section aria-labelledby="import-rows-heading" className="flex flex-col gap-2">
          <h2 id="import-rows-heading" className="text-xl font-semibold">
            {t("registers.import.rowsHeading", { count: record.previewRows.length })}
          </h2>
          <ResponsiveTable
            caption={t("registers.import.rowsHeading", { count: record.previewRows.length })}
            rows={record.previewRows}
            rowKey={(row) => String(row.line)}
            columns={[
              { header: t("registers.import.line"), cell: (row) => row.line },
              { header: t(`registers.kind.${kind}.numberLabel`), cell: (row) => row.number },
              { header: t("registers.field.subject"), cell: (row) => row.subject },
              { header: t(`registers.kind.${kind}.party`), cell: (row) => `${row.partyName}${row.partyIco ? ` (${row.partyIco})` : ""}` },
              { header: t(`registers.kind.${kind}.date`), cell: (row) => format.date(row.date) },
              { header: t("registers.field.amountWithoutVat"), cell: (row) => <Amount value={row.amountWithoutVat} /> },
              { header: t("registers.field.amountWithVat"), cell: (row) => <Amount value={row.amountWithVat} /> },
            ]}
          />
        </section>
      )}

      {record.status === "PREVIEW" && (
        <section aria-labelledby="import-decision-heading" className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
          <h2 id="import-decision-heading" className="text-xl font-semibold">
            {t("registers.import.decisionHeading")}
          </h2>
          <div role="alert" className="empty:hidden rounded-md border-2 border-danger p-3 font-medium text-danger">
            {problem}
          </div>
          {hasProblems && record.validRowCount > 0 && (
            <Checkbox
              label={t("registers.import.skipInvalid", { count: record.validRowCount, invalid: record.invalidRowCount })}
              checked={skipInvalidRows}
              error={skipError}
              onChange={(event) => {
                setSkipInvalidRows(event.target.checked);
                setSkipError(undefined);
              }}
            />
          )}
          {record.validRowCount > 0 && (
            <Checkbox
              label={t("registers.import.publish")}
              hint={t("registers.import.publishHint")}
              checked={publish}
              onChange={(event) => setPublish(event.target.checked)}
            />
          )}
          <div className="flex flex-wrap gap-3">
            {record.validRowCount > 0 && (
              <Button busy={busy === "commit"} disabled={busy !== null} onClick={() => void onCommit()}>
                {t("registers.import.commit", { count: hasProblems && skipInvalidRows ? record.validRowCount : record.rowCount })}
              </Button>
            )}
            <Button variant="secondary" busy={busy === "discard"} disabled={busy !== null} onClick={() => void onDiscard()}>
              {t("registers.import.discard")}
            </Button>
          </div>
        </section>
      )}
      {record.status !== "PREVIEW" && (
        <Button variant="secondary" className="self-start" onClick={onDone}>
          {t("registers.import.again")}
        </Button>
      )}
    </div>
  );
}
