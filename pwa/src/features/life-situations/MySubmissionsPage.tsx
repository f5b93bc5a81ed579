import { findFormDefinition, lifeSituationForForm } from "@portal/forms";
import { useCallback, useEffect, useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Button, buttonClass } from "../../components/Button.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { useSession } from "../auth/session.tsx";
import { deleteLocalDraft, listLocalDrafts, type LocalDraft } from "./local-store.ts";
import { useLocale } from "./locale.ts";
import { DeleteFormDraftMutation, FormDraftsQuery, MySubmissionsQuery } from "./operations.ts";
import { useOutbox } from "./outbox.ts";
import { CATALOGUE_PATH, formPath, submissionPath } from "./paths.ts";
import { SubmissionStatusBadge, WaitingBadge } from "./SubmissionParts.tsx";

const PAGE_SIZE = 20;

/**
 * Moje podání: what the citizen sent (with its status and whether the office waits for an answer), what waits on
 * this device to be sent (made offline), and drafts in progress, here and on the server.
 */
export function MySubmissionsPage() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const [searchParams] = useSearchParams();
  const justQueued = searchParams.get("cekajici") === "1";
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, reexecute] = useQuery({ query: MySubmissionsQuery, variables: { first: PAGE_SIZE, after } });
  const { online } = useNetworkStatus();
  const refresh = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const { entries } = useOutbox(viewer?.id ?? null, refresh);
  const connection = data?.mySubmissions;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <PageHeading>{t("lifeSituations.mine.title")}</PageHeading>
        <Link to={CATALOGUE_PATH} className={buttonClass("primary", "no-underline")}>
          {t("lifeSituations.mine.newSubmission")}
        </Link>
      </div>

      {justQueued && entries.some((e) => e.state === "QUEUED") && (
        <p role="status" className="rounded-md border-l-4 border-brand bg-surface p-3">
          {t("lifeSituations.mine.queuedNotice")}
        </p>
      )}

      {entries.length > 0 && (
        <ListSection title={t("lifeSituations.mine.waitingTitle")}>
          {entries.map((entry) => (
            <li
              key={entry.idempotencyKey}
              className="flex flex-col gap-1 rounded-lg border border-line bg-surface p-4"
              data-testid="outbox-entry"
            >
              <div className="flex flex-wrap items-center gap-3">
                <span className="font-semibold">{entry.title[entry.language === "en" ? "en" : "cs"]}</span>
                <WaitingBadge failed={entry.state === "FAILED"} />
              </div>
              {entry.state === "FAILED" ? (
                <p>
                  {entry.error} <Link to={formPath(entry.slug, entry.clientId)}>{t("lifeSituations.mine.fixAndSend")}</Link>
                </p>
              ) : (
                <p className="text-ink-muted">{t("lifeSituations.mine.waitingHint")}</p>
              )}
            </li>
          ))}
        </ListSection>
      )}

      <Drafts ownerId={viewer?.id ?? null} queued={new Set(entries.map((entry) => entry.clientId))} />

      <ListSection title={t("lifeSituations.mine.sentTitle")}>
        {!connection && ((error && !fetching) || !online ? <LoadError onRetry={refresh} /> : <Loading />)}
        {connection?.edges.length === 0 && (
          <EmptyState title={t("lifeSituations.mine.empty")}>
            <Link to={CATALOGUE_PATH}>{t("lifeSituations.mine.browse")}</Link>
          </EmptyState>
        )}
        {connection?.edges.map(({ node }) => (
          <SubmissionItem key={node.id} submission={node} />
        ))}
      </ListSection>
      {connection?.pageInfo.hasNextPage && (
        <div>
          <Button variant="secondary" onClick={() => setAfter(connection.pageInfo.endCursor ?? null)}>
            {t("common.loadMore")}
          </Button>
        </div>
      )}
    </div>
  );
}

function ListSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      <ul className="flex flex-col gap-3">{children}</ul>
    </section>
  );
}

type SubmissionNode = ResultOf<typeof MySubmissionsQuery>["mySubmissions"]["edges"][number]["node"];

function SubmissionItem({ submission }: { submission: SubmissionNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="flex flex-col gap-1 rounded-lg border border-line bg-surface p-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link to={submissionPath(submission.id)} className="font-semibold">
          {submission.title}
        </Link>
        <SubmissionStatusBadge status={submission.status} />
      </div>
      <p className="text-sm text-ink-muted">
        {t("lifeSituations.mine.numberSent", { number: submission.number, time: format.dateTime(submission.submittedAt) })}
      </p>
      {submission.openQuestion && (
        <p className="font-medium">
          {t("lifeSituations.mine.answerNeeded")} <Link to={submissionPath(submission.id)}>{t("lifeSituations.mine.answer")}</Link>
        </p>
      )}
    </li>
  );
}

/**
 * Drafts in progress: this device's (also unsent changes) and the server's (typed on another device); those waiting
 * in the outbox are listed there instead.
 */
function Drafts({ ownerId, queued }: { ownerId: string | null; queued: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const format = useFormat();
  const [{ data }, reexecute] = useQuery({ query: FormDraftsQuery, variables: {} });
  const [, deleteDraft] = useMutation(DeleteFormDraftMutation);
  const [local, setLocal] = useState<LocalDraft[]>([]);
  useEffect(() => {
    if (ownerId) void listLocalDrafts(ownerId).then(setLocal, () => undefined);
  }, [ownerId]);

  const byClientId = new Map<string, { clientId: string; formId: string; updatedAt: number }>();
  for (const draft of data?.formDrafts ?? [])
    byClientId.set(draft.clientId, { clientId: draft.clientId, formId: draft.formId, updatedAt: Date.parse(draft.updatedAt) });
  for (const draft of local) {
    const known = byClientId.get(draft.clientId);
    if (!known || known.updatedAt < draft.updatedAt)
      byClientId.set(draft.clientId, { clientId: draft.clientId, formId: draft.formId, updatedAt: draft.updatedAt });
  }
  const drafts = [...byClientId.values()]
    .filter((d) => lifeSituationForForm(d.formId) && !queued.has(d.clientId))
    .sort((a, b) => b.updatedAt - a.updatedAt);
  if (drafts.length === 0) return null;

  return (
    <ListSection title={t("lifeSituations.mine.draftsTitle")}>
      {drafts.map((draft) => {
        const situation = lifeSituationForForm(draft.formId)!;
        const title = findFormDefinition(draft.formId)?.title[locale] ?? draft.formId;
        return (
          <li key={draft.clientId} className="flex flex-wrap items-center gap-3 rounded-lg border border-line bg-surface p-4">
            <div className="flex min-w-0 flex-col">
              <Link to={formPath(situation.slug, draft.clientId)} className="font-semibold">
                {title}
              </Link>
              <span className="text-sm text-ink-muted">
                {t("lifeSituations.mine.draftSaved", { time: format.dateTime(draft.updatedAt) })}
              </span>
            </div>
            <Button
              variant="link"
              className="ml-auto"
              onClick={async () => {
                await deleteLocalDraft(draft.clientId);
                setLocal((current) => current.filter((d) => d.clientId !== draft.clientId));
                await deleteDraft({ clientId: draft.clientId });
                reexecute({ requestPolicy: "network-only" });
              }}
            >
              {t("lifeSituations.mine.deleteDraft", { form: title })}
            </Button>
          </li>
        );
      })}
    </ListSection>
  );
}
