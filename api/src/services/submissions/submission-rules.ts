import type { FormIssue } from "@portal/forms";
import { issueMessage } from "@portal/forms";
import type { Context } from "../../context.ts";
import { ForbiddenError, type FieldIssue } from "../../errors.ts";
import type { Agenda } from "../../generated/prisma/client.ts";

export const SUBMISSION_LIMITS = {
  /** A draft's or a submission's values as JSON, bytes. */
  valuesBytes: 256 * 1024,
  draftsPerUser: 50,
  message: 4000,
  reason: 1000,
  answerAttachments: 10,
  queuePage: 100,
  idempotencyKey: 100,
  dogsPerApproval: 20,
  /** Submissions one account may send in an hour (each sends a receipt e-mail). */
  submissionsPerHour: 20,
} as const;

/** Agendas whose clerks review submissions (the form definition names one per form). */
export const REVIEW_AGENDAS: readonly Agenda[] = ["SUBMISSIONS", "FINANCE"];

/** A clerk of the agenda or an admin. */
export function canReview(ctx: Pick<Context, "viewer">, agenda: Agenda): boolean {
  const viewer = ctx.viewer;
  return viewer?.role === "ADMIN" || (viewer?.role === "CLERK" && viewer.agendas.includes(agenda));
}

/** The agendas of submissions the viewer may review (empty for citizens). */
export function reviewableAgendas(ctx: Pick<Context, "viewer">): Agenda[] {
  return REVIEW_AGENDAS.filter((agenda) => canReview(ctx, agenda));
}

export function requireReviewer(ctx: Pick<Context, "viewer">, agenda?: Agenda): void {
  if (agenda ? !canReview(ctx, agenda) : reviewableAgendas(ctx).length === 0) throw new ForbiddenError();
}

/**
 * A form engine issue as a field error: its path ("dogs.1.chipNumber" -> ["values", "dogs", "1", "chipNumber"]) and
 * the sentence @portal/forms words for it, naming the field's label, in both languages (the message key picks one).
 */
export function formFieldIssue(issue: FormIssue, root = "values"): FieldIssue {
  return {
    path: [root, ...issue.path.split(".")],
    code: issue.code.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase(),
    messageKey: "form.issue",
    params: { cs: issueMessage(issue, "cs"), en: issueMessage(issue, "en") },
  };
}

/** The size of a JSON value as stored, bytes. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value ?? null), "utf8");
}
