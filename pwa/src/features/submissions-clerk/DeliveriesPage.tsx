import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { Select } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { RetrySubmissionDeliveryStepMutation, SubmissionDeliveriesQuery } from "./operations.ts";

type Delivery = ResultOf<typeof SubmissionDeliveriesQuery>["submissionDeliveries"]["nodes"][number];
const STATUSES = ["FAILED", "PENDING", "DELIVERED"] as const;
const PAGE_SIZE = 50;

const STYLES: Record<Delivery["status"], string> = {
  PENDING: "border-accent",
  DELIVERED: "border-success",
  FAILED: "border-danger",
};

/**
 * /sprava/predani-podani: delivery of submissions to the town's records system, step by step, failed first. A
 * step that used up its automatic retries waits for the administrator, who retries it once the cause is fixed.
 */
export function SubmissionDeliveriesPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<(typeof STATUSES)[number] | "">("");
  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{t("submissionsClerk.delivery.title")}</PageHeading>
      <p className="max-w-3xl">{t("submissionsClerk.delivery.description")}</p>
      <div className="max-w-sm">
        <Select
          label={t("submissionsClerk.fields.status")}
          value={status}
          onChange={(event) => setStatus(STATUSES.find((value) => value === event.target.value) ?? "")}
          options={[
            { value: "", label: t("submissionsClerk.delivery.anyStatus") },
            ...STATUSES.map((value) => ({ value, label: t(`submissionsClerk.delivery.status.${value}`) })),
          ]}
        />
      </div>
      <DeliveryTable key={status} status={status || null} />
    </div>
  );
}

function DeliveryTable({ status }: { status: Delivery["status"] | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const [after, setAfter] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<Delivery[]>([]);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: SubmissionDeliveriesQuery,
    variables: { status, first: PAGE_SIZE, after },
    requestPolicy: "cache-and-network",
  });
  const [retryState, retry] = useMutation(RetrySubmissionDeliveryStepMutation);
  const page = data?.submissionDeliveries;
  const rows = page ? [...new Map([...(after ? earlier : []), ...page.nodes].map((row) => [row.id, row])).values()] : earlier;
  const refresh = () => reexecute({ requestPolicy: "network-only" });
  if (!page && earlier.length === 0) return error && !fetching ? <LoadError onRetry={refresh} /> : <Loading />;

  async function retryStep(delivery: Delivery) {
    const result = await retry({ id: delivery.id });
    const answer = result.data?.retrySubmissionDeliveryStep;
    if (answer?.__typename === "RetrySubmissionDeliveryStepSuccess") {
      toast(t("submissionsClerk.toast.retryQueued", { number: delivery.submissionNumber }));
      refresh();
    } else toast(answer && "message" in answer ? answer.message : t("errors.unexpected"), "error");
  }

  return (
    <div className="flex flex-col gap-3">
      {rows.length === 0 ? (
        <EmptyState title={t("submissionsClerk.delivery.empty")} />
      ) : (
        <ResponsiveTable
          caption={t("submissionsClerk.delivery.title")}
          rows={rows}
          rowKey={(row) => row.id}
          columns={[
            {
              header: t("submissionsClerk.fields.number"),
              cell: (row) => (
                <span className="flex flex-col">
                  <span className="font-medium whitespace-nowrap">{row.submissionNumber}</span>
                  <span className="text-sm text-ink-muted">
                    {t(`submissionsClerk.delivery.trigger.${row.trigger === "decided" ? "decided" : "submitted"}`)}
                  </span>
                </span>
              ),
            },
            {
              header: t("submissionsClerk.fields.status"),
              cell: (row) => (
                <span
                  className={`inline-block rounded-full border-2 px-2 py-0.5 text-sm font-medium whitespace-nowrap text-ink ${STYLES[row.status]}`}
                >
                  {t(`submissionsClerk.delivery.status.${row.status}`)}
                </span>
              ),
            },
            {
              header: t("submissionsClerk.delivery.steps"),
              cell: (row) => (
                <span className="flex flex-col">
                  {row.completedSteps.length > 0 && (
                    <span>{t("submissionsClerk.delivery.stepsDone", { steps: row.completedSteps.join(", ") })}</span>
                  )}
                  {row.status !== "DELIVERED" && (
                    <span className="font-medium">
                      {t("submissionsClerk.delivery.stepNext", { step: row.step, attempts: row.attempts })}
                    </span>
                  )}
                  {row.externalReference && <span>{t("submissionsClerk.delivery.reference", { reference: row.externalReference })}</span>}
                </span>
              ),
            },
            {
              header: t("submissionsClerk.delivery.lastErrorHeader"),
              cell: (row) => (row.lastError && row.status !== "DELIVERED" ? <span className="break-words">{row.lastError}</span> : "–"),
            },
            {
              header: t("submissionsClerk.delivery.updatedAt"),
              cell: (row) => format.dateTime(row.deliveredAt ?? row.updatedAt),
              nowrap: true,
            },
            {
              header: t("common.actions"),
              cell: (row) =>
                row.status === "FAILED" ? (
                  <Button
                    variant="secondary"
                    busy={retryState.fetching}
                    aria-label={t("submissionsClerk.delivery.retryNamed", { step: row.step, number: row.submissionNumber })}
                    onClick={() => void retryStep(row)}
                  >
                    {t("submissionsClerk.delivery.retry")}
                  </Button>
                ) : (
                  "–"
                ),
            },
          ]}
        />
      )}
      {page?.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <Button
          variant="secondary"
          className="self-start"
          busy={fetching}
          onClick={() => {
            setEarlier(rows);
            setAfter(page.pageInfo.endCursor);
          }}
        >
          {t("common.loadMore")}
        </Button>
      )}
    </div>
  );
}
