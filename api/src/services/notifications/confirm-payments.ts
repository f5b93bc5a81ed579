import { encodeGlobalID } from "@pothos/plugin-relay";
import { DateTime } from "luxon";
import type { AppServices } from "../../context.ts";
import { fromDateColumn } from "../../domain/notice-window.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { translate, type Locale } from "../../i18n/messages.ts";
import { formatMoney } from "./format-money.ts";
import { getNotificationSettings } from "./get-notification-settings.ts";
import { queuePersonalMessage } from "./queue-personal-message.ts";

const PAGE = 500;

/**
 * Payment confirmations: for each received payment (of the given statements, or the given payments) that
 * is paired with assessments of payers linked to citizen accounts, one message to each linked citizen,
 * by the channels they chose for confirmations. Once per payment and citizen (the dedup key), however
 * often it runs. Card payments are confirmed by their own receipt and are not repeated here.
 */
export async function confirmPayments(
  services: AppServices,
  municipalityId: string,
  which: { statementIds?: readonly string[]; paymentIds?: readonly string[] },
): Promise<number> {
  const prisma = services.database.prisma;
  const settings = await getNotificationSettings(prisma, municipalityId);
  if (!settings.paymentConfirmationsEnabled) return 0;
  const municipality = await prisma.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { name: true } });
  const linked = { reversedAt: null, assessment: { payer: { links: { some: { user: { disabledAt: null } } } } } };
  const where: Prisma.PaymentWhereInput = {
    municipalityId,
    amount: { gt: 0 },
    source: { not: "CARD" },
    allocations: { some: linked },
    OR: [
      ...(which.statementIds?.length ? [{ statementId: { in: [...which.statementIds] } }] : []),
      ...(which.paymentIds?.length ? [{ id: { in: [...which.paymentIds] } }] : []),
    ],
  };
  if (!where.OR!.length) return 0;
  let queued = 0;
  let after: string | undefined;
  for (;;) {
    const payments = await prisma.payment.findMany({
      where: { ...where, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: PAGE,
      select: {
        id: true,
        receivedOn: true,
        allocations: {
          where: linked,
          select: {
            amount: true,
            assessmentId: true,
            assessment: {
              select: {
                subject: true,
                variableSymbol: true,
                payer: { select: { links: { where: { user: { disabledAt: null } }, select: { userId: true } } } },
              },
            },
          },
        },
      },
    });
    if (payments.length === 0) break;
    after = payments.at(-1)!.id;
    for (const payment of payments) {
      const users = new Set(payment.allocations.flatMap((a) => a.assessment.payer.links.map((l) => l.userId)));
      const total = payment.allocations.reduce((sum, a) => sum + a.amount, 0n);
      if (total <= 0n) continue;
      const params = (locale: Locale) => ({
        town: municipality.name,
        amount: formatMoney(total, locale),
        receivedOn: DateTime.fromISO(fromDateColumn(payment.receivedOn)).setLocale(locale).toLocaleString(DateTime.DATE_FULL),
        items: payment.allocations
          .map((a) => `${a.assessment.subject} (VS ${a.assessment.variableSymbol}) ${formatMoney(a.amount, locale)}`)
          .join("; "),
      });
      const [cs, en] = [params("cs"), params("en")];
      await prisma.$transaction(async (tx) => {
        for (const userId of users) {
          const result = await queuePersonalMessage(tx, services, {
            municipalityId,
            userId,
            kind: "PAYMENT_CONFIRMATION",
            dedupKey: `payment-confirmation:${payment.id}:${userId}`,
            subjectCs: translate("cs", "paymentConfirmation.subject", cs),
            bodyCs: translate("cs", "paymentConfirmation.body", cs),
            subjectEn: translate("en", "paymentConfirmation.subject", en),
            bodyEn: translate("en", "paymentConfirmation.body", en),
            path: `/osobni-ucet/${encodeURIComponent(encodeGlobalID("Assessment", payment.allocations[0]!.assessmentId))}`,
            paymentId: payment.id,
            assessmentId: payment.allocations[0]!.assessmentId,
          });
          if (result) queued++;
        }
      });
    }
    if (payments.length < PAGE) break;
  }
  return queued;
}
