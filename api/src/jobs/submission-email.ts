import { encodeGlobalID } from "@pothos/plugin-relay";
import { DateTime } from "luxon";
import { findFormDefinition } from "@portal/forms";
import { BUSINESS_ZONE } from "../clock.ts";
import { isLocale, translate, type Locale, type MessageKey, type MessageParams } from "../i18n/messages.ts";
import { portalLink } from "../services/accounts/portal-link.ts";
import { summaryPdfPath } from "../services/submissions/submission-links.ts";
import { defineJob, type JobData } from "./job-queue.ts";

export type SubmissionEmailTemplate = "submissionReceived" | "submissionInformationRequested" | "submissionApproved" | "submissionRejected";

export type SubmissionEmailData = JobData & { submissionId: string; eventId: string; template: SubmissionEmailTemplate };

/**
 * The citizen's e-mails about a submission: the receipt (number, time, link to the summary PDF) and each decision
 * (a request for more information, approval, rejection with its reason). Enqueued in the transaction that changed
 * the submission (key: the event), written to the outbox keyed by the job, then delivered: one e-mail per event,
 * also when the job runs again. The outbox is the communication history other features read.
 */
export const submissionEmailJob = defineJob<SubmissionEmailData>({
  name: "submission-email",
  retry: (config) => ({ limit: config.MAIL_RETRY_LIMIT, delaySeconds: config.MAIL_RETRY_DELAY_SECONDS, maxDelaySeconds: 3600 }),
  timeoutSeconds: 120,
  async handle(data, job, services) {
    const prisma = services.database.prisma;
    let message = await prisma.outboxMessage.findUnique({ where: { jobId: job.id } });
    message ??= await prisma.$transaction(async (tx) => {
      const submission = await tx.submission.findFirst({
        where: { id: data.submissionId, municipalityId: data.municipalityId },
        include: { user: { select: { email: true, locale: true, disabledAt: true } }, municipality: true },
      });
      if (!submission || submission.user.disabledAt) return null;
      const event = await tx.submissionEvent.findFirst({ where: { id: BigInt(data.eventId), submissionId: submission.id } });
      if (!event) return null;
      const locale: Locale = isLocale(submission.user.locale) ? submission.user.locale : "cs";
      const town = submission.municipality;
      const form = findFormDefinition(submission.formId)?.title[locale] ?? submission.formId;
      const time = DateTime.fromJSDate(submission.submittedAt, { zone: BUSINESS_ZONE })
        .setLocale(locale === "cs" ? "cs-CZ" : "en-GB")
        .toLocaleString(DateTime.DATETIME_MED);
      const params: MessageParams = {
        town: town.name,
        number: submission.number,
        form,
        time,
        message: event.message ?? "",
        note: event.message ? `\n${event.message}` : "",
        link: portalLink({ municipality: town }, `/moje-podani/${encodeGlobalID("Submission", submission.id)}`),
        pdfLink: portalLink({ municipality: town }, summaryPdfPath(submission.id)),
        accountLink: portalLink({ municipality: town }, "/osobni-ucet"),
      };
      return tx.outboxMessage.create({
        data: {
          municipalityId: data.municipalityId,
          toAddress: submission.user.email,
          subject: translate(locale, `mail.${data.template}.subject` as MessageKey, params),
          textBody: translate(locale, `mail.${data.template}.body` as MessageKey, params),
          transport: services.mailer.transport,
          jobId: job.id,
          createdAt: services.clock.now(),
        },
      });
    });
    if (!message) return;
    await services.mailer.deliver(message);
  },
});
