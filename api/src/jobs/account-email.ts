import type { Prisma } from "../generated/prisma/client.ts";
import { isLocale, translate, type Locale, type MessageParams } from "../i18n/messages.ts";
import { EMAIL_TOKEN_VALIDITY_HOURS, issueEmailToken } from "../services/accounts/issue-email-token.ts";
import { defineJob, type JobData } from "./job-queue.ts";

/**
 * The account e-mails (verification, "you already have an account", password reset, clerk
 * invitation). The request only enqueues; this job finds the recipient, issues the one-time token
 * (so no secret ever sits in the job table) and records the message in the outbox, all in one
 * transaction keyed by the job id, then delivers it. Run again after a crash, it finds its message
 * and only finishes delivering it: one e-mail per job.
 *
 * Links come from the request (`portalLink`) without their token; the job adds the token.
 */
export type AccountEmailData = JobData &
  (
    | { template: "verify"; userId: string; link: string }
    | { template: "reset"; email: string; link: string }
    | { template: "exists"; userId: string; loginLink: string; resetLink: string }
    | { template: "clerkInvite"; userId: string; link: string }
  );

type Tx = Prisma.TransactionClient;

interface Recipient {
  id: string;
  email: string;
  locale: string;
}

export const accountEmailJob = defineJob<AccountEmailData>({
  name: "account-email",
  retry: (config) => ({ limit: config.MAIL_RETRY_LIMIT, delaySeconds: config.MAIL_RETRY_DELAY_SECONDS, maxDelaySeconds: 3600 }),
  timeoutSeconds: 120,
  async handle(data, job, services) {
    const prisma = services.database.prisma;
    let message = await prisma.outboxMessage.findUnique({ where: { jobId: job.id } });
    message ??= await prisma.$transaction(async (tx) => {
      const recipient = await findRecipient(tx, data);
      if (!recipient) return null;
      const now = services.clock.now();
      const municipality = await tx.municipality.findUniqueOrThrow({ where: { id: data.municipalityId }, select: { name: true } });
      const locale: Locale = isLocale(recipient.locale) ? recipient.locale : "cs";
      const params: MessageParams = { town: municipality.name, ...(await linkParams(tx, data, recipient, now)) };
      return tx.outboxMessage.create({
        data: {
          municipalityId: data.municipalityId,
          toAddress: recipient.email,
          subject: translate(locale, `mail.${data.template}.subject`, params),
          textBody: translate(locale, `mail.${data.template}.body`, params),
          transport: services.mailer.transport,
          jobId: job.id,
          createdAt: now,
        },
      });
    });
    // No one to write to (unknown or disabled address, already verified): done, silently.
    if (!message) return;
    await services.mailer.deliver(message);
  },
});

/** Who gets the e-mail, or null when it should not be sent (any more). */
async function findRecipient(tx: Tx, data: AccountEmailData): Promise<Recipient | null> {
  const select = { id: true, email: true, locale: true, disabledAt: true, emailVerifiedAt: true } as const;
  const user =
    data.template === "reset"
      ? await tx.user.findUnique({ where: { municipalityId_email: { municipalityId: data.municipalityId, email: data.email } }, select })
      : await tx.user.findFirst({ where: { id: data.userId, municipalityId: data.municipalityId }, select });
  if (!user || user.disabledAt) return null;
  if (data.template === "verify" && user.emailVerifiedAt) return null;
  return user;
}

/** The one-time token each linked e-mail carries; an invitation is a password-setting link valid longer than a reset. */
const LINK_TOKENS = {
  verify: { purpose: "VERIFY_EMAIL", validHours: EMAIL_TOKEN_VALIDITY_HOURS.VERIFY_EMAIL },
  reset: { purpose: "RESET_PASSWORD", validHours: EMAIL_TOKEN_VALIDITY_HOURS.RESET_PASSWORD },
  clerkInvite: { purpose: "RESET_PASSWORD", validHours: EMAIL_TOKEN_VALIDITY_HOURS.CLERK_INVITE },
} as const;

async function linkParams(tx: Tx, data: AccountEmailData, recipient: Recipient, now: Date): Promise<MessageParams> {
  if (data.template === "exists") return { loginLink: data.loginLink, resetLink: data.resetLink };
  const token = await issueEmailToken(tx, { userId: recipient.id, ...LINK_TOKENS[data.template], now });
  return { link: withToken(data.link, token) };
}

function withToken(link: string, token: string): string {
  const url = new URL(link);
  url.searchParams.set("token", token);
  return url.toString();
}
