import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Context } from "../../../context.ts";
import { NotFoundError, parseInput, ValidationError, type FieldIssue } from "../../../errors.ts";
import type { CardPayment } from "../../../generated/prisma/client.ts";
import { paymentProviderFor } from "../../../integrations/payment-providers/index.ts";
import { requireViewer } from "../../accounts/require-viewer.ts";
import { isUniqueViolation } from "../../accounts/is-unique-violation.ts";
import { portalLink } from "../../accounts/portal-link.ts";
import { CardPaymentsUnavailableError } from "./card-payment-errors.ts";
import { formatCzk } from "./format-czk.ts";
import { remainingToPay } from "./remaining-to-pay.ts";

/** One card payment covers at most this many assessments (the schema's `maxItems` says the same). */
export const MAX_CARD_PAYMENT_ITEMS = 20;

export interface StartCardPaymentInput {
  /** Assessment ids (already decoded from global ids; null when the id was not an Assessment's). */
  items: { assessmentId: string | null; amount: bigint }[];
  idempotencyKey: string;
}

export interface StartedCardPayment {
  cardPayment: CardPayment;
  redirectUrl: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const inputSchema = z.object({
  items: z
    .array(z.object({ assessmentId: z.string().nullable(), amount: z.bigint() }))
    .min(1, { message: "field.cardItemsEmpty" })
    .max(MAX_CARD_PAYMENT_ITEMS, { message: "field.tooManyItems" }),
  idempotencyKey: z
    .string()
    .min(16, { message: "field.idempotencyKey" })
    .max(100, { message: "field.idempotencyKey" })
    .regex(/^[A-Za-z0-9_-]+$/, { message: "field.idempotencyKey" }),
});

/** 128 random bits, URL-safe: the order id in the return URL and at the gateway; unguessable. */
function newOrderId(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * Starts a card payment for some of the viewer's assessments: checks each belongs to a payer linked to
 * the viewer (anything else, another town's or another person's, is "not found"), is active and that
 * its amount is more than zero and at most what remains unpaid; records one CardPayment with an item
 * per assessment, then creates the hosted payment at the gateway. The client's idempotency key makes
 * a repeated request (a double click) answer the same payment and the same gateway page.
 */
export async function startCardPayment(ctx: Context, rawInput: StartCardPaymentInput): Promise<StartedCardPayment> {
  const viewer = requireViewer(ctx, ["CITIZEN"]);
  const provider = paymentProviderFor(ctx.services);
  if (!provider) throw new CardPaymentsUnavailableError();
  const input = parseInput(inputSchema, rawInput);

  const existing = await ctx.services.database.prisma.cardPayment.findUnique({
    where: { userId_idempotencyKey: { userId: viewer.userId, idempotencyKey: input.idempotencyKey } },
  });
  if (existing) return replay(ctx, existing, input);

  const ids = input.items.map((item) => item.assessmentId);
  if (ids.some((id) => id === null || !UUID.test(id))) throw new NotFoundError();
  const issues: FieldIssue[] = [];
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index)
      issues.push({ path: ["items", String(index), "assessmentId"], code: "DUPLICATE", messageKey: "field.cardItemDuplicate" });
  });
  if (issues.length > 0) throw new ValidationError(issues);

  const assessments = await ctx.services.database.prisma.assessment.findMany({
    where: {
      id: { in: ids as string[] },
      municipalityId: ctx.municipality.id,
      payer: { links: { some: { userId: viewer.userId } } },
    },
    select: {
      id: true,
      subject: true,
      amount: true,
      lifecycle: true,
      variableSymbol: true,
      installments: { select: { amount: true, dueDate: true } },
      allocations: { where: { reversedAt: null }, select: { amount: true, payment: { select: { receivedOn: true } } } },
    },
  });
  const byId = new Map(assessments.map((assessment) => [assessment.id, assessment]));
  // Not one's own (or not this town's): the same answer as a non-existent id.
  if (ids.some((id) => !byId.has(id!))) throw new NotFoundError();

  input.items.forEach((item, index) => {
    const assessment = byId.get(item.assessmentId!)!;
    const path = ["items", String(index)];
    if (assessment.lifecycle !== "ACTIVE") {
      issues.push({ path: [...path, "assessmentId"], code: "NOT_PAYABLE", messageKey: "field.cardAssessmentNotPayable" });
      return;
    }
    const remaining = remainingToPay(assessment, ctx.clock);
    if (item.amount <= 0n) issues.push({ path: [...path, "amount"], code: "TOO_SMALL", messageKey: "field.cardAmountPositive" });
    else if (item.amount > remaining) {
      issues.push({
        path: [...path, "amount"],
        code: "TOO_BIG",
        messageKey: remaining === 0n ? "field.cardNothingToPay" : "field.cardAmountTooHigh",
        params: { max: formatCzk(remaining) },
      });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);

  const total = input.items.reduce((sum, item) => sum + item.amount, 0n);
  let cardPayment: CardPayment;
  try {
    cardPayment = await ctx.services.database.prisma.cardPayment.create({
      data: {
        municipalityId: ctx.municipality.id,
        orderId: newOrderId(),
        provider: provider.name,
        userId: viewer.userId,
        amount: total,
        currency: "CZK",
        idempotencyKey: input.idempotencyKey,
        createdAt: ctx.clock.now(),
        items: { create: input.items.map((item) => ({ assessmentId: item.assessmentId!, amount: item.amount })) },
      },
    });
  } catch (error) {
    // Two requests with the same key at once: the one that lost the race answers the winner's payment.
    if (!isUniqueViolation(error)) throw error;
    const winner = await ctx.services.database.prisma.cardPayment.findUniqueOrThrow({
      where: { userId_idempotencyKey: { userId: viewer.userId, idempotencyKey: input.idempotencyKey } },
    });
    return replay(ctx, winner, input);
  }
  return createAtGateway(ctx, cardPayment);
}

/** A repeated request: the same items answer the same payment; another use of the key is refused. */
async function replay(ctx: Context, cardPayment: CardPayment, input: z.output<typeof inputSchema>): Promise<StartedCardPayment> {
  const items = await ctx.services.database.prisma.cardPaymentItem.findMany({ where: { cardPaymentId: cardPayment.id } });
  const same =
    items.length === input.items.length &&
    input.items.every((item) => items.some((stored) => stored.assessmentId === item.assessmentId && stored.amount === item.amount));
  if (!same) throw ValidationError.field("idempotencyKey", "field.idempotencyKeyReused", "REUSED");
  if (cardPayment.status !== "PENDING") {
    // Finished (paid, failed, cancelled): nothing to pay again; the return page shows what happened.
    return { cardPayment, redirectUrl: portalLink(ctx, `/platba/${cardPayment.orderId}`) };
  }
  return createAtGateway(ctx, cardPayment);
}

/**
 * Creates (or, with the same idempotency key, finds again) the hosted payment. Built only from what is
 * stored, so a replay sends the gateway exactly the same request, as Stripe's idempotency requires.
 */
async function createAtGateway(ctx: Context, cardPayment: CardPayment): Promise<StartedCardPayment> {
  const provider = paymentProviderFor(ctx.services)!;
  const prisma = ctx.services.database.prisma;
  const items = await prisma.cardPaymentItem.findMany({
    where: { cardPaymentId: cardPayment.id },
    select: { amount: true, assessment: { select: { id: true, subject: true, variableSymbol: true } } },
    orderBy: { assessment: { variableSymbol: "asc" } },
  });
  const returnUrl = portalLink(ctx, `/platba/${cardPayment.orderId}`);
  try {
    const hosted = await provider.createPayment({
      orderId: cardPayment.orderId,
      amount: cardPayment.amount,
      currency: "CZK",
      description: `${ctx.municipality.name}: ${items.map((item) => `VS ${item.assessment.variableSymbol}`).join(", ")}`.slice(0, 500),
      returnUrl,
      cancelUrl: portalLink(ctx, `/platba/${cardPayment.orderId}`, { zruseno: "1" }),
      items: items.map((item) => ({ name: `${item.assessment.subject} (VS ${item.assessment.variableSymbol})`, amount: item.amount })),
      idempotencyKey: `card-payment:${cardPayment.id}`,
      locale: ctx.locale,
    });
    const updated = await prisma.cardPayment.updateManyAndReturn({
      where: { id: cardPayment.id, OR: [{ providerPaymentId: null }, { providerPaymentId: hosted.providerPaymentId }] },
      data: { providerPaymentId: hosted.providerPaymentId },
    });
    return { cardPayment: updated[0] ?? cardPayment, redirectUrl: hosted.redirectUrl };
  } catch (error) {
    ctx.services.logger.error({ err: error, cardPaymentId: cardPayment.id }, "creating the payment at the card gateway failed");
    await prisma.cardPayment.updateMany({
      where: { id: cardPayment.id, status: "PENDING", providerPaymentId: null },
      data: { status: "FAILED", failureReason: "gateway_unavailable" },
    });
    throw error;
  }
}
