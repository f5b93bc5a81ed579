import type { Context } from "../../context.ts";
import { ASSESSMENTS_READ_SCOPE, requireFinanceAccess } from "./account-admin-rules.ts";

export interface AssessmentCursor {
  updatedAt: Date;
  id: string;
}

export function encodeAssessmentCursor(cursor: AssessmentCursor): string {
  return Buffer.from(`${cursor.updatedAt.toISOString()}|${cursor.id}`).toString("base64url");
}

/** A cursor this API issued, or null for anything else (a bad cursor starts from the beginning of the window). */
export function decodeAssessmentCursor(value: string | null | undefined): AssessmentCursor | null {
  if (!value) return null;
  const [instant, id] = Buffer.from(value, "base64url").toString().split("|");
  const updatedAt = new Date(instant ?? "");
  if (Number.isNaN(updatedAt.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { updatedAt, id };
}

/**
 * The integrators' incremental read: assessments changed after `updatedSince` (exclusive), in the order of
 * (updatedAt, id) so that a page boundary never skips or repeats a row, `limit` + 1 ids to tell whether a
 * next page exists. A change is a change of the assessment itself: its terms, its lifecycle, or a cash desk
 * payment recorded here (bank and card pairings are read from the payments API).
 */
export async function listAssessmentChanges(
  ctx: Context,
  args: { updatedSince: Date | null; after: AssessmentCursor | null; limit: number },
): Promise<{ ids: string[]; cursors: AssessmentCursor[]; hasNextPage: boolean }> {
  requireFinanceAccess(ctx, ASSESSMENTS_READ_SCOPE);
  const after = args.after;
  const rows = await ctx.db.assessment.findMany({
    where: {
      AND: [
        args.updatedSince ? { updatedAt: { gt: args.updatedSince } } : {},
        after ? { OR: [{ updatedAt: { gt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { gt: after.id } }] } : {},
      ],
    },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: args.limit + 1,
    select: { id: true, updatedAt: true },
  });
  const page = rows.slice(0, args.limit);
  return {
    ids: page.map((r) => r.id),
    cursors: page.map((r) => ({ updatedAt: r.updatedAt, id: r.id })),
    hasNextPage: rows.length > args.limit,
  };
}
