import { useTranslation } from "react-i18next";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { useFormat } from "../../i18n/format.ts";
import type { ImportReportData } from "./ImportForm.tsx";

type Amounts = { approved: string; amended: string; actual: string };
export type Issue = ImportReportData["issues"][number];

/** Revenue, expenditure, financing and the balance of a file or data set, per amount type. */
export function TotalsTable({
  caption,
  totals,
}: {
  caption: string;
  totals: Record<"revenue" | "expenditure" | "financing" | "balance", Amounts>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const sides = ["revenue", "expenditure", "financing", "balance"] as const;
  return (
    <ResponsiveTable
      caption={caption}
      rows={sides}
      rowKey={(side) => side}
      columns={[
        { header: t("budgetClerk.report.side"), cell: (side) => <span data-side={side}>{t(`budget.summary.${side}`)}</span> },
        ...(["approved", "amended", "actual"] as const).map((type) => ({
          header: t(`budget.amount.${type}`),
          nowrap: true,
          cell: (side: (typeof sides)[number]) => <span className="tabular-nums">{format.money(totals[side][type] as `${number}`)}</span>,
        })),
      ]}
    />
  );
}

/** Row-level problems of a file: errors keep it out, warnings (unknown codes) go to the "Nezařazeno" bucket. */
export function IssueTable({ caption, issues }: { caption: string; issues: readonly Issue[] }) {
  const { t } = useTranslation();
  return (
    <ResponsiveTable
      caption={caption}
      rows={issues}
      rowKey={(issue) => `${issue.row}-${issue.column ?? ""}-${issue.code}`}
      columns={[
        { header: t("budgetClerk.report.row"), cell: (issue) => issue.row, nowrap: true },
        { header: t("budgetClerk.report.column"), cell: (issue) => issue.column ?? "—" },
        {
          header: t("budgetClerk.report.severity"),
          cell: (issue) => (
            <span className={issue.severity === "ERROR" ? "font-semibold text-danger" : ""}>
              {t(`budgetClerk.severity.${issue.severity}`)}
            </span>
          ),
        },
        { header: t("budgetClerk.report.problem"), cell: (issue) => issue.message },
      ]}
    />
  );
}

/** The report of an upload or a dry run: what was read, its totals and every problem with its row. */
export function ImportReport({ report, dryRun }: { report: ImportReportData; dryRun: boolean }) {
  const { t } = useTranslation();
  const ok = report.errorCount === 0;
  return (
    <section
      aria-labelledby="budget-report-heading"
      className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4"
      data-budget-report
    >
      <h2 id="budget-report-heading" className="text-xl font-semibold">
        {dryRun ? t("budgetClerk.report.dryRunTitle") : t("budgetClerk.report.title")}
      </h2>
      <p role="status" className={ok ? "font-semibold text-success" : "font-semibold text-danger"}>
        {ok
          ? dryRun
            ? t("budgetClerk.report.dryRunOk", { count: report.lineCount })
            : t("budgetClerk.report.uploadedOk", { count: report.lineCount })
          : t("budgetClerk.report.hasErrors", { count: report.errorCount })}
      </p>
      <ul className="list-inside list-disc">
        <li>{t("budgetClerk.report.format", { format: report.format, layout: report.layout })}</li>
        <li>{t("budgetClerk.report.lines", { count: report.lineCount })}</li>
        {report.skippedLines > 0 && <li>{t("budgetClerk.report.skipped", { count: report.skippedLines })}</li>}
        <li>
          {t("budgetClerk.report.amountTypes")}:{" "}
          {report.amountTypes.map((type) => t(`budget.amount.${type.toLowerCase() as "actual"}`)).join(", ") || "—"}
        </li>
        {report.warningCount > 0 && <li>{t("budgetClerk.report.warnings", { count: report.warningCount })}</li>}
      </ul>
      <TotalsTable caption={t("budgetClerk.report.totals")} totals={report} />
      {report.issues.length > 0 && (
        <>
          <h3 className="font-semibold">{t("budgetClerk.report.issues", { count: report.errorCount + report.warningCount })}</h3>
          <IssueTable caption={t("budgetClerk.report.issues", { count: report.errorCount + report.warningCount })} issues={report.issues} />
        </>
      )}
    </section>
  );
}
