import { DateTime } from "luxon";
import { extendCodelist, type Codelist } from "../../domain/budget/codelists.ts";
import type { TenantDb } from "../../db/tenant.ts";

const isoDate = (value: Date) => DateTime.fromJSDate(value, { zone: "utc" }).toISODate()!;

/** The built-in codelist of paragraf and položka with the town's own additions (each valid from a date). */
export async function loadBudgetCodelist(db: Pick<TenantDb, "budgetCodelistEntry">): Promise<Codelist> {
  const entries = await db.budgetCodelistEntry.findMany({ orderBy: [{ kind: "asc" }, { code: "asc" }, { validFrom: "asc" }] });
  return extendCodelist(
    entries.map((entry) => ({
      kind: entry.kind,
      code: entry.code,
      cs: entry.nameCs,
      en: entry.nameEn,
      validFrom: isoDate(entry.validFrom),
      validTo: entry.validTo ? isoDate(entry.validTo) : null,
    })),
  );
}
