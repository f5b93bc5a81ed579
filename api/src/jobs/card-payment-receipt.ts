import { isLocale, translate, type Locale } from "../i18n/messages.ts";
import { portalLink } from "../services/accounts/portal-link.ts";
import { formatCzk } from "../services/payments/card/format-czk.ts";
import { defineJob, type JobData } from "./job-queue.ts";

/**
 * The receipt for a card payment, queued in the same transaction as the payment's first (and only)
 * transition to SUCCEEDED. As the account e-mails do, it records its message in the outbox keyed by
 * the job id, then delivers it: run again, it only finishes delivering.
 */
export type CardPaymentReceiptData = JobData & { cardPaymentId: string };

/** "600.00" → "600,00 Kč" as a Czech (or English) receipt writes it. */
function money(halere: bigint, locale: Locale): string {
  const [whole, fraction] = formatCzk(halere).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, locale === "cs" ? "\u00a0" : ",");
  return locale === "cs" ? `${grouped},${fraction}\u00a0Kč` : `CZK ${grouped}.${fraction}`;
}

export const cardPaymentReceiptJob = defineJob<CardPaymentReceiptData>({
  name: "card-payment-receipt",
  retry: (config) => ({ limit: config.MAIL_RETRY_LIMIT, delaySeconds: config.MAIL_RETRY_DELAY_SECONDS, maxDelaySeconds: 3600 }),
  timeoutSeconds: 120,
  async handle(data, job, services) {
    const prisma = services.database.prisma;
    let message = await prisma.outboxMessage.findUnique({ where: { jobId: job.id } });
    message ??= await prisma.$transaction(async (tx) => {
      const payment = await tx.cardPayment.findFirst({
        where: { id: data.cardPaymentId, municipalityId: data.municipalityId, status: "SUCCEEDED" },
        include: {
          user: { select: { email: true, locale: true, disabledAt: true } },
          municipality: { select: { name: true, publicUrl: true } },
          items: { include: { assessment: { select: { subject: true, variableSymbol: true } } } },
        },
      });
      if (!payment?.user || payment.user.disabledAt) return null;
      const locale: Locale = isLocale(payment.user.locale) ? payment.user.locale : "cs";
      const items = payment.items
        .map((item) => `- ${item.assessment.subject} (VS ${item.assessment.variableSymbol}): ${money(item.amount, locale)}`)
        .join("\n");
      const params = {
        town: payment.municipality.name,
        amount: money(payment.amount, locale),
        orderId: payment.orderId,
        paidAt: (payment.paidAt ?? services.clock.now()).toISOString().slice(0, 10),
        items,
        link: portalLink({ municipality: payment.municipality }, `/platba/${payment.orderId}`),
      };
      return tx.outboxMessage.create({
        data: {
          municipalityId: data.municipalityId,
          toAddress: payment.user.email,
          subject: translate(locale, "mail.cardReceipt.subject", params),
          textBody: translate(locale, "mail.cardReceipt.body", params),
          transport: services.mailer.transport,
          jobId: job.id,
          createdAt: services.clock.now(),
        },
      });
    });
    if (!message) return;
    await services.mailer.deliver(message);
  },
});
