// Pairing: automatic at import (by VS within the town, KS/SS where the assessment has them, the
// statement's own account preferred; exact, partial, over-payment and cancelled all pair, unknown and
// ambiguous do not), the unpaired list, manual pairing (split, conflicts), reversal (once), audit,
// tenancy and who may do what, and the integrators' read.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { czechAccountToIban, parseCzechAccount } from "@portal/forms";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { apiTokenClient, createAssessment, createPayer } from "../kit/factories.ts";
import { assessmentState, credit, financeWorld, gpcFile, importStatement, statement, type FinanceWorld } from "./statements-support.ts";

let app: TestApp;
let world: FinanceWorld;
let payer: { id: string; municipalityId: string };
const assessments: Record<string, { id: string }> = {};
let report: any;

const ERROR_FIELDS = `... on Error { __typename code message } ... on ValidationError { fieldErrors { path code message } }`;
const PAYMENT_FIELDS = `id message amount unallocatedAmount allocatedAmount variableSymbol counterpartyName
  allocations { id amount method active reversedAt reversalReason createdByName reversedByName assessmentId assessmentSubject variableSymbol payerName }`;
const UNPAIRED = `query($filter: UnpairedPaymentFilter, $first: Int) {
  unpairedPayments(filter: $filter, first: $first) { totalCount nodes { ${PAYMENT_FIELDS} } }
}`;
const PAIR = `mutation($input: PairPaymentInput!) {
  pairPayment(input: $input) { __typename ... on PairPaymentSuccess { payment { ${PAYMENT_FIELDS} } } ${ERROR_FIELDS} }
}`;
const REVERSE = `mutation($input: ReversePaymentAllocationInput!) {
  reversePaymentAllocation(input: $input) { __typename ... on ReversePaymentAllocationSuccess { payment { ${PAYMENT_FIELDS} } } ${ERROR_FIELDS} }
}`;
const SEARCH = `query($q: String!) { assessmentsForPairing(query: $q) { assessmentId subject variableSymbol payerName amount paidAmount lifecycle } }`;

const gid = (type: string, id: string) => encodeGlobalID(type, id);

beforeAll(async () => {
  app = await createTestApp();
  world = await financeWorld(app);
  const second = parseCzechAccount("94-9876543/0710")!;
  const cnb = await app.database.prisma.bankAccount.create({
    data: {
      municipalityId: world.municipalityId,
      label: "ČNB",
      prefix: second.prefix,
      number: second.number,
      bankCode: second.bankCode,
      iban: czechAccountToIban(second),
    },
  });
  payer = await createPayer(app, world.municipalityId, { name: "Jana Párovací" });
  const make = async (key: string, overrides: Parameters<typeof createAssessment>[2]) =>
    (assessments[key] = await createAssessment(app, payer, { amount: 90_000, ...overrides }));
  await make("exact", { variableSymbol: "5100001", subject: "Odpad přesně" });
  await make("partial", { variableSymbol: "5100002" });
  await make("over", { variableSymbol: "5100003" });
  await make("cancelled", { variableSymbol: "5100004", lifecycle: "CANCELLED" });
  await make("ambiguousWaste", { variableSymbol: "5100005", kind: "WASTE_FEE" });
  await make("ambiguousDog", { variableSymbol: "5100005", kind: "DOG_FEE" });
  await make("ks", { variableSymbol: "5100006", constantSymbol: "0558", kind: "FINE" });
  await make("ksOmitted", { variableSymbol: "5100007", constantSymbol: "0558", kind: "FINE" });
  await make("preferredHere", { variableSymbol: "5100008", kind: "WASTE_FEE" });
  await make("preferredElsewhere", { variableSymbol: "5100008", kind: "DOG_FEE" });
  await make("manual", { variableSymbol: "5100009", amount: 60_000, subject: "Poplatek ze psů – Alík" });
  await make("manual2", { variableSymbol: "5100010", amount: 30_000 });
  await app.database.prisma.assessment.update({ where: { id: assessments.preferredElsewhere!.id }, data: { bankAccountId: cnb.id } });

  const lines = [
    credit(90_000, { variableSymbol: "5100001" }),
    credit(40_000, { variableSymbol: "5100002" }),
    credit(120_000, { variableSymbol: "5100003" }),
    credit(90_000, { variableSymbol: "5100004" }),
    credit(90_000, { variableSymbol: "9999999" }),
    credit(90_000, { variableSymbol: "5100005" }),
    credit(90_000, { variableSymbol: "5100006", constantSymbol: "0308" }),
    credit(90_000, { variableSymbol: "0005100007" }),
    credit(90_000, { variableSymbol: "5100008" }),
    credit(90_000, { counterpartyName: "Bez Symbolu", message: 'za psa "Alika" \\ {díky},NULL' }),
  ];
  report = (await importStatement(world.finance, gpcFile(statement(1, lines)))).report.statements[0];
});
afterAll(async () => {
  await app.close();
});

const activeAllocations = (assessmentId: string) =>
  app.database.prisma.paymentAllocation.findMany({ where: { assessmentId, reversedAt: null } });

describe("automatic pairing at import", () => {
  it("counts what paired and what did not", () => {
    expect(report).toMatchObject({
      newPaymentCount: 10,
      pairedCount: 6,
      ambiguousCount: 1,
      unmatchedCount: 2,
      withoutSymbolCount: 1,
      unpairedCount: 4,
    });
    expect(report.lines.map((line: any) => line.outcome)).toEqual([
      "PAIRED",
      "PAIRED",
      "PAIRED",
      "PAIRED",
      "UNMATCHED",
      "AMBIGUOUS",
      "UNMATCHED",
      "PAIRED",
      "PAIRED",
      "NO_SYMBOL",
    ]);
    expect(report.lines[0]).toMatchObject({
      assessmentId: gid("Assessment", assessments.exact!.id),
      assessmentSubject: "Odpad přesně",
      payerName: "Jana Párovací",
    });
    expect(report.statement.pairing).toEqual({ paymentCount: 10, pairedCount: 6, unpairedCount: 4, unpairedAmount: "3600.00" });
  });

  it("an exact payment pays the assessment", async () => {
    expect(await assessmentState(app, assessments.exact!.id)).toMatchObject({ status: "PAID", remaining: 0, credit: 0 });
  });

  it("a partial payment makes it partly paid", async () => {
    expect(await assessmentState(app, assessments.partial!.id)).toMatchObject({ status: "PARTLY_PAID", paid: 40_000, remaining: 50_000 });
  });

  it("an over-payment is allocated whole: the surplus is credit on the assessment", async () => {
    expect((await activeAllocations(assessments.over!.id)).map((a) => a.amount)).toEqual([120_000n]);
    expect(await assessmentState(app, assessments.over!.id)).toMatchObject({ status: "OVERPAID", credit: 30_000 });
  });

  it("a payment to a cancelled assessment pairs to it and is all credit", async () => {
    expect((await activeAllocations(assessments.cancelled!.id)).map((a) => a.method)).toEqual(["AUTO"]);
    expect(await assessmentState(app, assessments.cancelled!.id)).toMatchObject({ credit: 90_000 });
  });

  it("a VS shared by assessments of different kinds is ambiguous: neither gets it", async () => {
    expect(await activeAllocations(assessments.ambiguousWaste!.id)).toEqual([]);
    expect(await activeAllocations(assessments.ambiguousDog!.id)).toEqual([]);
  });

  it("a different constant symbol does not pair; a missing one (and leading zeros of the VS) does", async () => {
    expect(await activeAllocations(assessments.ks!.id)).toEqual([]);
    expect((await activeAllocations(assessments.ksOmitted!.id)).length).toBe(1);
  });

  it("of two assessments with one VS, the one on the statement's account wins", async () => {
    expect((await activeAllocations(assessments.preferredHere!.id)).length).toBe(1);
    expect(await activeAllocations(assessments.preferredElsewhere!.id)).toEqual([]);
  });

  it("writes one audit entry for the import with its figures", async () => {
    const entry = await app.database.prisma.auditLogEntry.findFirstOrThrow({
      where: { municipalityId: world.municipalityId, action: "bankStatement.imported" },
    });
    expect(entry).toMatchObject({ actorUserId: world.financeUserId, subjectType: "BankStatement" });
    expect((entry.details as any).statements[0]).toMatchObject({ number: 1, newPayments: 10, autoPaired: 6 });
  });
});

describe("the unpaired list", () => {
  it("lists payments with something left to pair, with filters", async () => {
    const all = (await world.finance.request(UNPAIRED, { first: 50 })).data!.unpairedPayments;
    expect(all.totalCount).toBe(4);
    expect(all.nodes.map((p: any) => p.variableSymbol).sort()).toEqual(["5100005", "5100006", "9999999", null].sort());
    const byText = (await world.finance.request(UNPAIRED, { filter: { text: "alika" } })).data!.unpairedPayments;
    expect(byText.nodes.map((p: any) => [p.counterpartyName, p.message])).toEqual([["Bez Symbolu", 'za psa "Alika" \\ {díky},NULL']]);
    const byStatement = (
      await world.finance.request(UNPAIRED, { filter: { statementId: report.statement.id, amountMin: "900.00", amountMax: "900.00" } })
    ).data!.unpairedPayments;
    expect(byStatement.totalCount).toBe(4);
    const none = (await world.finance.request(UNPAIRED, { filter: { receivedFrom: "2026-11-21" } })).data!.unpairedPayments;
    expect(none.totalCount).toBe(0);
  });

  it("finds assessments to pair with by VS, payer's name or subject", async () => {
    const byVs = (await world.finance.request(SEARCH, { q: "5100009" })).data!.assessmentsForPairing;
    expect(byVs).toEqual([expect.objectContaining({ subject: "Poplatek ze psů – Alík", amount: "600.00", paidAmount: "0.00" })]);
    const byName = (await world.finance.request(SEARCH, { q: "párovací" })).data!.assessmentsForPairing;
    expect(byName.length).toBe(12);
    const bySubject = (await world.finance.request(SEARCH, { q: "alík" })).data!.assessmentsForPairing;
    expect(bySubject.map((a: any) => a.variableSymbol)).toEqual(["5100009"]);
  });
});

describe("manual pairing and reversal", () => {
  let paymentId: string;
  beforeAll(async () => {
    const list = (await world.finance.request(UNPAIRED, { filter: { text: "Bez Symbolu" } })).data!.unpairedPayments;
    paymentId = list.nodes[0].id;
  });

  it("refuses more than is left to pair, with a clear conflict error", async () => {
    const result = (
      await world.finance.request(PAIR, {
        input: { paymentId, allocations: [{ assessmentId: gid("Assessment", assessments.manual!.id), amount: "900.01" }] },
      })
    ).data!.pairPayment;
    expect(result).toEqual({
      __typename: "PaymentConflictError",
      code: "CONFLICT",
      message: "Na platbu zbývá k párování 900,00 Kč, požadujete 900,01 Kč. Někdo ji mezitím možná spároval; načtěte ji znovu.",
    });
  });

  it("two clerks pairing the same payment at once cannot over-allocate", async () => {
    const input = { paymentId, allocations: [{ assessmentId: gid("Assessment", assessments.manual2!.id), amount: "600.00" }] };
    const results = await Promise.all([world.finance.request(PAIR, { input }), world.finance.request(PAIR, { input })]);
    const types = results.map((result) => result.data!.pairPayment.__typename).sort();
    expect(types).toEqual(["PairPaymentSuccess", "PaymentConflictError"]);
    // Undo it for the next test.
    const winner = results.find((result) => result.data!.pairPayment.__typename === "PairPaymentSuccess")!.data!.pairPayment.payment;
    const undone = await world.finance.request(REVERSE, { input: { allocationId: winner.allocations[0].id, reason: "Zkouška souběhu" } });
    expect(undone.data!.reversePaymentAllocation.payment.unallocatedAmount).toBe("900.00");
  });

  it("splits a payment to several assessments", async () => {
    const result = (
      await world.finance.request(PAIR, {
        input: {
          paymentId,
          allocations: [
            { assessmentId: gid("Assessment", assessments.manual!.id), amount: "600.00" },
            { assessmentId: gid("Assessment", assessments.manual2!.id), amount: "300.00" },
          ],
        },
      })
    ).data!.pairPayment;
    expect(result.__typename).toBe("PairPaymentSuccess");
    expect(result.payment).toMatchObject({ unallocatedAmount: "0.00", allocatedAmount: "900.00" });
    // Same moment (the test clock stands still): compare without order.
    const active = result.payment.allocations.filter((a: any) => a.active).sort((a: any, b: any) => Number(b.amount) - Number(a.amount));
    expect(active).toEqual([
      expect.objectContaining({ method: "MANUAL", amount: "600.00", variableSymbol: "5100009", createdByName: "Účetní Věra" }),
      expect.objectContaining({ method: "MANUAL", amount: "300.00", variableSymbol: "5100010" }),
    ]);
    expect(await assessmentState(app, assessments.manual!.id)).toMatchObject({ status: "PAID" });
    const unpaired = (await world.finance.request(UNPAIRED, {})).data!.unpairedPayments;
    expect(unpaired.totalCount).toBe(3);
    const audit = await app.database.prisma.auditLogEntry.count({
      where: { municipalityId: world.municipalityId, action: "payment.paired" },
    });
    expect(audit).toBe(3);
  });

  it("reverses an automatic pairing with a reason, once; the payment returns to the unpaired list", async () => {
    const [automatic] = await activeAllocations(assessments.exact!.id);
    const allocationId = gid("PaymentAllocation", automatic!.id);
    const first = (await world.finance.request(REVERSE, { input: { allocationId, reason: "Platba patří jinému plátci" } })).data!
      .reversePaymentAllocation;
    expect(first.__typename).toBe("ReversePaymentAllocationSuccess");
    expect(first.payment.allocations[0]).toMatchObject({
      method: "AUTO",
      active: false,
      reversalReason: "Platba patří jinému plátci",
      reversedByName: "Účetní Věra",
    });
    expect(await assessmentState(app, assessments.exact!.id)).toMatchObject({ status: "UNPAID" });
    const second = (await world.finance.request(REVERSE, { input: { allocationId, reason: "Znovu" } })).data!.reversePaymentAllocation;
    expect(second).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["allocationId"], code: "ALREADY_REVERSED" }] });
    const audit = await app.database.prisma.auditLogEntry.findMany({
      where: { municipalityId: world.municipalityId, action: "payment.pairingReversed", subjectId: automatic!.id },
    });
    expect(audit.length).toBe(1);
    expect((audit[0]!.details as any).reason).toBe("Platba patří jinému plátci");
    const unpaired = (await world.finance.request(UNPAIRED, { filter: { text: "" } })).data!.unpairedPayments;
    expect(unpaired.totalCount).toBe(4);
  });

  it("a reversal needs a reason", async () => {
    const [allocation] = await activeAllocations(assessments.partial!.id);
    const result = (
      await world.finance.request(REVERSE, { input: { allocationId: gid("PaymentAllocation", allocation!.id), reason: "  " } })
    ).data!.reversePaymentAllocation;
    expect(result.fieldErrors).toEqual([{ path: ["reason"], code: "REQUIRED", message: "Uveďte důvod zrušení." }]);
  });
});

describe("tenancy and authorization", () => {
  it("another town's payment, pairing or assessment is not found", async () => {
    const payment = await app.database.prisma.payment.findFirstOrThrow({
      where: { municipalityId: world.municipalityId, variableSymbol: "9999999" },
    });
    const foreign = world.other.finance;
    const pair = (
      await foreign.request(PAIR, {
        input: {
          paymentId: gid("Payment", payment.id),
          allocations: [{ assessmentId: gid("Assessment", assessments.partial!.id), amount: "1.00" }],
        },
      })
    ).data!.pairPayment;
    expect(pair.__typename).toBe("NotFoundError");
    const [allocation] = await activeAllocations(assessments.partial!.id);
    const reverse = (await foreign.request(REVERSE, { input: { allocationId: gid("PaymentAllocation", allocation!.id), reason: "cizí" } }))
      .data!.reversePaymentAllocation;
    expect(reverse.__typename).toBe("NotFoundError");
    const node = await foreign.request(`query($id: ID!) { node(id: $id) { id } }`, { id: gid("Payment", payment.id) });
    expect(node.data!.node).toBeNull();
    expect((await foreign.request(UNPAIRED, {})).data!.unpairedPayments.totalCount).toBe(0);
    // Our own clerk pairing our payment to the other town's assessment: the assessment is not found.
    const otherPayer = await createPayer(app, world.other.municipalityId);
    const otherAssessment = await createAssessment(app, otherPayer, { variableSymbol: "5100099" });
    const cross = (
      await world.finance.request(PAIR, {
        input: {
          paymentId: gid("Payment", payment.id),
          allocations: [{ assessmentId: gid("Assessment", otherAssessment.id), amount: "1.00" }],
        },
      })
    ).data!.pairPayment;
    expect(cross.fieldErrors).toEqual([{ path: ["allocations", "0", "assessmentId"], code: "NOT_FOUND", message: "Předpis neexistuje." }]);
  });

  it("a clerk without FINANCE may not see or pair payments", async () => {
    for (const [query, variables] of [
      [UNPAIRED, {}],
      [PAIR, { input: { paymentId: "x", allocations: [{ assessmentId: "y", amount: "1.00" }] } }],
      [SEARCH, { q: "5100001" }],
    ] as const) {
      const result = await world.registersClerk.request(query, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });

  it("integrators with payments:read page through payments and pairings; others may not", async () => {
    const reader = await apiTokenClient(app, world.municipalityId, ["payments:read"], world.host);
    const PAYMENTS = `query($after: String) { payments(first: 4, after: $after, since: "2026-01-01T00:00:00Z") {
      pageInfo { hasNextPage endCursor } nodes { amount variableSymbol receivedOn statement { statementNumber } allocations { amount method active assessmentId } } } }`;
    const seen: any[] = [];
    let after: string | null = null;
    do {
      const page: any = (await reader.request(PAYMENTS, { after })).data!.payments;
      seen.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length).toBe(10);
    expect(seen.find((p) => p.variableSymbol === "5100003")).toMatchObject({
      amount: "1200.00",
      receivedOn: "2026-11-20",
      statement: { statementNumber: 1 },
      allocations: [{ amount: "1200.00", method: "AUTO", active: true, assessmentId: gid("Assessment", assessments.over!.id) }],
    });
    const later = (await reader.request(`{ payments(first: 5, since: "2027-01-01T00:00:00Z") { nodes { id } } }`)).data!.payments;
    expect(later.nodes).toEqual([]);
    const writer = await apiTokenClient(app, world.municipalityId, ["registers:write"], world.host);
    expect((await writer.request(`{ payments(first: 1) { nodes { id } } }`)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
