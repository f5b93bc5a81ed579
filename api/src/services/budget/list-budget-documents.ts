import type { Context } from "../../context.ts";
import { ValidationError } from "../../errors.ts";
import type { BudgetAmountType, Invoice } from "../../generated/prisma/client.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { BudgetSide } from "../../domain/budget/classification.ts";
import { selectBudgetData, type BudgetView } from "./select-budget-data.ts";

export const MAX_DOCUMENTS_PAGE = 100;

export interface BudgetDocumentRow {
  id: bigint;
  amountType: BudgetAmountType;
  paragraf: string;
  polozka: string;
  orj: string | null;
  org: string | null;
  uz: string | null;
  amount: bigint;
  documentNumber: string | null;
  documentType: string | null;
  counterpartyIco: string | null;
  /** The published invoice of the registers with this document's number, when there is one. */
  invoice: Invoice | null;
}

/**
 * The lines (documents) under one položka of a view, with the registers' published invoice where the
 * document number is an invoice's: the last level of the drill-down. Only the chosen (published) data sets'
 * lines; paged, at most 100 at a time.
 */
export async function listBudgetDocuments(
  ctx: Pick<Context, "db" | "viewer" | "clock">,
  input: {
    view: BudgetView;
    side: BudgetSide;
    paragraf?: string | null;
    polozka: string;
    org?: string | null;
    orj?: string | null;
    organisation?: string | null;
    limit?: number | null;
    offset?: number | null;
  },
): Promise<{ rows: BudgetDocumentRow[]; totalCount: number }> {
  const limit = input.limit ?? 50;
  const offset = input.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DOCUMENTS_PAGE)
    throw ValidationError.field("limit", "field.tooManyItems", "INVALID", { max: MAX_DOCUMENTS_PAGE });
  if (!Number.isInteger(offset) || offset < 0 || offset > 1_000_000) throw ValidationError.field("offset", "field.invalid");
  if (!/^\d{4}$/.test(input.polozka)) throw ValidationError.field("polozka", "field.budgetCode");
  if (input.paragraf && !/^\d{4}$/.test(input.paragraf)) throw ValidationError.field("paragraf", "field.budgetCode");
  const selection = await selectBudgetData(ctx, input.view);
  if (selection.pairs.length === 0) return { rows: [], totalCount: 0 };
  const organisationIds = input.organisation ? selection.organisations.filter((o) => o.code === input.organisation).map((o) => o.id) : null;
  const conditions: Prisma.Sql[] = [
    Prisma.sql`(l."dataSetId", l."amountType"::text) IN (SELECT * FROM unnest(${selection.pairs.map((p) => p.dataSetId)}::uuid[], ${selection.pairs.map((p) => p.amountType as string)}::text[]))`,
    Prisma.sql`l."polozka" = ${input.polozka}`,
  ];
  if (input.paragraf) conditions.push(Prisma.sql`l."paragraf" = ${input.paragraf}`);
  if (input.org != null) conditions.push(input.org === "" ? Prisma.sql`l."org" IS NULL` : Prisma.sql`l."org" = ${input.org}`);
  if (input.orj != null) conditions.push(input.orj === "" ? Prisma.sql`l."orj" IS NULL` : Prisma.sql`l."orj" = ${input.orj}`);
  if (organisationIds) conditions.push(Prisma.sql`d."organisationId" = ANY(${organisationIds}::uuid[])`);
  const where = Prisma.join(conditions, " AND ");
  const [rows, count] = await Promise.all([
    ctx.db.$queryRaw<(Omit<BudgetDocumentRow, "invoice" | "amount"> & { amount: string })[]>(Prisma.sql`
      SELECT l."id", l."amountType"::text AS "amountType", l."paragraf", l."polozka", l."orj", l."org", l."uz", l."amount"::text AS "amount",
             l."documentNumber", l."documentType", l."counterpartyIco"
      FROM "BudgetLine" l JOIN "BudgetDataSet" d ON d."id" = l."dataSetId"
      WHERE ${where}
      ORDER BY l."amountType", l."documentNumber" NULLS LAST, l."id"
      LIMIT ${limit} OFFSET ${offset}`),
    ctx.db.$queryRaw<{ count: number }[]>(Prisma.sql`
      SELECT COUNT(*)::int AS "count" FROM "BudgetLine" l JOIN "BudgetDataSet" d ON d."id" = l."dataSetId" WHERE ${where}`),
  ]);
  const numbers = [...new Set(rows.map((r) => r.documentNumber).filter((n): n is string => n !== null))];
  const invoices = numbers.length ? await ctx.db.invoice.findMany({ where: { number: { in: numbers }, status: "PUBLISHED" } }) : [];
  const byNumber = new Map(invoices.map((invoice) => [invoice.number, invoice]));
  return {
    rows: rows.map((row) => ({
      ...row,
      amount: BigInt(row.amount),
      invoice: row.documentNumber ? (byNumber.get(row.documentNumber) ?? null) : null,
    })),
    totalCount: count[0]?.count ?? 0,
  };
}
