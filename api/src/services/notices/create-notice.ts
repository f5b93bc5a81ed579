import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireNoticeActor } from "./notice-actor.ts";
import { noticeContentSchema, type NoticeContentInput } from "./notice-rules.ts";
import { prepareNoticeContent } from "./prepare-notice-content.ts";
import { recordNoticeEvent } from "./record-notice-event.ts";

/**
 * A clerk (or an integrator) prepares a notice as a draft: never public until approved. The planned
 * posting window is checked now so the form can say at once when it is too short.
 * `externalId` is the integrator's own id (unique per municipality; see upsertNoticeByExternalId).
 */
export async function createNotice(ctx: Context, input: NoticeContentInput, options: { externalId?: string } = {}): Promise<Notice> {
  const actor = requireNoticeActor(ctx);
  const data = parseInput(noticeContentSchema, input);
  const prepared = await prepareNoticeContent(ctx, data, null);
  const now = ctx.clock.now();
  const notice = await ctx.db.$transaction(async (tx) => {
    const created = await tx.notice.create({
      data: {
        municipalityId: ctx.municipality.id,
        externalId: options.externalId ?? null,
        status: "DRAFT",
        ...prepared.fields,
        createdById: actor.userId,
        createdAt: now,
        attachments: { create: (prepared.attachmentIds ?? []).map((fileId, position) => ({ fileId, position })) },
      },
    });
    await recordNoticeEvent(tx, {
      noticeId: created.id,
      type: "CREATED",
      actor,
      at: now,
      postedAt: created.postedAt,
      takeDownAt: created.takeDownAt,
      reason: prepared.window.belowMinimum ? data.shortWindowReason : null,
    });
    return created;
  });
  await recordAudit(ctx, {
    action: "notice.created",
    subjectType: "Notice",
    subjectId: notice.id,
    details: {
      title: notice.title,
      externalId: notice.externalId,
      shortWindowReason: prepared.window.belowMinimum ? data.shortWindowReason : null,
    },
  });
  return notice;
}
