import type { Context } from "../../context.ts";
import { parseInput, ValidationError, type FieldIssue } from "../../errors.ts";
import type { RegisterKind } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { ENTRY_SCHEMAS, type ContractData, type EntryDataByKind, type EntryInputByKind, type InvoiceData } from "./register-rules.ts";

/**
 * Checks an entry's fields and that what it links to (a contract's attachment, an invoice's
 * contract and order) exists in this municipality. The tenant-scoped client answers "no such
 * record" for another town's ids, so a forged id is a field error like any unknown one.
 */
export async function validateRegisterEntry<K extends RegisterKind>(
  ctx: Pick<Context, "db">,
  kind: K,
  input: EntryInputByKind[K],
): Promise<EntryDataByKind[K]> {
  const data = parseInput(ENTRY_SCHEMAS[kind], input) as EntryDataByKind[K];
  const issues = await linkIssues(ctx, kind, data);
  if (issues.length > 0) throw new ValidationError(issues);
  return data;
}

async function linkIssues(ctx: Pick<Context, "db">, kind: RegisterKind, data: EntryDataByKind[RegisterKind]): Promise<FieldIssue[]> {
  const missing = (field: string): FieldIssue => ({ path: [field], code: "NOT_FOUND", messageKey: "field.linkNotFound" });
  const issues: FieldIssue[] = [];
  if (kind === "CONTRACT") {
    const { attachmentId } = data as ContractData;
    if (
      attachmentId &&
      !(isUuid(attachmentId) && (await ctx.db.storedFile.findUnique({ where: { id: attachmentId }, select: { id: true } })))
    )
      issues.push(missing("attachmentId"));
  }
  if (kind === "INVOICE") {
    const { contractId, orderId } = data as InvoiceData;
    if (contractId && !(isUuid(contractId) && (await ctx.db.contract.findUnique({ where: { id: contractId }, select: { id: true } }))))
      issues.push(missing("contractId"));
    if (orderId && !(isUuid(orderId) && (await ctx.db.purchaseOrder.findUnique({ where: { id: orderId }, select: { id: true } }))))
      issues.push(missing("orderId"));
  }
  return issues;
}
