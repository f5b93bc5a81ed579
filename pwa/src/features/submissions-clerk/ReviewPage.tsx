import type { FormSummary } from "@portal/forms";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { TextArea } from "../../components/fields.tsx";
import { Form, useZodForm, type ErrorResult } from "../../components/form.tsx";
import { LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { SummaryView } from "../life-situations/SummaryView.tsx";
import { fromHaler } from "../account-clerk/money.ts";
import { useSession } from "../auth/session.tsx";
import { NotFoundPage } from "../static/NotFoundPage.tsx";
import { ageText } from "./age.ts";
import { EffectPanel } from "./EffectPanel.tsx";
import { submissionGlobalId } from "./ids.ts";
import { RejectSubmissionMutation, RequestSubmissionInformationMutation, SubmissionReviewQuery } from "./operations.ts";
import { proposedEffectOf, tariffFor } from "./review-model.ts";
import { messageSchema, reasonSchema } from "./schemas.ts";
import { SubmissionStatusBadge } from "./SubmissionStatusBadge.tsx";
import { SUBMISSIONS_BASE, SubmissionsFrame } from "./SubmissionsFrame.tsx";
import { Timeline } from "./Timeline.tsx";

type Data = ResultOf<typeof SubmissionReviewQuery>;
type ReviewData = NonNullable<Data["submissionReview"]>;
/** The submission as the reviewer sees it. */
export type Review = ReviewData["submission"];

/** What a decision answered when another clerk was first: shown until the clerk reloads the submission. */
export interface Conflict {
  message: string;
}

/** The mutation's answer as a failure for the form, or a conflict for the page, or null when it succeeded. */
export function failureOf(answer: ErrorResult | undefined, onConflict: (conflict: Conflict) => void): ErrorResult | undefined {
  if (answer?.__typename === "ConflictError") {
    onConflict({ message: answer.message });
    return undefined;
  }
  return answer;
}

/** /urad/podani/:id: what the citizen sent (no retyping), the decision with its effect, the timeline, delivery. */
export function SubmissionReviewPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  // Back to the queue as the clerk left it (its filters), when they came from there.
  const queueSearch = (useLocation().state as { queueSearch?: string } | null)?.queueSearch ?? "";
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: SubmissionReviewQuery,
    variables: { id: submissionGlobalId(id) },
    requestPolicy: "cache-and-network",
  });
  const refresh = () => reexecute({ requestPolicy: "network-only" });
  if (!data) return error && !fetching ? <LoadError onRetry={refresh} /> : <Loading lines={8} />;
  if (!data.submissionReview) return <NotFoundPage />;
  const { submission, proposedEffect } = data.submissionReview;
  const open = submission.status === "SUBMITTED" || submission.status === "INFORMATION_REQUESTED";
  const effect = proposedEffectOf(proposedEffect);
  return (
    <SubmissionsFrame
      title={t("submissionsClerk.review.title", { number: submission.number })}
      back={{ to: `${SUBMISSIONS_BASE}${queueSearch}`, label: t("submissionsClerk.review.backToQueue") }}
    >
      {conflict && (
        <div
          role="alert"
          className="flex flex-col items-start gap-2 rounded-lg border-2 border-danger bg-surface p-4"
          data-testid="conflict"
        >
          <p className="font-semibold">{t("submissionsClerk.conflict.title")}</p>
          <p>{conflict.message}</p>
          <Button
            variant="secondary"
            busy={fetching}
            onClick={() => {
              setConflict(null);
              refresh();
            }}
          >
            {t("submissionsClerk.conflict.reload")}
          </Button>
        </div>
      )}
      <Overview review={submission} />
      <Summary review={submission} />
      <Attachments review={submission} />
      {open && !conflict && (
        <Decision review={submission} onConflict={setConflict} onChanged={refresh}>
          <EffectPanel
            key={submission.revision}
            submission={submission}
            effect={effect}
            warnings={proposedEffect.warnings}
            tariff={effect.assessment ? tariffFor(data.dogFeeTariffs, effect.assessment.year) : null}
            onConflict={setConflict}
            onApproved={refresh}
          />
        </Decision>
      )}
      {!open && <Outcome review={submission} />}
      <Timeline events={submission.events} />
    </SubmissionsFrame>
  );
}

function Details({ items }: { items: ReadonlyArray<{ label: string; value: ReactNode }> }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-line bg-surface p-4 sm:grid-cols-[minmax(10rem,auto)_1fr]">
      {items.map((item) => (
        <div key={item.label} className="contents">
          <dt className="font-medium text-ink-muted">{item.label}</dt>
          <dd className="min-w-0 break-words">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Overview({ review }: { review: Review }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="overview-heading" className="flex flex-col gap-3">
      <h2 id="overview-heading" className="text-xl font-semibold">
        {review.title}
      </h2>
      <Details
        items={[
          { label: t("submissionsClerk.fields.status"), value: <SubmissionStatusBadge status={review.status} /> },
          {
            label: t("submissionsClerk.fields.applicant"),
            value: review.citizen ? (
              <>
                {review.citizen.fullName}
                <span className="block text-sm text-ink-muted">
                  {[review.citizen.email, review.citizen.phone].filter(Boolean).join(" · ")}
                </span>
              </>
            ) : (
              "–"
            ),
          },
          {
            label: t("submissionsClerk.fields.submittedAt"),
            value: `${format.dateTime(review.submittedAt)} (${ageText(t, review.ageDays)})`,
          },
          { label: t("submissionsClerk.fields.agenda"), value: t(`agenda.${review.agenda}.name`) },
          { label: t("submissionsClerk.fields.formVersion"), value: review.formVersion },
          {
            label: t("submissionsClerk.fields.summaryPdf"),
            value: (
              <a href={review.summaryPdfUrl} target="_blank" rel="noopener">
                {t("submissionsClerk.review.summaryPdf", { number: review.number })}
              </a>
            ),
          },
          ...(review.openQuestion ? [{ label: t("submissionsClerk.fields.openQuestion"), value: review.openQuestion }] : []),
        ]}
      />
    </section>
  );
}

/** The immutable summary frozen at submit, section by section: the clerk reads (and copies) the citizen's own data. */
function Summary({ review }: { review: Review }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="summary-heading" className="flex flex-col gap-3" data-testid="summary">
      <h2 id="summary-heading" className="text-xl font-semibold">
        {t("submissionsClerk.review.summary")}
      </h2>
      <SummaryView summary={review.summary as FormSummary} />
    </section>
  );
}

function Attachments({ review }: { review: Review }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (review.attachments.length === 0) return null;
  return (
    <section aria-labelledby="attachments-heading" className="flex flex-col gap-3">
      <h2 id="attachments-heading" className="text-xl font-semibold">
        {t("submissionsClerk.review.attachments")}
      </h2>
      <ul className="flex flex-col gap-2">
        {review.attachments.map((attachment) => (
          <li key={attachment.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-line bg-surface p-3">
            {attachment.scanStatus === "CLEAN" && attachment.url ? (
              <a href={attachment.url} className="break-all">
                {attachment.fileName}
              </a>
            ) : (
              <span className="break-all">{attachment.fileName}</span>
            )}
            <span className="text-sm text-ink-muted">{format.number(Math.max(1, Math.ceil(attachment.size / 1024)))} kB</span>
            <span className="text-sm">{t(`submissionsClerk.scan.${attachment.scanStatus}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Action = "request" | "reject";

/** The clerk's three answers; approving shows the effect to confirm, the others ask for the text the citizen reads. */
function Decision({
  review,
  onConflict,
  onChanged,
  children,
}: {
  review: Review;
  onConflict: (conflict: Conflict) => void;
  onChanged: () => void;
  /** The approval with its effect. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  const done = () => {
    setAction(null);
    onChanged();
  };
  const conflict = (found: Conflict) => {
    setAction(null);
    onConflict(found);
  };
  return (
    <section aria-labelledby="decision-heading" className="flex flex-col gap-4 rounded-lg border border-line bg-surface p-4">
      <h2 id="decision-heading" className="text-xl font-semibold">
        {t("submissionsClerk.decision.title")}
      </h2>
      {review.status === "INFORMATION_REQUESTED" && <p className="font-medium">{t("submissionsClerk.decision.waitingForCitizen")}</p>}
      {children}
      <div className="flex flex-wrap gap-3 border-t border-line pt-4">
        <Button variant="secondary" onClick={() => setAction("request")}>
          {t("submissionsClerk.decision.requestInformation")}
        </Button>
        <Button variant="secondary" onClick={() => setAction("reject")}>
          {t("submissionsClerk.decision.reject")}
        </Button>
      </div>
      <Dialog
        open={action === "request"}
        title={t("submissionsClerk.decision.requestTitle", { number: review.number })}
        onClose={() => setAction(null)}
      >
        <RequestInformationForm review={review} onConflict={conflict} onDone={done} />
      </Dialog>
      <Dialog
        open={action === "reject"}
        title={t("submissionsClerk.decision.rejectTitle", { number: review.number })}
        onClose={() => setAction(null)}
      >
        <RejectForm review={review} onConflict={conflict} onDone={done} />
      </Dialog>
    </section>
  );
}

function RequestInformationForm({
  review,
  onConflict,
  onDone,
}: {
  review: Review;
  onConflict: (conflict: Conflict) => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, request] = useMutation(RequestSubmissionInformationMutation);
  const form = useZodForm(messageSchema, { message: "" });
  const submit = form.handleSubmit(async ({ message }) => {
    const result = await request({ input: { id: review.id, expectedRevision: review.revision, message } });
    const answer = result.data?.requestSubmissionInformation;
    if (answer?.__typename === "RequestSubmissionInformationSuccess") {
      toast(t("submissionsClerk.toast.informationRequested"));
      onDone();
      return;
    }
    const failure = failureOf(answer, onConflict);
    if (failure || !answer) form.fail(failure ?? result.error);
  });
  return (
    <Form onSubmit={submit} error={form.formError} label={t("submissionsClerk.decision.requestInformation")}>
      <p>{t("submissionsClerk.decision.requestIntro")}</p>
      <TextArea
        label={t("submissionsClerk.fields.message")}
        hint={t("submissionsClerk.decision.messageHint")}
        required
        rows={5}
        maxLength={4000}
        {...form.bind("message")}
      />
      <Button type="submit" busy={form.submitting} className="self-start">
        {t("submissionsClerk.decision.sendRequest")}
      </Button>
    </Form>
  );
}

function RejectForm({ review, onConflict, onDone }: { review: Review; onConflict: (conflict: Conflict) => void; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, reject] = useMutation(RejectSubmissionMutation);
  const form = useZodForm(reasonSchema, { reason: "" });
  const submit = form.handleSubmit(async ({ reason }) => {
    const result = await reject({ input: { id: review.id, expectedRevision: review.revision, reason } });
    const answer = result.data?.rejectSubmission;
    if (answer?.__typename === "RejectSubmissionSuccess") {
      toast(t("submissionsClerk.toast.rejected"));
      onDone();
      return;
    }
    const failure = failureOf(answer, onConflict);
    if (failure || !answer) form.fail(failure ?? result.error);
  });
  return (
    <Form onSubmit={submit} error={form.formError} label={t("submissionsClerk.decision.reject")}>
      <p>{t("submissionsClerk.decision.rejectIntro")}</p>
      <TextArea
        label={t("submissionsClerk.fields.reason")}
        hint={t("submissionsClerk.decision.reasonHint")}
        required
        rows={5}
        maxLength={1000}
        {...form.bind("reason")}
      />
      <Button type="submit" variant="danger" busy={form.submitting} className="self-start">
        {t("submissionsClerk.decision.confirmReject")}
      </Button>
    </Form>
  );
}

/** What an approval recorded (Submission.effect): the ids it created and the assessment's VS. */
interface AppliedEffect {
  payerId?: string | null;
  assessmentId?: string | null;
  variableSymbol?: string | null;
  amount?: number | null;
  dogIds?: string[];
  endedDogIds?: string[];
  adjustments?: { assessmentId: string; newAmount: number }[];
}

/** A decided submission: when, the note or reason, and what the approval created (with a link to the payer). */
function Outcome({ review }: { review: Review }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { viewer } = useSession();
  const applied = (review.effect ?? {}) as AppliedEffect;
  const financeClerk = viewer?.role === "ADMIN" || viewer?.agendas.includes("FINANCE");
  const created: { label: string; value: ReactNode }[] = [];
  if (applied.variableSymbol && typeof applied.amount === "number")
    created.push({
      label: t("submissionsClerk.outcome.assessment"),
      value: t("submissionsClerk.outcome.assessmentValue", { vs: applied.variableSymbol, amount: format.money(fromHaler(applied.amount)) }),
    });
  if (applied.dogIds?.length) created.push({ label: t("submissionsClerk.outcome.dogs"), value: String(applied.dogIds.length) });
  if (applied.endedDogIds?.length)
    created.push({ label: t("submissionsClerk.outcome.endedDogs"), value: String(applied.endedDogIds.length) });
  if (applied.adjustments?.length)
    created.push({ label: t("submissionsClerk.outcome.adjustments"), value: String(applied.adjustments.length) });
  if (applied.payerId && financeClerk)
    created.push({
      label: t("submissionsClerk.outcome.payer"),
      value: <Link to={`/urad/poplatky/${applied.payerId}`}>{t("submissionsClerk.outcome.openPayer")}</Link>,
    });
  return (
    <section aria-labelledby="outcome-heading" className="flex flex-col gap-3" data-testid="outcome">
      <h2 id="outcome-heading" className="text-xl font-semibold">
        {t("submissionsClerk.outcome.title")}
      </h2>
      <Details
        items={[
          { label: t("submissionsClerk.fields.status"), value: <SubmissionStatusBadge status={review.status} /> },
          { label: t("submissionsClerk.fields.decidedAt"), value: review.decidedAt ? format.dateTime(review.decidedAt) : "–" },
          ...(review.decisionNote
            ? [
                {
                  label: t(review.status === "REJECTED" ? "submissionsClerk.fields.reason" : "submissionsClerk.fields.note"),
                  value: review.decisionNote,
                },
              ]
            : []),
          ...(review.status === "APPROVED" ? created : []),
        ]}
      />
    </section>
  );
}
