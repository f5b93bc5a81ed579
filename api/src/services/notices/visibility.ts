import { Prisma } from "../../generated/prisma/client.ts";

/**
 * Which notices the public sees at `now`: visibility follows the posting window alone, so no job has
 * to run at the posting or take-down moment. Every public read (GraphQL, feeds, open data, files)
 * uses these filters.
 */
export function postedAt(now: Date): Prisma.NoticeWhereInput {
  return { status: "APPROVED", postedAt: { lte: now }, takeDownAt: { gt: now } };
}

/**
 * Taken-down notices (at the end of their window or withdrawn early): the public archive. A notice
 * withdrawn before its posting time was never on the board and never enters the archive; its
 * WITHDRAWN event records no posting moment (see services/notices/withdraw-notice.ts).
 */
export function archivedAt(now: Date): Prisma.NoticeWhereInput {
  return {
    postedAt: { lte: now },
    takeDownAt: { lte: now },
    OR: [{ status: "APPROVED" }, { status: "WITHDRAWN", events: { some: { type: "WITHDRAWN", postedAt: { not: null } } } }],
  };
}

/** On the board or in the archive at `now`: what `notice(id)` and attachment downloads show to anyone. */
export function publicAt(now: Date): Prisma.NoticeWhereInput {
  return { OR: [postedAt(now), archivedAt(now)] };
}

// The same windows as SQL conditions on `n` (the "Notice" row), for the lists that read without
// Prisma (services/notices/list-notices.ts). Keep each pair in step: the API tests check the board
// and the archive through the lists and the detail, feeds and downloads through the filters above.

/** `postedAt(now)` in SQL. */
export function postedAtSql(now: Date): Prisma.Sql {
  return Prisma.sql`n."status" = 'APPROVED' AND n."postedAt" <= ${now}::timestamptz AND n."takeDownAt" > ${now}::timestamptz`;
}

/** `archivedAt(now)` in SQL. */
export function archivedAtSql(now: Date): Prisma.Sql {
  return Prisma.sql`n."postedAt" <= ${now}::timestamptz AND n."takeDownAt" <= ${now}::timestamptz AND (n."status" = 'APPROVED'
    OR (n."status" = 'WITHDRAWN' AND EXISTS (SELECT 1 FROM "NoticeEvent" e
          WHERE e."noticeId" = n."id" AND e."type" = 'WITHDRAWN' AND e."postedAt" IS NOT NULL)))`;
}
