import type { Context } from "../../context.ts";
import type { Agenda, Prisma, Submission, SubmissionStatus } from "../../generated/prisma/client.ts";
import { ForbiddenError } from "../../errors.ts";
import { reviewableAgendas } from "./submission-rules.ts";

export interface QueueFilter {
  agenda?: Agenda | null;
  status?: SubmissionStatus | null;
  formId?: string | null;
  /** Only those submitted more than this many days ago (the ones waiting too long). */
  olderThanDays?: number | null;
}

/**
 * A reviewer's queue: submissions of the agendas they may review (one agenda when filtered), oldest first (first
 * come, first served), by default those still open (waiting for the clerk or for the citizen's answer).
 */
export async function listSubmissionQueue(
  ctx: Context,
  filter: QueueFilter,
  page: { offset: number; limit: number },
): Promise<Submission[]> {
  const agendas = reviewableAgendas(ctx);
  if (agendas.length === 0) throw new ForbiddenError();
  if (filter.agenda && !agendas.includes(filter.agenda)) throw new ForbiddenError();
  const where: Prisma.SubmissionWhereInput = {
    agenda: filter.agenda ? filter.agenda : { in: agendas },
    status: filter.status ? filter.status : { in: ["SUBMITTED", "INFORMATION_REQUESTED"] },
    ...(filter.formId ? { formId: filter.formId } : {}),
    ...(filter.olderThanDays ? { submittedAt: { lt: new Date(ctx.clock.now().getTime() - filter.olderThanDays * 86_400_000) } } : {}),
  };
  return ctx.db.submission.findMany({ where, orderBy: [{ submittedAt: "asc" }, { id: "asc" }], skip: page.offset, take: page.limit });
}
