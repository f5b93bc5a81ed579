import { takeDownMoment } from "../../domain/notice-window.ts";
import type { Context } from "../../context.ts";
import type { NoticeCategory } from "../../generated/prisma/client.ts";
import { requireNoticeActor } from "./notice-actor.ts";
import { minimumPostingDays, minimumRelevantUntilFor } from "./notice-rules.ts";

export interface ProposedNoticeWindow {
  postedAt: Date;
  minimumDays: number;
  /** The earliest lawful "relevant until" (a Prague calendar date). */
  minimumRelevantUntil: string;
  /** When a notice relevant until that date leaves the board (the next midnight in Prague). */
  takeDownAt: Date;
}

/** What the notice form proposes for a posting time: the legal minimum and the resulting take-down moment. */
export function proposeNoticeWindow(
  ctx: Pick<Context, "viewer" | "apiToken" | "clock">,
  input: { postedAt?: Date | null; category?: NoticeCategory | null },
): ProposedNoticeWindow {
  requireNoticeActor(ctx);
  const postedAt = input.postedAt ?? ctx.clock.now();
  const category = input.category ?? "ANNOUNCEMENTS";
  const minimumRelevantUntil = minimumRelevantUntilFor(category, postedAt);
  return { postedAt, minimumDays: minimumPostingDays(category), minimumRelevantUntil, takeDownAt: takeDownMoment(minimumRelevantUntil) };
}
