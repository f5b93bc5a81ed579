// Card payments: start a payment at the configured gateway, see its real state on return, and the
// finance clerks' list with refunds. Rules live in services/payments/card; the gateway behind
// integrations/payment-providers. Assessments are referred to by global id plus plain fields.
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { CardPaymentStatus } from "../generated/prisma/enums.ts";
import { isUuid } from "../services/accounts/account-rules.ts";
import { CardPaymentsUnavailableError } from "../services/payments/card/card-payment-errors.ts";
import { findOwnCardPayment } from "../services/payments/card/find-own-card-payment.ts";
import { refundCardPayment } from "../services/payments/card/refund-card-payment.ts";
import { MAX_CARD_PAYMENT_ITEMS, startCardPayment } from "../services/payments/card/start-card-payment.ts";
import { ErrorInterface } from "./errors.ts";
import { nodeLookup } from "./node-lookup.ts";

const NO_ROW = "00000000-0000-0000-0000-000000000000";
const FINANCE = { agenda: "FINANCE" } as const;

function isFinanceClerk(ctx: Context): boolean {
  const viewer = ctx.viewer;
  return viewer?.role === "ADMIN" || (viewer?.role === "CLERK" && viewer.agendas.includes("FINANCE"));
}

/** The finance clerks see the town's card payments; a citizen only their own. */
const visibleCardPayments = (ctx: Context) => ({
  municipalityId: ctx.municipality.id,
  ...(isFinanceClerk(ctx) ? {} : { userId: ctx.viewer?.userId ?? NO_ROW }),
});

/** The UUID behind a global id of one of the types, or null (never an error). */
function localId(value: string, typename: string): string | null {
  try {
    const decoded = decodeGlobalID(value);
    return decoded.typename === typename && isUuid(decoded.id) ? decoded.id : null;
  } catch {
    return null;
  }
}

/**
 * A card payment by id with the query's selection. A result asked only for its `__typename` comes with an
 * empty selection, which Prisma refuses: then the whole row is read.
 */
function loadCardPayment(ctx: Context, query: { select?: object }, id: string) {
  const empty = query.select !== undefined && Object.keys(query.select).length === 0;
  return ctx.db.cardPayment.findUniqueOrThrow(empty ? { where: { id } } : { ...query, where: { id } });
}

builder.objectType(CardPaymentsUnavailableError, { name: "CardPaymentsUnavailableError", interfaces: [ErrorInterface] });

const CardPaymentStatusEnum = builder.enumType(CardPaymentStatus, {
  name: "CardPaymentStatus",
  description:
    "PENDING: the card holder has not finished (3-D Secure may be pending); SUCCEEDED: paid and paired; " +
    "FAILED/CANCELLED: nothing paid; MISMATCH: the gateway reports a payment whose amount or currency differs, held for the finance clerk.",
});

builder.prismaObject("CardPaymentItem", {
  description: "The part of a card payment that goes to one assessment.",
  fields: (t) => ({
    assessmentId: t.field({
      type: "ID",
      description: "Global id of the Assessment.",
      resolve: (item) => encodeGlobalID("Assessment", item.assessmentId),
    }),
    subject: t.string({ select: { assessment: { select: { subject: true } } }, resolve: (item) => item.assessment.subject }),
    variableSymbol: t.string({
      select: { assessment: { select: { variableSymbol: true } } },
      resolve: (item) => item.assessment.variableSymbol,
    }),
    amount: t.expose("amount", { type: "Money" }),
  }),
});

const CardPaymentRef = builder.prismaNode("CardPayment", {
  ...nodeLookup("CardPayment", visibleCardPayments),
  // Always loaded: the owner check below needs userId, and a selection of only __typename must still select something.
  select: { id: true, userId: true },
  description: "A card payment for one or more assessments, through the town's card gateway.",
  authScopes: (payment, ctx) => (ctx.viewer !== null && payment.userId === ctx.viewer.userId ? true : FINANCE),
  fields: (t) => ({
    orderId: t.exposeString("orderId", { description: "Random, unguessable; the return page is /platba/<orderId>." }),
    status: t.expose("status", { type: CardPaymentStatusEnum }),
    amount: t.expose("amount", { type: "Money" }),
    currency: t.exposeString("currency"),
    refundedAmount: t.expose("refundedAmount", { type: "Money" }),
    provider: t.exposeString("provider", { description: '"stripe" or "demo".' }),
    failureReason: t.exposeString("failureReason", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    paidAt: t.expose("paidAt", { type: "DateTime", nullable: true }),
    items: t.relation("items", { query: { orderBy: { assessment: { variableSymbol: "asc" } } } }),
    payerEmail: t.string({
      nullable: true,
      authScopes: FINANCE,
      description: "Finance clerks: the e-mail of the citizen who paid.",
      select: { user: { select: { email: true } } },
      resolve: (payment) => payment.user?.email ?? null,
    }),
  }),
});

const StartedCardPaymentRef = builder.objectRef<{ cardPayment: { id: string }; redirectUrl: string }>("StartedCardPayment").implement({
  description: "A card payment created at the gateway: send the browser to `redirectUrl`.",
  fields: (t) => ({
    redirectUrl: t.exposeString("redirectUrl", { description: "The gateway's page (Stripe Checkout or the demo gateway)." }),
    cardPayment: t.prismaField({
      type: "CardPayment",
      resolve: (query, started, _args, ctx) => ctx.db.cardPayment.findUniqueOrThrow({ ...query, where: { id: started.cardPayment.id } }),
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Queries

builder.queryFields((t) => ({
  cardPaymentsAvailable: t.boolean({
    description: "Whether card payments are configured for this portal (the card button is hidden otherwise).",
    resolve: (_root, _args, ctx) => ctx.services.config.cardPayments !== "off",
  }),
  cardPayments: t.prismaConnection(
    {
      type: "CardPayment",
      cursor: "id",
      authScopes: FINANCE,
      description: "Finance clerks: the town's card payments, newest first, optionally of one status (MISMATCH: to resolve).",
      args: { status: t.arg({ type: CardPaymentStatusEnum, required: false }) },
      resolve: (query, _root, args, ctx) =>
        ctx.db.cardPayment.findMany({
          ...query,
          where: { municipalityId: ctx.municipality.id, ...(args.status ? { status: args.status } : {}) },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        }),
    },
    { name: "CardPaymentConnection" },
    { name: "CardPaymentEdge" },
  ),
}));

// ---------------------------------------------------------------------------------------------
// Mutations

const StartCardPaymentItemInput = builder.inputType("StartCardPaymentItemInput", {
  fields: (t) => ({
    assessmentId: t.id({ description: "Global id of an Assessment of a payer linked to the viewer." }),
    amount: t.field({ type: "Money", description: "More than zero and at most what remains unpaid." }),
  }),
});

const StartCardPaymentInput = builder.inputType("StartCardPaymentInput", {
  fields: (t) => ({
    items: t.field({
      type: [StartCardPaymentItemInput],
      description: `The assessments to pay (1–${MAX_CARD_PAYMENT_ITEMS}), each with its amount.`,
      extensions: { maxItems: MAX_CARD_PAYMENT_ITEMS },
    }),
    idempotencyKey: t.string({
      description: "One random key (16–100 of A–Z a–z 0–9 _ -) per payment attempt: a repeated request answers the same payment.",
    }),
  }),
});

builder.mutationField("startCardPayment", (t) =>
  t.field({
    type: StartedCardPaymentRef,
    authScopes: { citizen: true },
    description:
      "Starts a card payment for the viewer's assessments and answers the gateway's page to send the browser to. " +
      "Another person's or town's assessment answers NotFoundError; amounts over what remains, ValidationError.",
    args: { input: t.arg({ type: StartCardPaymentInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, CardPaymentsUnavailableError], directResult: true },
    resolve: (_root, { input }, ctx) =>
      startCardPayment(ctx, {
        idempotencyKey: input.idempotencyKey,
        items: input.items.map((item) => ({ assessmentId: localId(String(item.assessmentId), "Assessment"), amount: item.amount })),
      }),
  }),
);

const SettleCardPaymentInput = builder.inputType("SettleCardPaymentInput", {
  fields: (t) => ({ orderId: t.string({ description: "From the return page's URL." }) }),
});

builder.mutationField("settleCardPayment", (t) =>
  t.prismaField({
    type: "CardPayment",
    authScopes: { authenticated: true },
    description:
      "The return page: the viewer's own card payment brought up to date with the gateway (the same transition the webhook runs). " +
      "Anyone else's order id answers NotFoundError.",
    args: { input: t.arg({ type: SettleCardPaymentInput, required: true }) },
    errors: { types: [NotFoundError], dataField: { name: "cardPayment" } },
    resolve: async (query, _root, { input }, ctx) => {
      const payment = await findOwnCardPayment(ctx, input.orderId, { settle: true });
      return loadCardPayment(ctx, query, payment.id);
    },
  }),
);

const RefundCardPaymentInput = builder.inputType("RefundCardPaymentInput", {
  fields: (t) => ({
    id: t.id({ description: "Global id of the CardPayment." }),
    amount: t.field({ type: "Money", description: "Up to what was paid and not yet refunded." }),
    reason: t.string({ description: "Why (kept in the audit log and on the refund)." }),
  }),
});

builder.mutationField("refundCardPayment", (t) =>
  t.prismaField({
    type: "CardPayment",
    authScopes: FINANCE,
    description: "Finance clerks: refunds part or all of a paid card payment through the gateway; audited.",
    args: { input: t.arg({ type: RefundCardPaymentInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "cardPayment" } },
    resolve: async (query, _root, { input }, ctx) => {
      const refunded = await refundCardPayment(ctx, {
        cardPaymentId: localId(String(input.id), "CardPayment"),
        amount: input.amount,
        reason: input.reason,
      });
      return loadCardPayment(ctx, query, refunded.id);
    },
  }),
);

export { CardPaymentRef };
