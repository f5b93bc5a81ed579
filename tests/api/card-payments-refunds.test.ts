// Refunds of card payments by a finance clerk, through the fake Stripe: partial and full, a negative
// payment with negative pairings per item, never more than was paid (also two clerks at once), audited;
// and the clerks' list of card payments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveAssessmentState } from "../../api/src/domain/installments.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createAssessment, createMunicipality, createPayer, createUser, signedInClient } from "../kit/factories.ts";
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe, type FakeStripe } from "../kit/fake-stripe.ts";
import type { Client } from "../kit/graphql.ts";
import { assessmentGid, cardPaymentGid, REFUND, settle, start } from "./card-payments-support.ts";

let app: TestApp;
let fake: FakeStripe;
let town: Awaited<ReturnType<typeof createMunicipality>>;
let citizen: Client;
let finance: Client;
let registersClerk: Client;
let payer: Awaited<ReturnType<typeof createPayer>>;

beforeAll(async () => {
  fake = await startFakeStripe({ now: () => Math.floor(app.clock.now().getTime() / 1000) });
  app = await createTestApp({
    CARD_PAYMENTS: "stripe",
    STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
  });
  town = await createMunicipality(app);
  const host = town.hosts[0]!.hostname;
  const user = await createUser(app, town.id);
  citizen = await signedInClient(app, user, host);
  finance = await signedInClient(app, await createUser(app, town.id, { role: "CLERK", agendas: ["FINANCE"] }), host);
  registersClerk = await signedInClient(app, await createUser(app, town.id, { role: "CLERK", agendas: ["REGISTERS"] }), host);
  payer = await createPayer(app, town.id, { userIds: [user.id] });
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

async function paidCardPayment(amounts: number[]) {
  const assessments = await Promise.all(amounts.map((amount) => createAssessment(app, payer, { amount })));
  const started = await start(
    citizen,
    assessments.map((a, i) => ({ assessmentId: assessmentGid(a.id), amount: (amounts[i]! / 100).toFixed(2) })),
  );
  const row = await app.database.prisma.cardPayment.findUniqueOrThrow({ where: { orderId: started.cardPayment.orderId } });
  fake.pay(row.providerPaymentId!);
  expect((await settle(citizen, row.orderId)).cardPayment.status).toBe("SUCCEEDED");
  return { row, assessments };
}

const refund = (client: Client, id: string, amount: string, reason = "Zaplaceno omylem dvakrát") =>
  client.request(REFUND, { input: { id: cardPaymentGid(id), amount, reason } }).then((r) => r.data?.refundCardPayment ?? r);

async function remaining(assessmentId: string) {
  const assessment = await app.database.prisma.assessment.findUniqueOrThrow({
    where: { id: assessmentId },
    include: { installments: true, allocations: { where: { reversedAt: null }, include: { payment: true } } },
  });
  return deriveAssessmentState({
    installments: assessment.installments.map((i) => ({ amount: Number(i.amount), dueDate: i.dueDate.toISOString().slice(0, 10) })),
    payments: assessment.allocations.map((a) => ({ amount: Number(a.amount), date: a.payment.receivedOn.toISOString().slice(0, 10) })),
    today: "2026-11-26",
  }).remaining;
}

describe("refunds", () => {
  it("refunds partly then fully: the provider refunds, a negative payment takes money back from the newest item first", async () => {
    const { row, assessments } = await paidCardPayment([60_000, 90_000]);
    const [first, second] = [...assessments].sort((a, b) => (a.id < b.id ? -1 : 1));
    const partial = await refund(finance, row.id, "1000.00");
    expect(partial).toMatchObject({
      __typename: "RefundCardPaymentSuccess",
      cardPayment: { status: "SUCCEEDED", refundedAmount: "1000.00" },
    });
    const tooMuch = await refund(finance, row.id, "500.01");
    expect(tooMuch.fieldErrors).toEqual([{ path: ["amount"], code: "TOO_BIG", message: "Vrátit lze nejvýše 500.00 Kč." }]);
    expect((await refund(finance, row.id, "0.00")).fieldErrors).toEqual([expect.objectContaining({ path: ["amount"], code: "TOO_SMALL" })]);
    const rest = await refund(finance, row.id, "500.00");
    expect(rest.cardPayment.refundedAmount).toBe("1500.00");

    const refunds = await app.database.prisma.payment.findMany({
      where: { cardPaymentId: row.id, amount: { lt: 0 } },
      include: { allocations: true },
      orderBy: { amount: "asc" },
    });
    expect(refunds.map((p) => p.amount)).toEqual([-100_000n, -50_000n]);
    expect(refunds.every((p) => p.source === "CARD" && p.message === "Zaplaceno omylem dvakrát")).toBe(true);
    // 1000: 900 from the newest (by id order, last) item, 100 from the other; then the other's remaining 500.
    expect(refunds[0]!.allocations.map((a) => [a.assessmentId, a.amount]).sort()).toEqual(
      [
        [second!.id, -second!.amount],
        [first!.id, -(100_000n - second!.amount)],
      ].sort(),
    );
    expect(await remaining(first!.id)).toBe(Number(first!.amount));
    expect(await remaining(second!.id)).toBe(Number(second!.amount));
    expect(
      fake.refunds.filter((r) => r.payment_intent === fake.sessions.get(row.providerPaymentId!)!.payment_intent).map((r) => r.amount),
    ).toEqual([100_000, 50_000]);
    const audit = await app.database.prisma.auditLogEntry.findMany({ where: { action: "cardPayment.refunded", subjectId: row.id } });
    expect(audit.map((entry) => (entry.details as { amount: string }).amount).sort()).toEqual(["1000.00", "500.00"]);
    expect((await refund(finance, row.id, "1.00")).fieldErrors).toEqual([expect.objectContaining({ path: ["amount"], code: "TOO_BIG" })]);
  });

  it("lets two clerks at once refund no more than was paid", async () => {
    const { row } = await paidCardPayment([60_000]);
    const answers = await Promise.all([refund(finance, row.id, "400.00"), refund(finance, row.id, "400.00")]);
    expect(answers.map((a) => a.__typename).sort()).toEqual(["RefundCardPaymentSuccess", "ValidationError"]);
    const stored = await app.database.prisma.cardPayment.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.refundedAmount).toBe(40_000n);
    expect(await app.database.prisma.payment.count({ where: { cardPaymentId: row.id, amount: { lt: 0 } } })).toBe(1);
  });

  it("refuses unpaid payments, other towns' payments and people without the finance agenda", async () => {
    const dog = await createAssessment(app, payer, { amount: 10_000 });
    const pending = await start(citizen, [{ assessmentId: assessmentGid(dog.id), amount: "100.00" }]);
    const pendingRow = await app.database.prisma.cardPayment.findUniqueOrThrow({ where: { orderId: pending.cardPayment.orderId } });
    expect((await refund(finance, pendingRow.id, "1.00")).fieldErrors).toEqual([expect.objectContaining({ code: "NOT_REFUNDABLE" })]);
    const { row } = await paidCardPayment([10_000]);
    for (const client of [registersClerk, citizen]) {
      const answer = await client.request(REFUND, { input: { id: cardPaymentGid(row.id), amount: "1.00", reason: "x" } });
      expect(answer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const otherTown = await createMunicipality(app);
    const otherFinance = await signedInClient(
      app,
      await createUser(app, otherTown.id, { role: "CLERK", agendas: ["FINANCE"] }),
      otherTown.hosts[0]!.hostname,
    );
    expect((await refund(otherFinance, row.id, "1.00")).__typename).toBe("NotFoundError");
    expect((await app.database.prisma.cardPayment.findUniqueOrThrow({ where: { id: row.id } })).refundedAmount).toBe(0n);
  });
});

describe("the clerks' list", () => {
  it("lists the town's card payments newest first, filtered by status, to the finance agenda only", async () => {
    const mismatch = await paidCardPayment([20_000]);
    await app.database.prisma.cardPayment.update({ where: { id: mismatch.row.id }, data: { status: "MISMATCH" } });
    const query = `query ($status: CardPaymentStatus) { cardPayments(status: $status, first: 50) { nodes { id status amount payerEmail items { variableSymbol } } } }`;
    const all = await finance.request(query);
    expect(all.data?.cardPayments.nodes.length).toBeGreaterThan(3);
    const flagged = await finance.request(query, { status: "MISMATCH" });
    expect(flagged.data?.cardPayments.nodes).toEqual([
      expect.objectContaining({
        id: cardPaymentGid(mismatch.row.id),
        status: "MISMATCH",
        amount: "200.00",
        payerEmail: expect.stringContaining("@"),
      }),
    ]);
    expect((await registersClerk.request(query)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await citizen.request(query)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
