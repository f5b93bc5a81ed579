import { DateTime } from "luxon";
import { findFormDefinition } from "@portal/forms";
import { BUSINESS_ZONE } from "../../clock.ts";
import type { Context } from "../../context.ts";
import type { TenantTx } from "../../db/tenant.ts";
import type { Prisma, SubmissionEvent, SubmissionEventType } from "../../generated/prisma/client.ts";
import { translate, type Locale, type MessageParams } from "../../i18n/messages.ts";
import { portalLink } from "../accounts/portal-link.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { queuePersonalMessage } from "../notifications/queue-personal-message.ts";
import { submissionPath, summaryPdfPath } from "./submission-links.ts";

export type Tx = TenantTx;

/** The steps the citizen is told about (their own answer to a request is not news to them). */
const NOTIFIED = ["SUBMITTED", "INFORMATION_REQUESTED", "APPROVED", "REJECTED"] as const satisfies readonly SubmissionEventType[];
type NotifiedType = (typeof NOTIFIED)[number];
export const isNotified = (type: SubmissionEventType): type is NotifiedType => (NOTIFIED as readonly string[]).includes(type);

/** The texts (Czech and English) and the page of the citizen's message about one step of their submission. */
export function submissionStatusTexts(
  town: { publicUrl: string },
  submission: { id: string; number: string; formId: string; submittedAt: Date },
  type: NotifiedType,
  message: string | null,
) {
  const params = (locale: Locale): MessageParams => ({
    number: submission.number,
    form: findFormDefinition(submission.formId)?.title[locale] ?? submission.formId,
    time: DateTime.fromJSDate(submission.submittedAt, { zone: BUSINESS_ZONE })
      .setLocale(locale === "cs" ? "cs-CZ" : "en-GB")
      .toLocaleString(DateTime.DATETIME_MED),
    message: message ?? "",
    note: message ? `\n${message}` : "",
    pdfLink: portalLink({ municipality: town }, summaryPdfPath(submission.id)),
    accountLink: portalLink({ municipality: town }, "/osobni-ucet"),
  });
  const [cs, en] = [params("cs"), params("en")];
  return {
    subjectCs: translate("cs", `submissionStatus.${type}.subject`, cs),
    bodyCs: translate("cs", `submissionStatus.${type}.body`, cs),
    subjectEn: translate("en", `submissionStatus.${type}.subject`, en),
    bodyEn: translate("en", `submissionStatus.${type}.body`, en),
    path: submissionPath(submission.id),
  };
}

/**
 * One step of a submission's life, inside the transaction that made it: the timeline event (which the citizen's
 * "Moje podání" and their communication history list), the audit entry, and, for the steps the citizen is told
 * about, their personal message of kind SUBMISSION_STATUS (the receipt with its number, time and summary PDF; a
 * request for more information; the decision). The message goes by the channels the citizen chose for submissions
 * (e-mail by default), its key is the event, so it is written and sent exactly once, and only if the step commits.
 */
export async function recordSubmissionEvent(
  ctx: Context,
  tx: Tx,
  event: {
    submissionId: string;
    citizenId: string;
    type: SubmissionEventType;
    message?: string | null;
    details?: Prisma.InputJsonValue;
  },
): Promise<SubmissionEvent> {
  const created = await tx.submissionEvent.create({
    data: {
      municipalityId: ctx.municipality.id,
      submissionId: event.submissionId,
      userId: event.citizenId,
      type: event.type,
      actorUserId: ctx.viewer?.userId ?? null,
      message: event.message ?? null,
      ...(event.details !== undefined ? { details: event.details } : {}),
      createdAt: ctx.clock.now(),
    },
  });
  await recordAudit(
    { ...ctx, db: tx as never },
    {
      action: `submission.${event.type.toLowerCase().replace(/_/g, "-")}`,
      subjectType: "Submission",
      subjectId: event.submissionId,
      details: { eventId: String(created.id), ...(event.message ? { message: event.message } : {}) },
    },
  );
  const type = event.type;
  if (isNotified(type)) {
    const submission = await tx.submission.findFirstOrThrow({
      where: { id: event.submissionId, municipalityId: ctx.municipality.id },
      select: { id: true, number: true, formId: true, submittedAt: true },
    });
    await queuePersonalMessage(
      tx as never,
      { ...ctx.services, clock: ctx.clock },
      {
        municipalityId: ctx.municipality.id,
        userId: event.citizenId,
        kind: "SUBMISSION_STATUS",
        dedupKey: `submission-event:${created.id}`,
        ...submissionStatusTexts(ctx.municipality, submission, type, event.message ?? null),
        submissionId: submission.id,
      },
    );
  }
  return created;
}
