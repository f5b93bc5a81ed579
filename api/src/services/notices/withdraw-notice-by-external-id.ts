import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { findNoticeByExternalId } from "./find-notice-by-external-id.ts";
import { requireNoticeActor } from "./notice-actor.ts";
import { reasonSchema } from "./notice-rules.ts";
import { replayByExternalId } from "./replay-by-external-id.ts";
import { withdrawNotice } from "./withdraw-notice.ts";

/**
 * An integrator withdraws its notice, with a reason. Idempotent, also for concurrent replays: a
 * withdrawn notice is answered as it is.
 */
export async function withdrawNoticeByExternalId(ctx: Context, input: { externalId: string; reason: string }): Promise<Notice> {
  requireNoticeActor(ctx);
  // An unknown notice answers NotFound before the reason is looked at (as it always has).
  await findNoticeByExternalId(ctx, input.externalId);
  parseInput(z.object({ reason: reasonSchema }), input);
  return replayByExternalId(
    ctx,
    input.externalId,
    (notice) => notice.status === "WITHDRAWN",
    (notice) => withdrawNotice(ctx, { id: notice.id, reason: input.reason }),
  );
}
