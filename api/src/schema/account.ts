// The personal account (osobní účet): what a signed-in citizen owes the town, for every payer linked to the
// account, with payment instructions (account, symbols, QR Platba) and the payments paired so far.
// Assessment ids are global ids of type "Assessment" (other modules decode them with decodeGlobalID).
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../builder.ts";
import { pragueNow } from "../clock.ts";
import type { Context } from "../context.ts";
import { formatCzechAccount, formatIban } from "@portal/forms";
import { dueDateOnWorkingDay } from "../domain/czech-calendar.ts";
import { buildSpayd } from "../domain/spayd.ts";
import { AssessmentKind, AssessmentLifecycle, PayerKind, PaymentSource } from "../generated/prisma/enums.ts";
import {
  loadPersonalAccount,
  type AccountAssessment,
  type AccountPayer,
  type PersonalAccount,
} from "../services/account/load-personal-account.ts";
import { receiptPath } from "../http/account-receipts.ts";
import { claimPayer } from "../services/account/claim-payer.ts";
import { TooManyAttemptsError, ValidationError } from "../errors.ts";
import { MAX_LIST_ITEMS } from "./request-limits.ts";

export const AssessmentKindEnum = builder.enumType(AssessmentKind, {
  name: "AssessmentKind",
  description: "WASTE_FEE (poplatek za odpad), DOG_FEE (poplatek ze psů), ADMIN_FEE (správní poplatek), FINE (pokuta), OTHER.",
});
export const AssessmentLifecycleEnum = builder.enumType(AssessmentLifecycle, { name: "AssessmentLifecycle" });
export const PayerKindEnum = builder.enumType(PayerKind, { name: "PayerKind" });
export const PaymentSourceEnum = builder.enumType(PaymentSource, { name: "PaymentSource" });

export const AssessmentStatusEnum = builder.enumType("AssessmentStatus", {
  description: "Derived from the pairings, never stored: UNPAID, PARTLY_PAID, PAID, OVERPAID; or a clerk's CANCELLED / WRITTEN_OFF.",
  values: ["UNPAID", "PARTLY_PAID", "PAID", "OVERPAID", "CANCELLED", "WRITTEN_OFF"] as const,
});
export const InstallmentStatusEnum = builder.enumType("InstallmentStatus", {
  values: ["UNPAID", "PARTLY_PAID", "PAID", "OVERDUE", "CANCELLED"] as const,
});

export type AssessmentStatus = "UNPAID" | "PARTLY_PAID" | "PAID" | "OVERPAID" | "CANCELLED" | "WRITTEN_OFF";

/** The status a citizen sees: the clerk's decision wins over the payments. */
export function assessmentStatus(a: Pick<AccountAssessment, "lifecycle" | "state">): AssessmentStatus {
  if (a.lifecycle === "CANCELLED") return "CANCELLED";
  if (a.lifecycle === "WRITTEN_OFF") return "WRITTEN_OFF";
  return a.state.status;
}

/** What is still to pay (0 when cancelled or written off). */
export function remainingOf(a: Pick<AccountAssessment, "lifecycle" | "state">): number {
  return a.lifecycle === "ACTIVE" ? a.state.remaining : 0;
}

function overdueOf(a: Pick<AccountAssessment, "lifecycle" | "state">): number {
  return a.lifecycle === "ACTIVE" ? a.state.overdue : 0;
}

const today = (ctx: Context) => pragueNow(ctx.clock).toISODate()!;

const PayerRef = builder.objectRef<AccountPayer>("Payer").implement({
  description: "A person or household the town assesses, linked to the signed-in account.",
  fields: (t) => ({
    id: t.id({ resolve: (payer) => encodeGlobalID("Payer", payer.id) }),
    name: t.exposeString("name"),
    kind: t.field({ type: PayerKindEnum, resolve: (payer) => payer.kind }),
    directDebit: t.exposeBoolean("directDebit", { description: "Pays by SIPO or direct debit (inkaso)." }),
  }),
});

const InstallmentRef = builder.objectRef<AccountAssessment["state"]["installments"][number]>("Installment").implement({
  fields: (t) => ({
    position: t.int({ resolve: (i) => i.index + 1 }),
    amount: t.field({ type: "Money", resolve: (i) => i.amount }),
    dueDate: t.field({ type: "Date", description: "As assessed.", resolve: (i) => i.dueDate }),
    effectiveDueDate: t.field({
      type: "Date",
      description: "The due date moved to the next working day when it falls on a weekend or a Czech public holiday.",
      resolve: (i) => i.effectiveDueDate,
    }),
    paid: t.field({ type: "Money", resolve: (i) => i.paid }),
    remaining: t.field({ type: "Money", resolve: (i) => i.remaining }),
    status: t.field({ type: InstallmentStatusEnum, resolve: (i) => i.status }),
    paidOn: t.field({ type: "Date", nullable: true, resolve: (i) => i.paidOn }),
  }),
});

const AccountPaymentRef = builder.objectRef<AccountAssessment["payments"][number]>("AssessmentPayment").implement({
  description: "A payment (or the part of one) paired with the assessment.",
  fields: (t) => ({
    paymentId: t.id({ resolve: (p) => encodeGlobalID("Payment", p.paymentId) }),
    amount: t.field({ type: "Money", resolve: (p) => p.amount }),
    receivedOn: t.field({ type: "Date", resolve: (p) => p.receivedOn }),
    source: t.field({ type: PaymentSourceEnum, resolve: (p) => p.source }),
    receiptUrl: t.string({
      description: "The confirmation of payment (PDF) for the signed-in citizen; add ?lang=en for English.",
      resolve: (p) => receiptPath(p.paymentId),
    }),
  }),
});

interface Instructions {
  assessment: AccountAssessment;
  amount: number;
  dueDate: string;
  recipientName: string;
}

const PaymentInstructionsRef = builder.objectRef<Instructions>("PaymentInstructions").implement({
  description: "How to pay what remains: by bank transfer (Czech account or IBAN) or by scanning the QR Platba code.",
  fields: (t) => ({
    accountNumber: t.string({
      description: "The town's account in the Czech format (prefix-number/bank code).",
      resolve: ({ assessment: { bankAccount: b } }) =>
        formatCzechAccount({ prefix: b.prefix ?? "", number: b.number, bankCode: b.bankCode }),
    }),
    iban: t.string({ description: "Grouped by four (CZ65 0800 …).", resolve: ({ assessment }) => formatIban(assessment.bankAccount.iban) }),
    accountLabel: t.string({ resolve: ({ assessment }) => assessment.bankAccount.label }),
    variableSymbol: t.string({ resolve: ({ assessment }) => assessment.variableSymbol }),
    constantSymbol: t.string({ nullable: true, resolve: ({ assessment }) => assessment.constantSymbol }),
    specificSymbol: t.string({ nullable: true, resolve: ({ assessment }) => assessment.specificSymbol }),
    amount: t.field({ type: "Money", description: "What remains to be paid.", resolve: (i) => i.amount }),
    dueDate: t.field({
      type: "Date",
      description: "The next unpaid installment's due date (moved to a working day).",
      resolve: (i) => i.dueDate,
    }),
    message: t.string({ description: "Message for the recipient.", resolve: ({ assessment }) => spaydMessage(assessment) }),
    spayd: t.string({
      description: "The QR Platba (SPAYD 1.0) text to render as a QR code; generated on each request, never stored.",
      resolve: (i) =>
        buildSpayd(
          {
            account: i.assessment.bankAccount.iban,
            amount: i.amount,
            variableSymbol: i.assessment.variableSymbol,
            constantSymbol: i.assessment.constantSymbol,
            specificSymbol: i.assessment.specificSymbol,
            message: spaydMessage(i.assessment),
            recipientName: i.recipientName,
          },
          { transliterate: true, crc32: true },
        ),
    }),
  }),
});

function spaydMessage(a: AccountAssessment): string {
  return `${a.subject}`.slice(0, 60);
}

export const AssessmentRef = builder.objectRef<AccountAssessment>("Assessment").implement({
  description: "A payment assessment (předpis): what a payer owes the town, when, and how to pay it. Amounts are Money (CZK).",
  fields: (t) => ({
    id: t.id({ resolve: (a) => encodeGlobalID("Assessment", a.id) }),
    payerId: t.id({ resolve: (a) => encodeGlobalID("Payer", a.payerId) }),
    kind: t.field({ type: AssessmentKindEnum, resolve: (a) => a.kind }),
    subject: t.exposeString("subject"),
    year: t.exposeInt("year"),
    amount: t.field({ type: "Money", resolve: (a) => a.amount }),
    dueDate: t.field({ type: "Date", description: "The last installment's due date as assessed.", resolve: (a) => a.dueDate }),
    variableSymbol: t.exposeString("variableSymbol"),
    constantSymbol: t.exposeString("constantSymbol", { nullable: true }),
    specificSymbol: t.exposeString("specificSymbol", { nullable: true }),
    status: t.field({ type: AssessmentStatusEnum, resolve: (a) => assessmentStatus(a) }),
    lifecycleReason: t.exposeString("lifecycleReason", { nullable: true, description: "Why it was cancelled or written off." }),
    paid: t.field({ type: "Money", description: "Paired payments that count towards it.", resolve: (a) => a.state.paid }),
    remaining: t.field({ type: "Money", resolve: (a) => remainingOf(a) }),
    overdue: t.field({ type: "Money", description: "The part of `remaining` that is past due.", resolve: (a) => overdueOf(a) }),
    isOverdue: t.boolean({ resolve: (a) => overdueOf(a) > 0 }),
    credit: t.field({
      type: "Money",
      description: "Paid over the amount (or paid to a cancelled assessment).",
      resolve: (a) => a.state.credit,
    }),
    nextDueDate: t.field({
      type: "Date",
      nullable: true,
      description: "The oldest unpaid installment's due date, moved to a working day; null when nothing remains.",
      resolve: (a) => nextDue(a),
    }),
    installments: t.field({ type: [InstallmentRef], resolve: (a) => a.state.installments }),
    payments: t.field({ type: [AccountPaymentRef], resolve: (a) => a.payments }),
    instructions: t.field({
      type: PaymentInstructionsRef,
      nullable: true,
      description: "Null when nothing remains to pay.",
      resolve: (a, _args, ctx) => {
        const amount = remainingOf(a);
        if (amount <= 0) return null;
        return { assessment: a, amount, dueDate: nextDue(a) ?? dueDateOnWorkingDay(a.dueDate), recipientName: ctx.municipality.name };
      },
    }),
  }),
});

function nextDue(a: AccountAssessment): string | null {
  if (remainingOf(a) <= 0) return null;
  return a.state.installments.find((i) => i.remaining > 0)?.effectiveDueDate ?? null;
}

const PersonalAccountRef = builder.objectRef<PersonalAccount & { loadedAt: Date }>("PersonalAccount").implement({
  description: "Everything the signed-in citizen's linked payers owe the town, this year and earlier.",
  fields: (t) => ({
    payers: t.field({ type: [PayerRef], resolve: (account) => account.payers }),
    assessments: t.field({
      type: [AssessmentRef],
      description: "Newest year first, then by due date; filters combine with AND.",
      args: {
        year: t.arg.int({ required: false }),
        kinds: t.arg({ type: [AssessmentKindEnum], required: false, extensions: { maxItems: MAX_LIST_ITEMS } }),
        statuses: t.arg({ type: [AssessmentStatusEnum], required: false, extensions: { maxItems: MAX_LIST_ITEMS } }),
      },
      resolve: (account, args) =>
        account.assessments.filter(
          (a) =>
            (args.year == null || a.year === args.year) &&
            (!args.kinds?.length || args.kinds.includes(a.kind)) &&
            (!args.statuses?.length || args.statuses.includes(assessmentStatus(a))),
        ),
    }),
    years: t.intList({
      description: "Years that have assessments, newest first.",
      resolve: (account) => [...new Set(account.assessments.map((a) => a.year))],
    }),
    totalDue: t.field({ type: "Money", description: "What remains to pay, in total.", resolve: (account) => sum(account, remainingOf) }),
    totalOverdue: t.field({ type: "Money", resolve: (account) => sum(account, overdueOf) }),
    totalCredit: t.field({
      type: "Money",
      description: "Overpayments kept as credit.",
      resolve: (account) => sum(account, (a) => a.state.credit),
    }),
    loadedAt: t.field({
      type: "DateTime",
      description: "When this answer was read (the PWA shows it offline as 'last updated').",
      resolve: (account) => account.loadedAt,
    }),
  }),
});

function sum(account: PersonalAccount, pick: (a: AccountAssessment) => number): number {
  return account.assessments.reduce((total, a) => total + pick(a), 0);
}

builder.queryField("personalAccount", (t) =>
  t.field({
    type: PersonalAccountRef,
    description: "The signed-in citizen's personal account (osobní účet).",
    authScopes: { authenticated: true },
    resolve: async (_root, _args, ctx) => {
      const account = await loadPersonalAccount(ctx.services.database.sql, {
        municipalityId: ctx.municipality.id,
        userId: ctx.viewer!.userId,
        today: today(ctx),
      });
      return { ...account, loadedAt: ctx.clock.now() };
    },
  }),
);

const ClaimPayerInput = builder.inputType("ClaimPayerInput", {
  fields: (t) => ({
    variableSymbol: t.string({ description: "The variable symbol printed on the paper assessment." }),
    accessCode: t.string({ description: "The access code printed beside it, e.g. K7M2-Q9XP (case, spaces and dashes do not matter)." }),
  }),
});

const ClaimPayerSuccess = builder.objectRef<{ payer: AccountPayer; alreadyLinked: boolean }>("ClaimPayerSuccess").implement({
  fields: (t) => ({
    payer: t.field({ type: PayerRef, resolve: (result) => result.payer }),
    alreadyLinked: t.exposeBoolean("alreadyLinked", { description: "The payer was linked to this account before: nothing changed." }),
  }),
});

builder.mutationField("claimPayer", (t) =>
  t.field({
    type: ClaimPayerSuccess,
    description:
      "Links the payer of a paper assessment to the signed-in account, with its variable symbol and access code. A wrong " +
      "pair is a ValidationError on accessCode (whether the symbol exists is not revealed); too many failures answer " +
      "TooManyAttemptsError.",
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: ClaimPayerInput, required: true }) },
    errors: { types: [ValidationError, TooManyAttemptsError], directResult: true },
    resolve: async (_root, { input }, ctx) => {
      const { payer, alreadyLinked } = await claimPayer(ctx, input);
      return { payer: { ...payer, assessments: [] }, alreadyLinked };
    },
  }),
);
