import { findFormDefinition } from "@portal/forms";
import type { SubmissionEventType } from "../../../generated/prisma/client.ts";
import { translate, type Locale } from "../../../i18n/messages.ts";
import { submissionPath } from "../../submissions/submission-links.ts";
import { entryCursor, orderOf, timeWhere, type TimeCondition, type TimelineQuery, type TimelineSource } from "./timeline-source.ts";

/**
 * The steps' ids are numbers (an append-only sequence); in entry ids they are zero-padded to 20 digits so that
 * comparing entry ids as strings (how the history orders entries of the same moment) is comparing the numbers.
 */
const ID_DIGITS = 20;
const MAX_ID = 2n ** 63n - 1n;
export const submissionEntryId = (eventId: bigint) => `submission:${eventId.toString().padStart(ID_DIGITS, "0")}`;

type EventCondition = Omit<TimeCondition, "id" | "OR"> & { id?: { lt?: bigint; gt?: bigint }; OR?: EventCondition[] };

/** The shared (createdAt, id) condition with the boundary's id read as the step's number. */
function numericIds(condition: TimeCondition): EventCondition {
  const { id, OR, ...rest } = condition;
  // A forged cursor's number past the column's range is its maximum (the cursor parser admits 20 digits only).
  const toBig = (value: string | undefined) =>
    value !== undefined && /^\d{1,20}$/.test(value) ? (BigInt(value) > MAX_ID ? MAX_ID : BigInt(value)) : undefined;
  return {
    ...rest,
    ...(id
      ? { id: { ...(id.lt !== undefined ? { lt: toBig(id.lt) ?? 0n } : {}), ...(id.gt !== undefined ? { gt: toBig(id.gt) ?? 0n } : {}) } }
      : {}),
    ...(OR ? { OR: OR.map(numericIds) } : {}),
  };
}

function eventWhere(query: TimelineQuery): EventCondition[] {
  return timeWhere("submission", query).map(numericIds);
}

function summary(locale: Locale, form: string, type: SubmissionEventType, message: string | null): string {
  if (!message || type === "SUBMITTED") return translate(locale, "history.submissionSummary", { form });
  const text = message.length > 300 ? `${message.slice(0, 299)}…` : message;
  return translate(locale, "history.submissionSummaryWithMessage", {
    form,
    label: translate(locale, `history.submissionMessage.${type}`),
    message: text,
  });
}

/**
 * The citizen's submissions and each of their steps (sent, information requested and answered, approved,
 * rejected), from the submission's timeline; each opens the submission in "Moje podání". Not a message, so a
 * channel filter hides them (the messages about them are listed by the message source, with their deliveries).
 */
export const submissionSource: TimelineSource = {
  kind: "SUBMISSION",
  prefix: "submission",
  numericIds: true,
  async list(ctx, query) {
    if (query.channel) return [];
    const rows = await ctx.db.submissionEvent.findMany({
      where: { AND: [{ userId: query.userId, submission: { userId: query.userId } }, ...eventWhere(query)] },
      orderBy: orderOf(query),
      take: query.limit,
      select: {
        id: true,
        type: true,
        message: true,
        createdAt: true,
        submission: { select: { id: true, number: true, formId: true, status: true } },
      },
    });
    return rows.map((e) => {
      const id = submissionEntryId(e.id);
      const form = findFormDefinition(e.submission.formId)?.title[ctx.locale] ?? e.submission.formId;
      return {
        id,
        kind: "SUBMISSION" as const,
        occurredAt: e.createdAt,
        title: translate(ctx.locale, `history.submission.${e.type}`, { number: e.submission.number }),
        summary: summary(ctx.locale, form, e.type, e.message),
        path: submissionPath(e.submission.id),
        amount: null,
        status: e.type,
        messageKind: null,
        deliveries: [],
        cursor: entryCursor(e.createdAt, id),
      };
    });
  },
};
