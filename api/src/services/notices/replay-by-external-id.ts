import type { Context } from "../../context.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { findNoticeByExternalId } from "./find-notice-by-external-id.ts";
import { NoticeStateError, type NoticeStateCode } from "./notice-state-error.ts";

/** What a step that lost a race to a concurrent call answers: the notice changed, or is already past the step. */
const RACE_CODES: readonly NoticeStateCode[] = ["NOTICE_CHANGED", "NOTICE_NOT_APPROVABLE", "NOTICE_NOT_ACTIVE"];

/**
 * Runs an integrator's step on its notice so that a replay answers what the first call answered,
 * concurrent or not. `done` tells whether the notice already is where the step leads (then it is
 * answered as it is); otherwise `step` runs. A step that loses a race to a concurrent call (the
 * conditional update finds the notice changed, or the notice is already past the step) looks at
 * the notice again: a concurrent replay has then taken it there, and it is answered as it is.
 * Anything else, and a notice that still is not there after a few looks, answers the error.
 */
export async function replayByExternalId(
  ctx: Context,
  externalId: string,
  done: (notice: Notice) => boolean,
  step: (notice: Notice) => Promise<Notice>,
): Promise<Notice> {
  for (let attempt = 1; ; attempt++) {
    const notice = await findNoticeByExternalId(ctx, externalId);
    if (done(notice)) return notice;
    try {
      return await step(notice);
    } catch (error) {
      if (!(error instanceof NoticeStateError) || !RACE_CODES.includes(error.code) || attempt >= 3) throw error;
    }
  }
}
