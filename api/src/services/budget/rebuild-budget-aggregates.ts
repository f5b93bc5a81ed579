import type { PrismaClient } from "../../generated/prisma/client.ts";
import { buildAggregates } from "../../domain/budget/aggregates.ts";
import type { BudgetLine } from "../../domain/budget/drill-down.ts";
import { scopedToMunicipality } from "../../db/tenant.ts";
import { loadBudgetCodelist } from "./load-budget-codelist.ts";

const PAGE = 20_000;

/**
 * Recomputes the aggregates of every data set of a town from its lines, with the codelist as it is now (after
 * the town added a code, lines that were "Nezařazeno" get their group). The lines themselves, published ones
 * included, are never touched; each data set is swapped in one transaction, so readers see the old or the new
 * aggregates, never a mix. Running it again gives the same result.
 */
export async function rebuildBudgetAggregates(prisma: PrismaClient, municipalityId: string, signal?: AbortSignal): Promise<number> {
  const db = scopedToMunicipality(prisma, municipalityId);
  const codelist = await loadBudgetCodelist(db);
  const dataSets = await db.budgetDataSet.findMany({ select: { id: true, organisationId: true, year: true, month: true } });
  for (const dataSet of dataSets) {
    signal?.throwIfAborted();
    const lines: Pick<BudgetLine, "amountType" | "paragraf" | "polozka" | "orj" | "org" | "amount">[] = [];
    let cursor: bigint | undefined;
    for (;;) {
      const page = await prisma.budgetLine.findMany({
        where: { dataSetId: dataSet.id, ...(cursor !== undefined ? { id: { gt: cursor } } : {}) },
        select: { id: true, amountType: true, paragraf: true, polozka: true, orj: true, org: true, amount: true },
        orderBy: { id: "asc" },
        take: PAGE,
      });
      for (const line of page) lines.push({ ...line, amount: Number(line.amount) });
      if (page.length < PAGE) break;
      cursor = page[page.length - 1]!.id;
    }
    const rows = buildAggregates(lines, { codelist, date: `${dataSet.year}-${String(dataSet.month).padStart(2, "0")}-01` });
    await prisma.$transaction(
      async (tx) => {
        await tx.budgetAggregate.deleteMany({ where: { dataSetId: dataSet.id } });
        for (let i = 0; i < rows.length; i += 5_000) {
          await tx.budgetAggregate.createMany({
            data: rows.slice(i, i + 5_000).map((row) => ({
              ...row,
              dataSetId: dataSet.id,
              organisationId: dataSet.organisationId,
              year: dataSet.year,
              month: dataSet.month,
            })),
          });
        }
      },
      { timeout: 600_000 },
    );
  }
  return dataSets.length;
}
