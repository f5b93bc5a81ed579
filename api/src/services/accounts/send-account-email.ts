import type { Context } from "../../context.ts";
import { isLocale, translate, type Locale, type MessageParams } from "../../i18n/messages.ts";

export type AccountEmail = "verify" | "exists" | "reset" | "clerkInvite";

/** Sends one of the account e-mails, worded in the recipient's language. */
export async function sendAccountEmail(
  ctx: Pick<Context, "services" | "municipality">,
  args: { to: string; locale: string; template: AccountEmail; params: MessageParams },
): Promise<void> {
  const locale: Locale = isLocale(args.locale) ? args.locale : "cs";
  const params = { town: ctx.municipality.name, ...args.params };
  await ctx.services.mailer.send({
    municipalityId: ctx.municipality.id,
    to: args.to,
    subject: translate(locale, `mail.${args.template}.subject`, params),
    text: translate(locale, `mail.${args.template}.body`, params),
  });
}
