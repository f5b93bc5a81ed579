import type { Context } from "../../context.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { approveNotice } from "./approve-notice.ts";
import { findNoticeByExternalId } from "./find-notice-by-external-id.ts";
import { requireNoticeActor } from "./notice-actor.ts";
import { proposeNotice } from "./propose-notice.ts";

/**
 * An integrator approves its notice for posting. Idempotent: a notice already approved (or, under
 * the two-person rule, already proposed) is answered as it is. Under the municipality's two-person
 * rule an integrator cannot be the second person: its approval proposes the notice, and a clerk
 * approves it in the portal (the answer's status says PENDING_APPROVAL).
 */
export async function approveNoticeByExternalId(
  ctx: Context,
  input: { externalId: string; postedAt?: Date | null; shortWindowReason?: string | null },
): Promise<Notice> {
  requireNoticeActor(ctx);
  const notice = await findNoticeByExternalId(ctx, input.externalId);
  if (notice.status === "APPROVED" || notice.status === "WITHDRAWN") return notice;
  const rules = await ctx.db.municipality.findUniqueOrThrow({ where: { id: ctx.municipality.id }, select: { noticeTwoPersonRule: true } });
  if (rules.noticeTwoPersonRule && ctx.apiToken) {
    return notice.status === "DRAFT" ? proposeNotice(ctx, { id: notice.id }) : notice;
  }
  return approveNotice(ctx, { id: notice.id, postedAt: input.postedAt ?? null, shortWindowReason: input.shortWindowReason ?? null });
}
