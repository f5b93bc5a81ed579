import { firstLevelGroup, isConsolidationTransfer, sideOfItem } from "./classification.ts";
import type { Codelist } from "./codelists.ts";
import { UNCLASSIFIED_CODE, type AmountType, type BudgetLine } from "./drill-down.ts";

/**
 * The precomputed aggregates of one data set: its lines summed per amount type and drill keys (side, group,
 * paragraf, položka, ORJ, ORG). Keys are classified with the codelist valid in the data set's month, exactly
 * as `drillDown` classifies them, so summing the aggregates over any key gives what `drillDown` gives over
 * the lines: a code the codelist does not know becomes `UNCLASSIFIED` at its own level only.
 */
export interface BudgetAggregateRow {
  amountType: AmountType;
  side: "REVENUE" | "EXPENDITURE" | "FINANCING" | "NONE";
  groupCode: string;
  paragraf: string;
  polozka: string;
  orj: string;
  org: string;
  transfer: boolean;
  amount: bigint;
  lineCount: number;
}

export function buildAggregates(
  lines: readonly Pick<BudgetLine, "amountType" | "paragraf" | "polozka" | "orj" | "org" | "amount">[],
  options: { codelist: Codelist; date: string },
): BudgetAggregateRow[] {
  const { codelist, date } = options;
  const known = new Map<string, boolean>();
  const isKnown = (kind: "PARAGRAF" | "POLOZKA", code: string) => {
    const key = `${kind}:${code}`;
    let value = known.get(key);
    if (value === undefined) known.set(key, (value = codelist.lookup(kind, code, date) !== null));
    return value;
  };
  const rows = new Map<string, BudgetAggregateRow>();
  for (const line of lines) {
    const side = sideOfItem(line.polozka) ?? "NONE";
    const groupSource = side === "EXPENDITURE" ? "PARAGRAF" : "POLOZKA";
    const group = side === "NONE" ? UNCLASSIFIED_CODE : firstLevelGroup(side, line);
    const groupCode = side !== "NONE" && isKnown(groupSource, group) ? group : UNCLASSIFIED_CODE;
    const paragraf = isKnown("PARAGRAF", line.paragraf) ? line.paragraf : UNCLASSIFIED_CODE;
    const polozka = isKnown("POLOZKA", line.polozka) ? line.polozka : UNCLASSIFIED_CODE;
    const orj = line.orj ?? "";
    const org = line.org ?? "";
    const transfer = isConsolidationTransfer(line);
    const key = [line.amountType, side, groupCode, paragraf, polozka, orj, org, transfer ? 1 : 0].join("\u0000");
    const row = rows.get(key);
    if (row) {
      row.amount += BigInt(line.amount);
      row.lineCount += 1;
    } else {
      rows.set(key, {
        amountType: line.amountType,
        side,
        groupCode,
        paragraf,
        polozka,
        orj,
        org,
        transfer,
        amount: BigInt(line.amount),
        lineCount: 1,
      });
    }
  }
  return [...rows.values()];
}
