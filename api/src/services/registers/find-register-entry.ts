import type { Context } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import type { RegisterKind } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { registerDelegate, type RegisterRow } from "./register-kinds.ts";
import { CONTROL, LIMITS } from "./register-rules.ts";

/** Which entry a clerk (by id) or an integrator (by its own external id) means. */
export type RegisterTarget = { id: string } | { externalId: string };

/** The entry in this municipality, or NotFoundError (also for another town's or malformed ids). */
export async function findRegisterEntry(ctx: Pick<Context, "db">, kind: RegisterKind, target: RegisterTarget): Promise<RegisterRow> {
  const entries = registerDelegate(ctx.db, kind);
  const row =
    "id" in target
      ? isUuid(target.id)
        ? await entries.findUnique({ where: { id: target.id } })
        : null
      : target.externalId.length <= LIMITS.externalId && !CONTROL.test(target.externalId)
        ? await entries.findFirst({ where: { externalId: target.externalId } })
        : null;
  if (!row) throw new NotFoundError();
  return row;
}
