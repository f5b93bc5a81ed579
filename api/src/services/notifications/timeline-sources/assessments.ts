import { encodeGlobalID } from "@pothos/plugin-relay";
import { DateTime } from "luxon";
import { translate } from "../../../i18n/messages.ts";
import { formatMoney } from "../format-money.ts";
import { entryCursor, orderOf, timeWhere, type TimelineSource } from "./timeline-source.ts";

/** Assessments (předpisy) of the payers linked to the citizen's account, when the office issued them. */
export const assessmentSource: TimelineSource = {
  kind: "ASSESSMENT",
  prefix: "assessment",
  async list(ctx, query) {
    if (query.channel) return [];
    const rows = await ctx.db.assessment.findMany({
      where: { AND: [{ payer: { links: { some: { userId: query.userId } } } }, ...timeWhere("assessment", query)] },
      orderBy: orderOf(query),
      take: query.limit,
      select: { id: true, subject: true, amount: true, dueDate: true, variableSymbol: true, lifecycle: true, createdAt: true },
    });
    return rows.map((a) => {
      const id = `assessment:${a.id}`;
      const dueDate = DateTime.fromJSDate(a.dueDate, { zone: "utc" }).setLocale(ctx.locale).toLocaleString(DateTime.DATE_MED);
      return {
        id,
        kind: "ASSESSMENT" as const,
        occurredAt: a.createdAt,
        title: a.subject,
        summary: translate(ctx.locale, "history.assessmentSummary", {
          amount: formatMoney(a.amount, ctx.locale),
          dueDate,
          variableSymbol: a.variableSymbol,
        }),
        path: `/osobni-ucet/${encodeURIComponent(encodeGlobalID("Assessment", a.id))}`,
        amount: a.amount,
        status: a.lifecycle,
        messageKind: null,
        deliveries: [],
        cursor: entryCursor(a.createdAt, id),
      };
    });
  },
};
