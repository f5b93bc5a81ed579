import type { TenantDb } from "../../db/tenant.ts";

/**
 * The next moment the public notice board changes by itself: the earliest posting or take-down
 * time after `now` among the municipality's approved notices (see ../notices/visibility.ts: the
 * board and the archive follow those two moments alone). Every other change goes through a
 * mutation, which invalidates the public cache. Null when nothing is scheduled.
 */
export async function nextBoardChange(db: TenantDb, now: Date): Promise<Date | null> {
  const published = { status: { in: ["SENDING", "SENT"] as ("SENDING" | "SENT")[] } };
  const [posting, takeDown, alertStart, alertEnd] = await Promise.all([
    db.notice.aggregate({ where: { status: "APPROVED", postedAt: { gt: now } }, _min: { postedAt: true } }),
    db.notice.aggregate({ where: { status: "APPROVED", takeDownAt: { gt: now } }, _min: { takeDownAt: true } }),
    // Published alerts become valid and expire by themselves too (the crisis banner, "valid now" filters).
    db.alert.aggregate({ where: { ...published, validFrom: { gt: now } }, _min: { validFrom: true } }),
    db.alert.aggregate({ where: { ...published, validTo: { gt: now } }, _min: { validTo: true } }),
  ]);
  const moments = [posting._min.postedAt, takeDown._min.takeDownAt, alertStart._min.validFrom, alertEnd._min.validTo].filter(
    (moment): moment is Date => moment !== null,
  );
  if (moments.length === 0) return null;
  return new Date(Math.min(...moments.map((moment) => moment.getTime())));
}
