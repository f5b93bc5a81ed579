import type { Context } from "../../context.ts";
import { NotFoundError, ValidationError } from "../../errors.ts";
import type { RegisterImport } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireRegisterAccess } from "./require-register-access.ts";

/** The clerk drops a preview; it can no longer be committed. Discarding twice changes nothing. */
export async function discardRegisterImport(ctx: Context, input: { id: string }): Promise<RegisterImport> {
  requireRegisterAccess(ctx);
  const preview = isUuid(input.id) ? await ctx.db.registerImport.findUnique({ where: { id: input.id } }) : null;
  if (!preview) throw new NotFoundError();
  if (preview.status === "DISCARDED") return preview;
  if (preview.status === "IMPORTED") throw ValidationError.field("id", "import.alreadyImported", "ALREADY_IMPORTED");
  const { count } = await ctx.db.registerImport.updateMany({
    where: { id: preview.id, status: "PREVIEW" },
    data: { status: "DISCARDED", decidedAt: ctx.clock.now() },
  });
  const decided = (await ctx.db.registerImport.findUnique({ where: { id: preview.id } }))!;
  if (count === 0) {
    if (decided.status === "IMPORTED") throw ValidationError.field("id", "import.alreadyImported", "ALREADY_IMPORTED");
    return decided;
  }
  await recordAudit(ctx, {
    action: "registerImport.discarded",
    subjectType: "RegisterImport",
    subjectId: preview.id,
    details: { kind: preview.kind },
  });
  return decided;
}
