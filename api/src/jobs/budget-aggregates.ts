import { rebuildBudgetAggregates } from "../services/budget/rebuild-budget-aggregates.ts";
import { defineJob, type JobData } from "./job-queue.ts";

/**
 * Rebuilds a town's budget aggregates after its codelist changed (queued in the same transaction as the change,
 * keyed by the change): the drill-down then classifies the earlier imports with the new codes.
 */
export const budgetAggregatesJob = defineJob<JobData & { reason: string }>({
  name: "budget-aggregates",
  retry: () => ({ limit: 5, delaySeconds: 30, maxDelaySeconds: 1800 }),
  timeoutSeconds: 1800,
  async handle(data, job, services) {
    await rebuildBudgetAggregates(services.database.prisma, data.municipalityId, job.signal);
    await services.publicCache.invalidate(data.municipalityId);
  },
});
