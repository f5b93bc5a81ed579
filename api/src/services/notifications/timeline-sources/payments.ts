import { encodeGlobalID } from "@pothos/plugin-relay";
import { DateTime } from "luxon";
import { translate } from "../../../i18n/messages.ts";
import { formatMoney } from "../format-money.ts";
import { entryCursor, orderOf, timeWhere, type TimelineSource } from "./timeline-source.ts";

/** Payments paired with the assessments of the citizen's payers, when the office recorded them. */
export const paymentSource: TimelineSource = {
  kind: "PAYMENT",
  prefix: "payment",
  async list(ctx, query) {
    if (query.channel) return [];
    const mine = { reversedAt: null, assessment: { payer: { links: { some: { userId: query.userId } } } } };
    const rows = await ctx.db.payment.findMany({
      where: { AND: [{ allocations: { some: mine } }, ...timeWhere("payment", query)] },
      orderBy: orderOf(query),
      take: query.limit,
      select: {
        id: true,
        amount: true,
        receivedOn: true,
        source: true,
        variableSymbol: true,
        createdAt: true,
        allocations: { where: mine, select: { assessmentId: true, amount: true, assessment: { select: { subject: true } } }, take: 10 },
      },
    });
    return rows.map((p) => {
      const id = `payment:${p.id}`;
      const paid = p.allocations.reduce((sum, a) => sum + a.amount, 0n);
      const receivedOn = DateTime.fromJSDate(p.receivedOn, { zone: "utc" }).setLocale(ctx.locale).toLocaleString(DateTime.DATE_MED);
      const first = p.allocations[0];
      return {
        id,
        kind: "PAYMENT" as const,
        occurredAt: p.createdAt,
        title: translate(ctx.locale, paid < 0n ? "history.refundTitle" : "history.paymentTitle", { amount: formatMoney(paid, ctx.locale) }),
        summary: translate(ctx.locale, "history.paymentSummary", {
          receivedOn,
          subjects: p.allocations.map((a) => a.assessment.subject).join(", "),
          source: translate(ctx.locale, `history.paymentSource.${p.source}`),
        }),
        path: first ? `/osobni-ucet/${encodeURIComponent(encodeGlobalID("Assessment", first.assessmentId))}` : null,
        amount: paid,
        status: p.source,
        messageKind: null,
        deliveries: [],
        cursor: entryCursor(p.createdAt, id),
      };
    });
  },
};
