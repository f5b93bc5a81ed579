import type { Prisma } from "../../generated/prisma/client.ts";

/**
 * Which notices the public sees at `now`: visibility follows the posting window alone, so no job has
 * to run at the posting or take-down moment. Every public read (GraphQL, feeds, open data, files)
 * uses these filters.
 */
export function postedAt(now: Date): Prisma.NoticeWhereInput {
  return { status: "APPROVED", postedAt: { lte: now }, takeDownAt: { gt: now } };
}

/** Taken-down notices (at the end of their window or withdrawn early): the public archive. */
export function archivedAt(now: Date): Prisma.NoticeWhereInput {
  return { status: { in: ["APPROVED", "WITHDRAWN"] }, postedAt: { lte: now }, takeDownAt: { lte: now } };
}
