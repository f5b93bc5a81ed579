import type { Context } from "../../context.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { approveNotice } from "./approve-notice.ts";
import { requireNoticeActor } from "./notice-actor.ts";
import { proposeNotice } from "./propose-notice.ts";
import { replayByExternalId } from "./replay-by-external-id.ts";

/**
 * An integrator approves its notice for posting. Idempotent, also for concurrent replays: a notice
 * already approved (or, under the two-person rule, already proposed) is answered as it is. Under
 * the municipality's two-person rule an integrator cannot be the second person: its approval
 * proposes the notice, and a clerk approves it in the portal (the answer's status says
 * PENDING_APPROVAL).
 */
export async function approveNoticeByExternalId(
  ctx: Context,
  input: { externalId: string; postedAt?: Date | null; shortWindowReason?: string | null },
): Promise<Notice> {
  requireNoticeActor(ctx);
  const rules = await ctx.db.municipality.findUniqueOrThrow({ where: { id: ctx.municipality.id }, select: { noticeTwoPersonRule: true } });
  const onlyProposes = rules.noticeTwoPersonRule && ctx.apiToken !== null;
  return replayByExternalId(
    ctx,
    input.externalId,
    (notice) => notice.status === "APPROVED" || notice.status === "WITHDRAWN" || (onlyProposes && notice.status === "PENDING_APPROVAL"),
    (notice) =>
      onlyProposes
        ? proposeNotice(ctx, { id: notice.id })
        : approveNotice(ctx, { id: notice.id, postedAt: input.postedAt ?? null, shortWindowReason: input.shortWindowReason ?? null }),
  );
}
