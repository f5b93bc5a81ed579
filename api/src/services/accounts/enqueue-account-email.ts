import type { PrismaTransactionLike } from "pg-boss";
import type { Context } from "../../context.ts";
import { accountEmailJob, type AccountEmailData } from "../../jobs/account-email.ts";

type WithoutMunicipality<T> = T extends unknown ? Omit<T, "municipalityId"> : never;

/**
 * Queues one of the account e-mails for this municipality. Given the request's transaction, the
 * e-mail is queued exactly when that transaction commits. The job (api/src/jobs/account-email.ts)
 * finds the recipient, issues the link token, records and sends the message.
 */
export async function enqueueAccountEmail(
  ctx: Pick<Context, "services" | "municipality">,
  email: WithoutMunicipality<AccountEmailData>,
  tx?: PrismaTransactionLike,
): Promise<void> {
  await ctx.services.jobs.enqueue(accountEmailJob, { ...email, municipalityId: ctx.municipality.id } as AccountEmailData, tx ? { tx } : {});
}
