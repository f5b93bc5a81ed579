import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { ConfirmActions, Dialog } from "../../components/Dialog.tsx";
import { Select, TextArea } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { TabNav } from "../../components/TabNav.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { ImportForm, lastMonth, type ImportReportData } from "./ImportForm.tsx";
import { ImportReport, IssueTable, TotalsTable } from "./ImportReport.tsx";
import {
  ApproveBudgetDataSetMutation,
  BudgetDataSetQuery,
  BudgetDataSetsQuery,
  BudgetDataSetSummaryQuery,
  MyBudgetOrganisationsQuery,
  PublishBudgetDataSetMutation,
  RejectBudgetDataSetMutation,
  type BudgetDataSetFields,
} from "./operations.ts";

export const BUDGET_CLERK_BASE = "/urad/rozpocet";
const STATUSES = ["DRAFT", "APPROVED", "PUBLISHED", "REJECTED"] as const;
type Status = (typeof STATUSES)[number];
type DataSet = ResultOf<typeof BudgetDataSetFields>;

export function BudgetClerkFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-5">
      <PageHeading>{title}</PageHeading>
      <TabNav
        label={t("budgetClerk.tabs")}
        items={[
          { to: BUDGET_CLERK_BASE, label: t("budgetClerk.dataSets.tab"), end: true },
          { to: `${BUDGET_CLERK_BASE}/import`, label: t("budgetClerk.import.tab") },
          { to: `${BUDGET_CLERK_BASE}/organizace`, label: t("budgetClerk.organisations.tab") },
          { to: "/rozpocet", label: t("budgetClerk.publicTab") },
        ]}
      />
      {children}
    </div>
  );
}

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  const tone: Record<Status, string> = {
    DRAFT: "border-line bg-page",
    APPROVED: "border-brand bg-surface",
    PUBLISHED: "border-success bg-surface text-success",
    REJECTED: "border-danger bg-surface text-danger",
  };
  return (
    <span
      className={`inline-block rounded-full border px-3 py-0.5 text-sm font-semibold whitespace-nowrap ${tone[status]}`}
      data-status={status}
    >
      {t(`budgetClerk.status.${status}`)}
    </span>
  );
}

/** Uploaded data sets, newest first, for the clerk to approve and publish (or for an uploader to follow). */
export function DataSetList({ dataSets, linkTo }: { dataSets: readonly DataSet[]; linkTo: ((dataSet: DataSet) => string) | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ResponsiveTable
      caption={t("budgetClerk.dataSets.title")}
      rows={dataSets}
      rowKey={(dataSet) => dataSet.id}
      columns={[
        {
          header: t("budgetClerk.field.period"),
          nowrap: true,
          cell: (dataSet) => {
            const label = `${t(`budget.month.${String(dataSet.month) as "1"}`)} ${dataSet.year}`;
            return linkTo ? (
              <Link to={linkTo(dataSet)} data-data-set={dataSet.id}>
                {label}
              </Link>
            ) : (
              label
            );
          },
        },
        { header: t("budgetClerk.field.organisation"), cell: (dataSet) => dataSet.organisation.name },
        { header: t("budgetClerk.field.version"), cell: (dataSet) => dataSet.version },
        {
          header: t("budgetClerk.field.status"),
          cell: (dataSet) => (
            <>
              <StatusBadge status={dataSet.status} />
              {dataSet.status === "REJECTED" && dataSet.rejectReason && <span className="mt-1 block text-sm">{dataSet.rejectReason}</span>}
            </>
          ),
        },
        {
          header: t("budgetClerk.field.file"),
          cell: (dataSet) => (
            <>
              <span className="break-all">{dataSet.fileName}</span>
              <span className="block text-sm text-ink-muted">
                {t("budgetClerk.dataSets.lines", { count: dataSet.lineCount })}
                {dataSet.warningCount > 0 && ` · ${t("budgetClerk.dataSets.warnings", { count: dataSet.warningCount })}`}
              </span>
            </>
          ),
        },
        { header: t("budgetClerk.field.uploadedAt"), cell: (dataSet) => format.dateTime(dataSet.uploadedAt), nowrap: true },
      ]}
    />
  );
}

/** /urad/rozpocet: what waits for approval or publication, and every upload before. */
export function BudgetDataSetsPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get("status");
  const status = (STATUSES as readonly string[]).includes(statusParam ?? "") ? (statusParam as Status) : null;
  const [result, reexecute] = useQuery({ query: BudgetDataSetsQuery, variables: { status, limit: 100 } });
  const dataSets = result.data?.budgetDataSets;
  return (
    <BudgetClerkFrame title={t("budgetClerk.dataSets.title")}>
      <p>{t("budgetClerk.dataSets.intro")}</p>
      <Select
        label={t("budgetClerk.dataSets.filter")}
        className="sm:w-72"
        options={[
          { value: "", label: t("budgetClerk.dataSets.all") },
          ...STATUSES.map((value) => ({ value, label: t(`budgetClerk.status.${value}`) })),
        ]}
        value={status ?? ""}
        onChange={(event) => setSearchParams(event.target.value ? { status: event.target.value } : {})}
      />
      {!dataSets && (result.error ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />)}
      {dataSets && dataSets.length === 0 && <EmptyState title={t("budgetClerk.dataSets.none")} />}
      {dataSets && dataSets.length > 0 && <DataSetList dataSets={dataSets} linkTo={(dataSet) => `${BUDGET_CLERK_BASE}/${dataSet.id}`} />}
    </BudgetClerkFrame>
  );
}

/** /urad/rozpocet/import: the budget office uploads for any organisation; the upload then waits for approval. */
export function BudgetImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const [organisations] = useQuery({ query: MyBudgetOrganisationsQuery });
  const [report, setReport] = useState<{ report: ImportReportData; dryRun: boolean } | null>(null);
  const defaults = lastMonth();
  const list = organisations.data?.myBudgetOrganisations;
  return (
    <BudgetClerkFrame title={t("budgetClerk.import.title")}>
      {!list && (organisations.error ? <LoadError onRetry={() => undefined} /> : <Loading />)}
      {list && (
        <ImportForm
          organisations={list}
          defaultYear={defaults.year}
          defaultMonth={defaults.month}
          onReport={(next, dryRun) => setReport({ report: next, dryRun })}
          onUploaded={(dataSet, replayed) => {
            toast(replayed ? t("budgetClerk.import.replayed") : t("budgetClerk.import.uploaded"));
            navigate(`${BUDGET_CLERK_BASE}/${dataSet.id}`);
          }}
        />
      )}
      {report && <ImportReport report={report.report} dryRun={report.dryRun} />}
    </BudgetClerkFrame>
  );
}

/** /urad/rozpocet/:id: one upload, its totals and warnings, and the decisions: approve, publish or reject. */
export function BudgetDataSetPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = "" } = useParams();
  const [result, reexecute] = useQuery({ query: BudgetDataSetQuery, variables: { id } });
  const dataSet = result.data?.budgetDataSet;
  const [summary] = useQuery({
    query: BudgetDataSetSummaryQuery,
    variables: { view: { year: dataSet?.year ?? 0, month: dataSet?.month ?? null, dataSetId: id, consolidated: false } },
    pause: !dataSet,
  });

  if (!result.data) {
    return (
      <BudgetClerkFrame title={t("budgetClerk.dataSet.title")}>
        {result.error ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />}
      </BudgetClerkFrame>
    );
  }
  if (!dataSet) {
    return (
      <BudgetClerkFrame title={t("budgetClerk.dataSet.title")}>
        <EmptyState title={t("budgetClerk.dataSet.notFound")}>
          <Link to={BUDGET_CLERK_BASE}>{t("budgetClerk.dataSet.back")}</Link>
        </EmptyState>
      </BudgetClerkFrame>
    );
  }
  const period = `${t(`budget.month.${String(dataSet.month) as "1"}`)} ${dataSet.year}`;
  return (
    <BudgetClerkFrame title={t("budgetClerk.dataSet.heading", { organisation: dataSet.organisation.name, period })}>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-line bg-surface p-4 sm:grid-cols-[minmax(10rem,auto)_1fr]">
        {[
          [t("budgetClerk.field.status"), <StatusBadge key="status" status={dataSet.status} />],
          [t("budgetClerk.field.version"), dataSet.version],
          [t("budgetClerk.field.file"), `${dataSet.fileName} (${dataSet.format})`],
          [t("budgetClerk.dataSets.linesLabel"), format.number(dataSet.lineCount)],
          [
            t("budgetClerk.report.amountTypes"),
            dataSet.amountTypes.map((type) => t(`budget.amount.${type.toLowerCase() as "actual"}`)).join(", ") || "—",
          ],
          [t("budgetClerk.field.uploadedAt"), format.dateTime(dataSet.uploadedAt)],
          [t("budgetClerk.field.approvedAt"), dataSet.approvedAt ? format.dateTime(dataSet.approvedAt) : "—"],
          [t("budgetClerk.field.publishedAt"), dataSet.publishedAt ? format.dateTime(dataSet.publishedAt) : "—"],
          ...(dataSet.note ? [[t("budgetClerk.field.note"), dataSet.note] as const] : []),
          ...(dataSet.rejectReason ? [[t("budgetClerk.field.rejectReason"), dataSet.rejectReason] as const] : []),
        ].map(([label, value]) => (
          <div key={String(label)} className="contents">
            <dt className="font-medium text-ink-muted">{label}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <Decisions dataSet={dataSet} />
      <section aria-labelledby="data-set-totals" className="flex flex-col gap-3">
        <h2 id="data-set-totals" className="text-xl font-semibold">
          {t("budgetClerk.dataSet.totals")}
        </h2>
        <p className="text-ink-muted">{t("budgetClerk.dataSet.totalsHint")}</p>
        {summary.data ? <TotalsTable caption={t("budgetClerk.dataSet.totals")} totals={summary.data.budgetSummary} /> : <Loading />}
      </section>
      {dataSet.warnings.length > 0 && (
        <section aria-labelledby="data-set-warnings" className="flex flex-col gap-3">
          <h2 id="data-set-warnings" className="text-xl font-semibold">
            {t("budgetClerk.dataSets.warnings", { count: dataSet.warningCount })}
          </h2>
          <p className="text-ink-muted">{t("budgetClerk.dataSet.warningsHint")}</p>
          <IssueTable caption={t("budgetClerk.dataSets.warnings", { count: dataSet.warningCount })} issues={dataSet.warnings} />
        </section>
      )}
    </BudgetClerkFrame>
  );
}

function Decisions({ dataSet }: { dataSet: DataSet }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, approve] = useMutation(ApproveBudgetDataSetMutation);
  const [, publish] = useMutation(PublishBudgetDataSetMutation);
  const [, reject] = useMutation(RejectBudgetDataSetMutation);
  const [busy, setBusy] = useState<"approve" | "publish" | "reject" | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"publish" | "reject" | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();

  async function decide(kind: "approve" | "publish" | "reject") {
    setBusy(kind);
    setProblem(null);
    try {
      const result =
        kind === "approve"
          ? (await approve({ id: dataSet.id })).data?.approveBudgetDataSet
          : kind === "publish"
            ? (await publish({ id: dataSet.id })).data?.publishBudgetDataSet
            : (await reject({ id: dataSet.id, reason: reason.trim() })).data?.rejectBudgetDataSet;
      if (result && "dataSet" in result) {
        toast(t(`budgetClerk.decision.${kind}Done`));
        setConfirm(null);
        return;
      }
      const fieldErrors = result && "fieldErrors" in result ? (result.fieldErrors ?? []) : [];
      const reasonProblem = fieldErrors.find((error) => error.path.at(-1) === "reason");
      if (reasonProblem) setReasonError(reasonProblem.message);
      setProblem(result && "message" in result ? result.message : t("errors.unexpected"));
    } finally {
      setBusy(null);
    }
  }

  if (dataSet.status === "PUBLISHED" || dataSet.status === "REJECTED") {
    return (
      <p role="status" className="text-ink-muted">
        {dataSet.status === "PUBLISHED" ? t("budgetClerk.decision.publishedNote") : t("budgetClerk.decision.rejectedNote")}
      </p>
    );
  }
  return (
    <section aria-labelledby="data-set-decision" className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
      <h2 id="data-set-decision" className="text-xl font-semibold">
        {t("budgetClerk.decision.title")}
      </h2>
      <p>{dataSet.status === "DRAFT" ? t("budgetClerk.decision.draftHint") : t("budgetClerk.decision.approvedHint")}</p>
      {problem && (
        <p role="alert" className="font-medium text-danger">
          {problem}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        {dataSet.status === "DRAFT" && (
          <Button busy={busy === "approve"} onClick={() => void decide("approve")}>
            {t("budgetClerk.decision.approve")}
          </Button>
        )}
        {dataSet.status === "APPROVED" && (
          <Button busy={busy === "publish"} onClick={() => setConfirm("publish")}>
            {t("budgetClerk.decision.publish")}
          </Button>
        )}
        <Button variant="danger" onClick={() => setConfirm("reject")}>
          {t("budgetClerk.decision.reject")}
        </Button>
      </div>
      <Dialog open={confirm === "publish"} title={t("budgetClerk.decision.publishTitle")} onClose={() => setConfirm(null)}>
        <ConfirmActions
          question={t("budgetClerk.decision.publishQuestion")}
          confirmLabel={t("budgetClerk.decision.publish")}
          failure={problem}
          busy={busy === "publish"}
          onConfirm={() => void decide("publish")}
          onCancel={() => setConfirm(null)}
        />
      </Dialog>
      <Dialog open={confirm === "reject"} title={t("budgetClerk.decision.rejectTitle")} onClose={() => setConfirm(null)}>
        <form
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim() === "") return setReasonError(t("budgetClerk.decision.reasonRequired"));
            void decide("reject");
          }}
        >
          <TextArea
            label={t("budgetClerk.field.rejectReason")}
            hint={t("budgetClerk.decision.reasonHint")}
            value={reason}
            error={reasonError}
            maxLength={500}
            onChange={(event) => {
              setReason(event.target.value);
              setReasonError(undefined);
            }}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" busy={busy === "reject"}>
              {t("budgetClerk.decision.reject")}
            </Button>
            <Button variant="secondary" onClick={() => setConfirm(null)}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
