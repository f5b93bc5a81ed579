import type { Context } from "../../context.ts";
import type { DeadLetter } from "../../jobs/job-queue.ts";
import { requireViewer } from "../accounts/require-viewer.ts";

/** The municipality's jobs that used up their retries, newest first (admins only). */
export async function listDeadLetters(ctx: Context, args: { first?: number | null }): Promise<DeadLetter[]> {
  requireViewer(ctx, ["ADMIN"]);
  return ctx.services.jobs.deadLetters(ctx.municipality.id, { limit: args.first ?? 50 });
}
