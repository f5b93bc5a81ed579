import { DateTime } from "luxon";
import { BUSINESS_ZONE } from "../../clock.ts";
import { renderPdf } from "../../lib/pdf.ts";
import type { Context } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import { translate, type Locale, type MessageKey, type MessageParams } from "../../i18n/messages.ts";
import { isUuid } from "../accounts/account-rules.ts";

type ReceiptContext = Pick<Context, "db" | "municipality" | "viewer" | "clock" | "locale">;

/** Haléře as Czech money text: "1 234,50 Kč" (or "1,234.50 CZK" in English). */
export function formatMoney(halere: number, locale: Locale): string {
  const value = halere / 100;
  return locale === "cs"
    ? `${new Intl.NumberFormat("cs-CZ", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value).replace(/\u00a0/g, " ")} Kč`
    : `${new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)} CZK`;
}

/**
 * The confirmation of payment (potvrzení o zaplacení) of one payment, for a citizen whose account is linked to a
 * payer the payment is paired with: the town, the payer(s), what it paid (only the viewer's payers' assessments),
 * the amount, the day it arrived, its source and symbols. Anyone else - another user, another town, a payment
 * that does not exist or is paired with nobody of the viewer's - gets the same NotFoundError, so a forged id
 * reveals nothing.
 */
export async function renderPaymentReceipt(ctx: ReceiptContext, input: { paymentId: string }): Promise<{ pdf: Buffer; fileName: string }> {
  const userId = ctx.viewer?.userId;
  if (!userId || !isUuid(input.paymentId)) throw new NotFoundError();
  // ctx.db is scoped to the request's town: another town's payment is not found.
  const payment = await ctx.db.payment.findUnique({
    where: { id: input.paymentId },
    select: {
      id: true,
      amount: true,
      receivedOn: true,
      source: true,
      variableSymbol: true,
      constantSymbol: true,
      specificSymbol: true,
      reference: true,
      allocations: {
        where: { reversedAt: null, assessment: { payer: { links: { some: { userId } } } } },
        orderBy: { createdAt: "asc" },
        select: {
          amount: true,
          assessment: {
            select: { subject: true, variableSymbol: true, year: true, payer: { select: { id: true, name: true, address: true } } },
          },
        },
      },
    },
  });
  if (!payment || payment.allocations.length === 0) throw new NotFoundError();

  const locale = ctx.locale;
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const now = ctx.clock.now();
  const day = (date: Date) => DateTime.fromJSDate(date, { zone: "UTC" }).toFormat("d. M. yyyy");
  const moment = (date: Date) => DateTime.fromJSDate(date, { zone: BUSINESS_ZONE }).toFormat("d. M. yyyy H:mm");
  const payers = [...new Map(payment.allocations.map((a) => [a.assessment.payer.id, a.assessment.payer])).values()];
  const paidHere = payment.allocations.reduce((total, a) => total + Number(a.amount), 0);
  const receivedOn = payment.receivedOn.toISOString().slice(0, 10);
  const municipality = ctx.municipality;

  const pdf = await renderPdf(locale, { title: `${t("receipt.title")} – ${municipality.name}`, author: municipality.name, now }, (doc) => {
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const labelWidth = 170;
    const row = (label: string, value: string) => {
      doc.font("regular").fontSize(10);
      const height = Math.max(
        doc.heightOfString(label, { width: labelWidth - 10 }),
        doc.heightOfString(value, { width: width - labelWidth }),
      );
      const y = doc.y;
      doc.font("bold").text(label, left, y, { width: labelWidth - 10 });
      doc.font("regular").text(value, left + labelWidth, y, { width: width - labelWidth });
      doc.x = left;
      doc.y = y + height + 4;
    };

    doc.font("bold").fontSize(14).text(municipality.name, { width });
    doc
      .font("regular")
      .fontSize(10)
      .text(`${t("confirmation.field.ico")}: ${municipality.ico}`)
      .text(`${municipality.street}, ${municipality.postalCode} ${municipality.city}`);
    doc.moveDown(1.2).font("bold").fontSize(18).text(t("receipt.title"), { width });
    doc.font("regular").fontSize(10).text(t("receipt.subtitle"), { width }).moveDown(0.8);

    row(t("receipt.field.payer"), payers.map((p) => (p.address ? `${p.name}, ${p.address}` : p.name)).join("\n"));
    row(t("receipt.field.amount"), formatMoney(Number(payment.amount), locale));
    if (paidHere !== Number(payment.amount)) row(t("receipt.field.amountPaired"), formatMoney(paidHere, locale));
    row(t("receipt.field.receivedOn"), day(payment.receivedOn));
    row(t("receipt.field.source"), t(`receipt.source.${payment.source}` as MessageKey));
    row(t("receipt.field.variableSymbol"), payment.variableSymbol ?? payment.allocations[0]!.assessment.variableSymbol);
    if (payment.constantSymbol) row(t("receipt.field.constantSymbol"), payment.constantSymbol);
    if (payment.specificSymbol) row(t("receipt.field.specificSymbol"), payment.specificSymbol);
    if (payment.reference) row(t("receipt.field.reference"), payment.reference);

    doc.moveDown(0.8).font("bold").fontSize(12).text(t("receipt.field.assessments"), left, doc.y, { width });
    doc.moveDown(0.3);
    for (const allocation of payment.allocations) {
      const a = allocation.assessment;
      row(
        formatMoney(Number(allocation.amount), locale),
        t("receipt.assessmentLine", { subject: a.subject, vs: a.variableSymbol, year: a.year }),
      );
    }

    doc.moveDown(1.5).font("regular").fontSize(8).fillColor("#444444");
    doc.text(t("receipt.note"), left, doc.y, { width });
    doc.text(t("confirmation.generatedAt", { date: moment(now) }), left, doc.y, { width });
  });
  return { pdf, fileName: `${t("receipt.fileName")}-${receivedOn}-${payment.id.slice(0, 8)}.pdf` };
}
