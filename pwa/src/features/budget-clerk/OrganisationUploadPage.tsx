import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useQuery } from "urql";
import { PageHeading } from "../../components/PageHeading.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import { DataSetList } from "./BudgetClerkPages.tsx";
import { ImportForm, lastMonth, type ImportReportData } from "./ImportForm.tsx";
import { ImportReport } from "./ImportReport.tsx";
import { BudgetDataSetsQuery, MyBudgetOrganisationsQuery } from "./operations.ts";

/**
 * /rozpocet/organizace: the accountant of a town organisation (a school, technical services) uploads its financial
 * data and follows what the town did with it. Nothing appears in the public budget until the town approves and
 * publishes it. Someone who is no organisation's uploader is told so (the API refuses their uploads anyway).
 */
export function OrganisationUploadPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const [organisations, reloadOrganisations] = useQuery({ query: MyBudgetOrganisationsQuery });
  const [dataSets, reloadDataSets] = useQuery({ query: BudgetDataSetsQuery, variables: { limit: 50 } });
  const [report, setReport] = useState<{ report: ImportReportData; dryRun: boolean } | null>(null);
  const defaults = lastMonth();
  const list = organisations.data?.myBudgetOrganisations;

  return (
    <div className="flex flex-col gap-5">
      <PageHeading>{t("budgetClerk.organisation.title")}</PageHeading>
      {!list && (organisations.error ? <LoadError onRetry={() => reloadOrganisations({ requestPolicy: "network-only" })} /> : <Loading />)}
      {list && list.length === 0 && (
        <EmptyState title={t("budgetClerk.organisation.notMember")}>
          {t("budgetClerk.organisation.notMemberHint")} <Link to="/rozpocet">{t("budgetClerk.publicTab")}</Link>
        </EmptyState>
      )}
      {list && list.length > 0 && (
        <>
          <p>{t("budgetClerk.organisation.intro", { names: list.map((organisation) => organisation.name).join(", ") })}</p>
          <ImportForm
            organisations={list}
            defaultYear={defaults.year}
            defaultMonth={defaults.month}
            onReport={(next, dryRun) => setReport({ report: next, dryRun })}
            onUploaded={(_dataSet, replayed) => {
              toast(replayed ? t("budgetClerk.import.replayed") : t("budgetClerk.import.uploaded"));
              reloadDataSets({ requestPolicy: "network-only" });
            }}
          />
          {report && <ImportReport report={report.report} dryRun={report.dryRun} />}
          <section aria-labelledby="organisation-uploads" className="flex flex-col gap-3">
            <h2 id="organisation-uploads" className="text-xl font-semibold">
              {t("budgetClerk.organisation.uploads")}
            </h2>
            {!dataSets.data &&
              (dataSets.error ? <LoadError onRetry={() => reloadDataSets({ requestPolicy: "network-only" })} /> : <Loading />)}
            {dataSets.data && dataSets.data.budgetDataSets.length === 0 && <EmptyState title={t("budgetClerk.dataSets.none")} />}
            {dataSets.data && dataSets.data.budgetDataSets.length > 0 && (
              <DataSetList dataSets={dataSets.data.budgetDataSets} linkTo={null} />
            )}
          </section>
        </>
      )}
    </div>
  );
}
