import type { TenantDb } from "../../db/tenant.ts";

/**
 * The next moment the public notice board changes by itself: the earliest posting or take-down
 * time after `now` among the municipality's approved notices (see ../notices/visibility.ts: the
 * board and the archive follow those two moments alone). Every other change goes through a
 * mutation, which invalidates the public cache. Null when nothing is scheduled.
 */
export async function nextBoardChange(db: TenantDb, now: Date): Promise<Date | null> {
  const [posting, takeDown] = await Promise.all([
    db.notice.aggregate({ where: { status: "APPROVED", postedAt: { gt: now } }, _min: { postedAt: true } }),
    db.notice.aggregate({ where: { status: "APPROVED", takeDownAt: { gt: now } }, _min: { takeDownAt: true } }),
  ]);
  const moments = [posting._min.postedAt, takeDown._min.takeDownAt].filter((moment): moment is Date => moment !== null);
  if (moments.length === 0) return null;
  return new Date(Math.min(...moments.map((moment) => moment.getTime())));
}
