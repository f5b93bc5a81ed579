// The citizen's personal account: what each linked payer owes, derived from the pairings; payment
// instructions with a valid QR Platba text; other people's payers never appear; a bounded SQL budget.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSpayd } from "../../api/src/domain/spayd.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createAssessment, createMunicipality, createPayer, createUser, signedInClient } from "../kit/factories.ts";
import type { Client } from "../kit/graphql.ts";

const ACCOUNT = /* GraphQL */ `
  query Account($year: Int, $kinds: [AssessmentKind!], $statuses: [AssessmentStatus!]) {
    personalAccount {
      totalDue
      totalOverdue
      totalCredit
      years
      payers {
        name
      }
      assessments(year: $year, kinds: $kinds, statuses: $statuses) {
        id
        subject
        year
        amount
        status
        paid
        remaining
        overdue
        isOverdue
        credit
        nextDueDate
        variableSymbol
        installments {
          position
          amount
          dueDate
          effectiveDueDate
          paid
          remaining
          status
          paidOn
        }
        payments {
          amount
          receivedOn
          source
        }
        instructions {
          accountNumber
          iban
          variableSymbol
          constantSymbol
          amount
          dueDate
          spayd
        }
      }
    }
  }
`;

let app: TestApp;
let citizen: Client;
let host: string;
const vs = { dogOld: "2104100", dog: "2104201", fine: "4104201", cancelled: "1999001", other: "1104299" };

async function pay(assessment: { id: string; municipalityId: string }, amount: number, date: string) {
  await app.database.prisma.payment.create({
    data: {
      municipalityId: assessment.municipalityId,
      source: "BANK_STATEMENT",
      amount: BigInt(amount),
      receivedOn: new Date(`${date}T00:00:00Z`),
      allocations: { create: { assessmentId: assessment.id, amount: BigInt(amount), method: "AUTO" } },
    },
  });
}

beforeAll(async () => {
  app = await createTestApp();
  app.clock.set("2026-12-06T09:00:00Z");
  const town = await createMunicipality(app);
  host = town.hosts[0]!.hostname;
  const user = await createUser(app, town.id);
  const payer = await createPayer(app, town.id, { name: "Jana Nováková", userIds: [user.id] });
  const household = await createPayer(app, town.id, { name: "Pavel Novák", userIds: [user.id] });
  const dogOld = await createAssessment(app, payer, {
    kind: "DOG_FEE",
    subject: "Pes 2025",
    amount: 60_000,
    dueDate: "2025-03-31",
    variableSymbol: vs.dogOld,
  });
  await pay(dogOld, 60_000, "2025-03-20");
  await createAssessment(app, payer, {
    kind: "DOG_FEE",
    subject: "Poplatek ze psů 2026 – Alík",
    amount: 60_000,
    dueDate: "2026-03-31",
    variableSymbol: vs.dog,
  });
  const fine = await createAssessment(app, household, {
    kind: "FINE",
    subject: "Pokuta",
    amount: 300_000,
    variableSymbol: vs.fine,
    constantSymbol: "0558",
    installments: [
      { amount: 100_000, dueDate: "2026-10-31" },
      { amount: 100_000, dueDate: "2026-11-30" },
      { amount: 100_000, dueDate: "2026-12-31" },
    ],
  });
  await pay(fine, 150_000, "2026-10-20");
  const cancelled = await createAssessment(app, payer, {
    amount: 10_000,
    dueDate: "2026-06-30",
    variableSymbol: vs.cancelled,
    lifecycle: "CANCELLED",
  });
  await pay(cancelled, 10_000, "2026-06-01");
  // Someone else's payer in the same town, and a payer in another town: never in this account.
  const stranger = await createPayer(app, town.id, { userIds: [(await createUser(app, town.id)).id] });
  await createAssessment(app, stranger, { variableSymbol: vs.other });
  const otherTown = await createMunicipality(app);
  await createAssessment(app, await createPayer(app, otherTown.id, { userIds: [user.id] }), { variableSymbol: vs.other });
  citizen = await signedInClient(app, user, host);
});

afterAll(() => app?.close());

async function account(variables: Record<string, unknown> = {}) {
  const response = await citizen.request(ACCOUNT, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.personalAccount;
}

describe("personal account", () => {
  it("lists every linked payer's assessments, this year and earlier, with derived statuses and totals", async () => {
    const result = await account();
    expect(result.payers.map((p: { name: string }) => p.name).sort()).toEqual(["Jana Nováková", "Pavel Novák"]);
    expect(result.years).toEqual([2026, 2025]);
    const bySymbol = Object.fromEntries(result.assessments.map((a: { variableSymbol: string }) => [a.variableSymbol, a]));
    expect(Object.keys(bySymbol).sort()).toEqual([vs.cancelled, vs.dogOld, vs.dog, vs.fine].sort());
    expect(bySymbol[vs.dogOld]).toMatchObject({ status: "PAID", paid: "600.00", remaining: "0.00", instructions: null });
    expect(bySymbol[vs.dogOld].payments).toEqual([{ amount: "600.00", receivedOn: "2025-03-20", source: "BANK_STATEMENT" }]);
    expect(bySymbol[vs.dog]).toMatchObject({
      status: "UNPAID",
      remaining: "600.00",
      overdue: "600.00",
      isOverdue: true,
      nextDueDate: "2026-03-31",
    });
    // 1 500 Kč paid of the fine: the first installment fully, the second half; the second is overdue
    // (30 November 2026 is a Monday), the third is not due yet.
    const fine = bySymbol[vs.fine];
    expect(fine).toMatchObject({
      status: "PARTLY_PAID",
      paid: "1500.00",
      remaining: "1500.00",
      overdue: "500.00",
      nextDueDate: "2026-11-30",
    });
    expect(fine.installments.map((i: { status: string; remaining: string }) => [i.status, i.remaining])).toEqual([
      ["PAID", "0.00"],
      ["OVERDUE", "500.00"],
      ["UNPAID", "1000.00"],
    ]);
    // A due date on a Saturday (31 October 2026) is met by paying on Monday 2 November.
    expect(fine.installments[0].effectiveDueDate).toBe("2026-11-02");
    expect(bySymbol[vs.cancelled]).toMatchObject({ status: "CANCELLED", remaining: "0.00", credit: "100.00", instructions: null });
    expect(result).toMatchObject({ totalDue: "2100.00", totalOverdue: "1100.00", totalCredit: "100.00" });
  });

  it("gives transfer details and a QR Platba text that decodes to the same payment", async () => {
    const fine = (await account()).assessments.find((a: { variableSymbol: string }) => a.variableSymbol === vs.fine);
    expect(fine.instructions).toMatchObject({
      accountNumber: "123456788/0100",
      iban: "CZ45 0100 0000 0001 2345 6788",
      variableSymbol: vs.fine,
      constantSymbol: "0558",
      amount: "1500.00",
      dueDate: "2026-11-30",
    });
    const decoded = parseSpayd(fine.instructions.spayd);
    expect(decoded).toMatchObject({
      iban: "CZ4501000000000123456788",
      crc32Valid: true,
      amount: 150_000,
      currency: "CZK",
      variableSymbol: vs.fine,
      constantSymbol: "0558",
    });
  });

  it("filters by year and status", async () => {
    expect((await account({ year: 2025 })).assessments.map((a: { variableSymbol: string }) => a.variableSymbol)).toEqual([vs.dogOld]);
    const unpaid = await account({ statuses: ["UNPAID", "PARTLY_PAID"] });
    expect(unpaid.assessments.map((a: { variableSymbol: string }) => a.variableSymbol).sort()).toEqual([vs.dog, vs.fine].sort());
    const dogs = await account({ kinds: ["DOG_FEE"] });
    expect(dogs.assessments.map((a: { variableSymbol: string }) => a.variableSymbol)).toEqual([vs.dog, vs.dogOld]);
    const combined = await account({ year: 2026, kinds: ["DOG_FEE", "FINE"], statuses: ["UNPAID"] });
    expect(combined.assessments.map((a: { variableSymbol: string }) => a.variableSymbol)).toEqual([vs.dog]);
    // Totals cover the whole account, not the filtered list.
    expect(combined.totalDue).toBe("2100.00");
  });

  it("reads the whole account in at most 3 SQL statements, whatever the number of assessments", async () => {
    await account();
    app.queries.length = 0;
    await account();
    const few = app.queries.length;
    const payer = await app.database.prisma.payer.findFirstOrThrow({ where: { name: "Jana Nováková" } });
    for (let i = 0; i < 30; i++) await createAssessment(app, payer, { amount: 1_000 + i });
    app.queries.length = 0;
    expect((await account()).assessments.length).toBe(34);
    expect(app.queries.length, app.queries.join("\n")).toBe(few);
    expect(app.queries.length, app.queries.join("\n")).toBeLessThanOrEqual(3);
  });

  it("answers the same through the compiled executor (no variables) as through the standard one", async () => {
    const selection = ACCOUNT.slice(ACCOUNT.indexOf("personalAccount {"), ACCOUNT.lastIndexOf("}")).replace(
      /assessments\([^)]*\)/,
      "assessments",
    );
    const compiled = await citizen.request(`query { ${selection} }`);
    // A second root field keeps the standard executor (schema/compiled-execution.ts).
    const standard = await citizen.request(`query { ${selection} municipality { name } }`);
    expect(compiled.errors, JSON.stringify(compiled.errors)).toBeUndefined();
    expect(standard.errors).toBeUndefined();
    expect(compiled.data!.personalAccount.assessments.length).toBeGreaterThan(3);
    expect(compiled.data!.personalAccount).toEqual(standard.data!.personalAccount);
  });

  it("needs a signed-in user", async () => {
    const { Client } = await import("../kit/graphql.ts");
    const anonymous = await new Client(app, { host }).request(ACCOUNT);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
