// The finance clerk's payers and assessments: who may (citizen, clerk without FINANCE, another town's ids),
// validation with field errors, VS uniqueness also under concurrency, installments, cancel / write-off,
// cash desk payments, audit entries, and the clerk's view equal to the citizen's view.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashAccessCode } from "../../api/src/domain/access-code.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createAssessment, createMunicipality, createPayer, createUser, signedInClient } from "../kit/factories.ts";
import type { Client } from "../kit/graphql.ts";

const ASSESSMENT_FIELDS = /* GraphQL */ `
  id kind subject year amount dueDate variableSymbol constantSymbol specificSymbol status lifecycleReason paid remaining
  overdue isOverdue credit nextDueDate
  installments { position amount dueDate effectiveDueDate paid remaining status paidOn }
  payments { amount receivedOn source }
  instructions { accountNumber iban variableSymbol amount dueDate spayd }
`;
const ERRORS = /* GraphQL */ `... on Error { code message } ... on ValidationError { fieldErrors { path code message } }`;

const CREATE_PAYER = `mutation($input: PayerInput!) { createPayer(input: $input) {
  ... on CreatePayerSuccess { payer { id name kind address externalId directDebit } } ${ERRORS} } }`;
const UPDATE_PAYER = `mutation($id: ID!, $input: PayerInput!) { updatePayer(id: $id, input: $input) {
  ... on UpdatePayerSuccess { payer { id name address } } ${ERRORS} } }`;
const LINK = `mutation($payerId: ID!, $email: String!) { linkPayerAccount(payerId: $payerId, email: $email) {
  ... on LinkPayerAccountSuccess { payer { linkedAccounts { email method } } } ${ERRORS} } }`;
const UNLINK = `mutation($payerId: ID!, $email: String!) { unlinkPayerAccount(payerId: $payerId, email: $email) {
  ... on UnlinkPayerAccountSuccess { payer { linkedAccounts { email } } } ${ERRORS} } }`;
const CREATE = `mutation($payerId: ID!, $input: AssessmentInput!) { createAssessment(payerId: $payerId, input: $input) {
  ... on CreatedAssessment { accessCode assessment { ${ASSESSMENT_FIELDS} } } ${ERRORS} } }`;
const UPDATE = `mutation($id: ID!, $input: AssessmentChangeInput!) { updateAssessment(id: $id, input: $input) {
  ... on UpdateAssessmentSuccess { assessment { amount installments { amount dueDate } } } ${ERRORS} } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelAssessment(id: $id, reason: $reason) {
  ... on CancelAssessmentSuccess { assessment { status credit remaining lifecycleReason } } ${ERRORS} } }`;
const WRITE_OFF = `mutation($id: ID!, $reason: String!) { writeOffAssessment(id: $id, reason: $reason) {
  ... on WriteOffAssessmentSuccess { assessment { status paid remaining } } ${ERRORS} } }`;
const CASH = `mutation($input: CashPaymentInput!) { recordCashPayment(input: $input) {
  ... on RecordCashPaymentSuccess { assessment { status paid remaining payments { amount receivedOn source } } } ${ERRORS} } }`;
const PAYERS = `query($search: String, $first: Int) { financePayers(search: $search, first: $first) {
  totalCount: edges { cursor } nodes { id name externalId totalDue } pageInfo { hasNextPage } } }`;
const PAYER = `query($id: ID!) { financePayer(id: $id) { id name linkedAccounts { email fullName method }
  assessments { ${ASSESSMENT_FIELDS} externalId } } }`;

let app: TestApp;
let host: string;
let town: Awaited<ReturnType<typeof createMunicipality>>;
let clerk: Client;
let otherClerk: Client;
let citizen: Client;
let citizenUser: Awaited<ReturnType<typeof createUser>>;
let registersClerk: Client;
let foreignPayerId: string;

const payerGid = (id: string) => encodeGlobalID("Payer", id);

beforeAll(async () => {
  app = await createTestApp();
  app.clock.set("2026-12-06T09:00:00Z");
  town = await createMunicipality(app);
  host = town.hosts[0]!.hostname;
  clerk = await signedInClient(app, await createUser(app, town.id, { role: "CLERK", agendas: ["FINANCE"] }), host);
  registersClerk = await signedInClient(app, await createUser(app, town.id, { role: "CLERK", agendas: ["REGISTERS"] }), host);
  citizenUser = await createUser(app, town.id, { email: `obcan-${Date.now()}@test.example`, fullName: "Marie Veselá" });
  citizen = await signedInClient(app, citizenUser, host);
  const other = await createMunicipality(app);
  otherClerk = await signedInClient(
    app,
    await createUser(app, other.id, { role: "CLERK", agendas: ["FINANCE"] }),
    other.hosts[0]!.hostname,
  );
  foreignPayerId = (await createPayer(app, other.id, { name: "Cizí Plátce" })).id;
});

afterAll(() => app?.close());

async function newPayer(name = "Marie Veselá", extra: Record<string, unknown> = {}) {
  const response = await clerk.request(CREATE_PAYER, { input: { name, kind: "PERSON", address: "Náves 1", ...extra } });
  expect(response.errors).toBeUndefined();
  return response.data!.createPayer.payer as { id: string; name: string };
}

async function create(payerId: string, input: Record<string, unknown>, client = clerk) {
  const response = await client.request(CREATE, {
    payerId,
    input: { kind: "WASTE_FEE", subject: "Odpad 2026", year: 2026, amount: "900.00", firstDueDate: "2026-05-31", ...input },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.createAssessment;
}

const fieldErrors = (result: { fieldErrors?: { path: string[]; code: string }[] }) =>
  (result.fieldErrors ?? []).map((e) => `${e.path.join(".")}:${e.code}`);

describe("authorization", () => {
  it("refuses citizens, clerks without the FINANCE agenda, and anonymous visitors", async () => {
    for (const client of [citizen, registersClerk]) {
      const list = await client.request(PAYERS, {});
      expect(list.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const created = await client.request(CREATE_PAYER, { input: { name: "X", kind: "PERSON" } });
      expect(created.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const { Client } = await import("../kit/graphql.ts");
    const anonymous = await new Client(app, { host }).request(PAYERS, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("answers another town's payer id as unknown, for reads and writes", async () => {
    expect((await clerk.request(PAYER, { id: payerGid(foreignPayerId) })).data!.financePayer).toBeNull();
    const result = await create(payerGid(foreignPayerId), {});
    expect(result.code).toBe("NOT_FOUND");
    const linked = await clerk.request(LINK, { payerId: payerGid(foreignPayerId), email: citizenUser.email });
    expect(linked.data!.linkPayerAccount.code).toBe("NOT_FOUND");
    // …and the other town's clerk cannot see this town's payers either.
    const mine = await newPayer("Jen Moje Obec");
    expect((await otherClerk.request(PAYER, { id: mine.id })).data!.financePayer).toBeNull();
    expect(await app.database.prisma.assessment.count({ where: { payerId: foreignPayerId } })).toBe(0);
  });
});

describe("payers", () => {
  it("creates, edits, searches by name, external id and VS, and audits each change", async () => {
    const payer = await newPayer("Bohumil Hrabal", { externalId: "P-1001" });
    const edited = await clerk.request(UPDATE_PAYER, {
      id: payer.id,
      input: { name: "Bohumil Hrabal", kind: "PERSON", address: "Kersko 5", externalId: "P-1001" },
    });
    expect(edited.data!.updatePayer.payer).toMatchObject({ name: "Bohumil Hrabal", address: "Kersko 5" });
    const { assessment } = await create(payer.id, { variableSymbol: "8800123" });

    const byName = await clerk.request(PAYERS, { search: "hrabal" });
    expect(byName.data!.financePayers.nodes.map((p: { name: string }) => p.name)).toEqual(["Bohumil Hrabal"]);
    expect(byName.data!.financePayers.nodes[0].totalDue).toBe("900.00");
    const byExternal = await clerk.request(PAYERS, { search: "P-1001" });
    expect(byExternal.data!.financePayers.nodes.map((p: { id: string }) => p.id)).toEqual([payer.id]);
    const byVs = await clerk.request(PAYERS, { search: assessment.variableSymbol });
    expect(byVs.data!.financePayers.nodes.map((p: { id: string }) => p.id)).toEqual([payer.id]);

    const duplicate = await clerk.request(CREATE_PAYER, { input: { name: "Jiný", kind: "PERSON", externalId: "P-1001" } });
    expect(fieldErrors(duplicate.data!.createPayer)).toEqual(["externalId:TAKEN"]);

    const audit = await app.database.prisma.auditLogEntry.findMany({
      where: { municipalityId: town.id, subjectId: decodeId(payer.id) },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((e) => e.action)).toEqual(["payer.created", "payer.updated"]);
    expect(audit[1]!.details).toMatchObject({ address: { from: "Náves 1", to: "Kersko 5" } });
  });

  it("validates payer input: empty, too long, wrong formats", async () => {
    const result = await clerk.request(CREATE_PAYER, {
      input: { name: "  ", kind: "PERSON", address: "x".repeat(301), externalId: "bad id\n" },
    });
    expect(fieldErrors(result.data!.createPayer).sort()).toEqual(["address:TOO_BIG", "externalId:INVALID_FORMAT", "name:TOO_SMALL"]);
    expect(result.data!.createPayer.fieldErrors.find((e: { path: string[] }) => e.path[0] === "name").message).toBe("Vyplňte toto pole.");
  });

  it("pages with first ≤ 100", async () => {
    const tooMany = await clerk.request(PAYERS, { first: 101 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("links a citizen account of the same town by e-mail, once, and unlinks it", async () => {
    const payer = await newPayer("Linkovaná");
    const unknown = await clerk.request(LINK, { payerId: payer.id, email: "nikdo@test.example" });
    expect(fieldErrors(unknown.data!.linkPayerAccount)).toEqual(["email:NOT_FOUND"]);
    const otherTownUser = await createUser(app, (await createMunicipality(app)).id);
    const foreign = await clerk.request(LINK, { payerId: payer.id, email: otherTownUser.email });
    expect(fieldErrors(foreign.data!.linkPayerAccount)).toEqual(["email:NOT_FOUND"]);

    const linked = await clerk.request(LINK, { payerId: payer.id, email: citizenUser.email.toUpperCase() });
    expect(linked.data!.linkPayerAccount.payer.linkedAccounts).toEqual([{ email: citizenUser.email, method: "CLERK" }]);
    await clerk.request(LINK, { payerId: payer.id, email: citizenUser.email });
    const unlinked = await clerk.request(UNLINK, { payerId: payer.id, email: citizenUser.email });
    expect(unlinked.data!.unlinkPayerAccount.payer.linkedAccounts).toEqual([]);
    const again = await clerk.request(UNLINK, { payerId: payer.id, email: citizenUser.email });
    expect(fieldErrors(again.data!.unlinkPayerAccount)).toEqual(["email:NOT_LINKED"]);
    const actions = await app.database.prisma.auditLogEntry.findMany({
      where: { subjectId: decodeId(payer.id) },
      select: { action: true },
    });
    expect(actions.map((a) => a.action).sort()).toEqual(["payer.account-linked", "payer.account-unlinked", "payer.created"]);
  });
});

function decodeId(gid: string): string {
  return Buffer.from(gid, "base64").toString().split(":").slice(1).join(":");
}

describe("assessments", () => {
  it("creates one with 3 equal monthly installments, a generated VS and a one-time access code stored hashed", async () => {
    const payer = await newPayer("Splátková");
    const result = await create(payer.id, {
      kind: "FINE",
      amount: "1000.00",
      installmentCount: 3,
      firstDueDate: "2027-01-31",
      generateAccessCode: true,
    });
    expect(result.assessment.installments.map((i: { amount: string; dueDate: string }) => [i.amount, i.dueDate])).toEqual([
      ["334.00", "2027-01-31"],
      ["333.00", "2027-02-28"],
      ["333.00", "2027-03-31"],
    ]);
    expect(result.assessment).toMatchObject({ amount: "1000.00", dueDate: "2027-03-31", status: "UNPAID", variableSymbol: "42600001" });
    expect(result.accessCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const stored = await app.database.prisma.assessment.findFirstOrThrow({ where: { id: decodeId(result.assessment.id) } });
    expect(stored.accessCodeHash).toBe(hashAccessCode(result.accessCode));
    // The next generated VS of the kind follows the sequence.
    expect((await create(payer.id, { kind: "FINE" })).assessment.variableSymbol).toBe("42600002");
    // The code is shown once: the payer detail never carries it.
    expect(JSON.stringify((await clerk.request(PAYER, { id: payer.id })).data)).not.toContain(result.accessCode);
  });

  it("refuses bad input with field errors", async () => {
    const payer = await newPayer("Chybová");
    const cases: [Record<string, unknown>, string[]][] = [
      [{ subject: "" }, ["subject:TOO_SMALL"]],
      [{ subject: "x".repeat(201) }, ["subject:TOO_BIG"]],
      [{ amount: "-5.00" }, ["amount:CUSTOM"]],
      [{ amount: "0.00" }, ["amount:CUSTOM"]],
      [{ variableSymbol: "12AB" }, ["variableSymbol:INVALID_FORMAT"]],
      [{ constantSymbol: "12345678901" }, ["constantSymbol:INVALID_FORMAT"]],
      [{ year: 1999 }, ["year:TOO_SMALL"]],
      [{ installmentCount: 25 }, ["installmentCount:TOO_BIG"]],
      [{ firstDueDate: null }, ["firstDueDate:REQUIRED"]],
      [
        {
          installments: [
            { amount: "400.00", dueDate: "2026-05-31" },
            { amount: "400.00", dueDate: "2026-06-30" },
          ],
        },
        ["installments:INSTALLMENTS_SUM"],
      ],
      [
        {
          installments: [
            { amount: "450.00", dueDate: "2026-06-30" },
            { amount: "450.00", dueDate: "2026-05-31" },
          ],
        },
        ["installments.1.dueDate:INSTALLMENTS_ORDER"],
      ],
      [{ periodFrom: "2026-12-31", periodTo: "2026-01-01" }, ["periodTo:PERIOD_ORDER"]],
      [{ bankAccountId: "00000000-0000-4000-8000-000000000000" }, ["bankAccountId:UNKNOWN"]],
    ];
    for (const [input, expected] of cases) {
      const result = await create(payer.id, input);
      expect(fieldErrors(result), JSON.stringify(input)).toEqual(expected);
    }
    const negative = await create(payer.id, { amount: "-5.00" });
    expect(negative.fieldErrors[0].message).toBe("Částka musí být kladná.");
    const sum = await create(payer.id, { installments: [{ amount: "400.00", dueDate: "2026-05-31" }] });
    expect(sum.fieldErrors[0].message).toBe("Splátky dávají dohromady 400,00 Kč, předpis je na 900,00 Kč.");
    // 25 explicit installments: refused by the list limit before anything runs.
    const many = Array.from({ length: 25 }, (_, i) => ({ amount: "36.00", dueDate: `2027-${String((i % 12) + 1).padStart(2, "0")}-01` }));
    const tooMany = await clerk.request(CREATE, {
      payerId: payer.id,
      input: { kind: "OTHER", subject: "x", year: 2026, amount: "900.00", installments: many },
    });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await app.database.prisma.assessment.count({ where: { payerId: decodeId(payer.id) } })).toBe(0);
  });

  it("refuses a VS already used for the kind, also when two clerks save it at once", async () => {
    const payer = await newPayer("Duplicitní");
    await create(payer.id, { variableSymbol: "5500001" });
    const taken = await create(payer.id, { variableSymbol: "5500001" });
    expect(fieldErrors(taken)).toEqual(["variableSymbol:TAKEN"]);
    expect(taken.fieldErrors[0].message).toBe("Tento variabilní symbol už je použitý u jiného předpisu stejného druhu.");
    // The same VS for another kind is fine (unique per municipality and kind).
    expect((await create(payer.id, { variableSymbol: "5500001", kind: "DOG_FEE" })).assessment.variableSymbol).toBe("5500001");

    const racing = await Promise.all([create(payer.id, { variableSymbol: "5500777" }), create(payer.id, { variableSymbol: "5500777" })]);
    expect(racing.filter((r) => r.assessment).length).toBe(1);
    expect(racing.flatMap((r) => fieldErrors(r))).toEqual(["variableSymbol:TAKEN"]);
    // Generated symbols racing: both succeed with different symbols.
    const generated = await Promise.all([create(payer.id, { kind: "ADMIN_FEE" }), create(payer.id, { kind: "ADMIN_FEE" })]);
    expect(new Set(generated.map((r) => r.assessment.variableSymbol)).size).toBe(2);
  });

  it("records a cash desk payment, paired MANUAL, with a clear error for a non-positive amount", async () => {
    const payer = await newPayer("Hotovostní");
    const { assessment } = await create(payer.id, {});
    const zero = await clerk.request(CASH, {
      input: { assessmentId: assessment.id, amount: "0.00", receivedOn: "2026-12-05", receiptNumber: "P-1" },
    });
    expect(fieldErrors(zero.data!.recordCashPayment)).toEqual(["amount:CUSTOM"]);
    expect(zero.data!.recordCashPayment.fieldErrors[0].message).toBe("Částka musí být kladná.");
    const future = await clerk.request(CASH, {
      input: { assessmentId: assessment.id, amount: "1.00", receivedOn: "2026-12-07", receiptNumber: "P-1" },
    });
    expect(fieldErrors(future.data!.recordCashPayment)).toEqual(["receivedOn:FUTURE"]);
    const paid = await clerk.request(CASH, {
      input: { assessmentId: assessment.id, amount: "400.00", receivedOn: "2026-12-05", receiptNumber: "P-2026-0042" },
    });
    expect(paid.data!.recordCashPayment.assessment).toMatchObject({
      status: "PARTLY_PAID",
      paid: "400.00",
      remaining: "500.00",
      payments: [{ amount: "400.00", receivedOn: "2026-12-05", source: "CASH_DESK" }],
    });
    const payment = await app.database.prisma.payment.findFirstOrThrow({
      where: { reference: "P-2026-0042" },
      include: { allocations: true },
    });
    expect(payment).toMatchObject({ source: "CASH_DESK", amount: 40_000n, variableSymbol: assessment.variableSymbol });
    expect(payment.allocations.map((a) => [a.method, a.amount])).toEqual([["MANUAL", 40_000n]]);
    expect(await app.database.prisma.auditLogEntry.count({ where: { subjectId: payment.id, action: "payment.cash-desk-recorded" } })).toBe(
      1,
    );
    // Once paired, amount and installments are frozen.
    const edit = await clerk.request(UPDATE, { id: assessment.id, input: { subject: "x", amount: "950.00", firstDueDate: "2026-05-31" } });
    expect(fieldErrors(edit.data!.updateAssessment)).toEqual(["amount:PAIRED"]);
  });

  it("edits amount and installments while nothing is paired", async () => {
    const payer = await newPayer("Opravovaná");
    const { assessment } = await create(payer.id, {});
    const edited = await clerk.request(UPDATE, {
      id: assessment.id,
      input: { subject: "Odpad 2026", amount: "1200.00", installmentCount: 2, firstDueDate: "2026-05-31" },
    });
    expect(edited.data!.updateAssessment.assessment).toEqual({
      amount: "1200.00",
      installments: [
        { amount: "600.00", dueDate: "2026-05-31" },
        { amount: "600.00", dueDate: "2026-06-30" },
      ],
    });
  });

  it("cancels (paid money becomes credit) and writes off, only active ones, with a reason, audited", async () => {
    const payer = await newPayer("Rušená");
    const { assessment } = await create(payer.id, {});
    await clerk.request(CASH, { input: { assessmentId: assessment.id, amount: "100.00", receivedOn: "2026-12-01", receiptNumber: "P-9" } });
    const noReason = await clerk.request(CANCEL, { id: assessment.id, reason: " " });
    expect(fieldErrors(noReason.data!.cancelAssessment)).toEqual(["reason:TOO_SMALL"]);
    const cancelled = await clerk.request(CANCEL, { id: assessment.id, reason: "Vystaveno omylem" });
    expect(cancelled.data!.cancelAssessment.assessment).toEqual({
      status: "CANCELLED",
      credit: "100.00",
      remaining: "0.00",
      lifecycleReason: "Vystaveno omylem",
    });
    const twice = await clerk.request(WRITE_OFF, { id: assessment.id, reason: "Nedobytné" });
    expect(fieldErrors(twice.data!.writeOffAssessment)).toEqual(["id:NOT_ACTIVE"]);
    const cash = await clerk.request(CASH, {
      input: { assessmentId: assessment.id, amount: "1.00", receivedOn: "2026-12-01", receiptNumber: "P-10" },
    });
    expect(fieldErrors(cash.data!.recordCashPayment)).toEqual(["assessmentId:NOT_ACTIVE"]);

    const second = (await create(payer.id, {})).assessment;
    await clerk.request(CASH, { input: { assessmentId: second.id, amount: "300.00", receivedOn: "2026-12-01", receiptNumber: "P-11" } });
    const writtenOff = await clerk.request(WRITE_OFF, { id: second.id, reason: "Nedobytné" });
    expect(writtenOff.data!.writeOffAssessment.assessment).toEqual({ status: "WRITTEN_OFF", paid: "300.00", remaining: "0.00" });
    const actions = await app.database.prisma.auditLogEntry.findMany({
      where: { subjectId: { in: [decodeId(assessment.id), decodeId(second.id)] } },
      select: { action: true },
    });
    expect(actions.map((a) => a.action).sort()).toEqual([
      "assessment.cancelled",
      "assessment.created",
      "assessment.created",
      "assessment.written-off",
    ]);
    const foreign = await createAssessment(app, {
      id: foreignPayerId,
      municipalityId: (await app.database.prisma.payer.findUniqueOrThrow({ where: { id: foreignPayerId } })).municipalityId,
    });
    const forged = await clerk.request(CANCEL, { id: encodeGlobalID("Assessment", foreign.id), reason: "x" });
    expect(forged.data!.cancelAssessment.code).toBe("NOT_FOUND");
    expect((await app.database.prisma.assessment.findUniqueOrThrow({ where: { id: foreign.id } })).lifecycle).toBe("ACTIVE");
  });

  it("shows the clerk exactly what the citizen sees of the same assessment, in one statement for the detail", async () => {
    const payer = await newPayer("Sdílená");
    await clerk.request(LINK, { payerId: payer.id, email: citizenUser.email });
    const { assessment } = await create(payer.id, {
      kind: "DOG_FEE",
      amount: "600.00",
      installmentCount: 2,
      firstDueDate: "2026-10-31",
      constantSymbol: "0308",
    });
    await clerk.request(CASH, {
      input: { assessmentId: assessment.id, amount: "200.00", receivedOn: "2026-10-20", receiptNumber: "P-12" },
    });
    const citizenView = await citizen.request(`{ personalAccount { assessments { ${ASSESSMENT_FIELDS} } } }`);
    const mine = citizenView.data!.personalAccount.assessments.find((a: { id: string }) => a.id === assessment.id);
    app.queries.length = 0;
    const clerkView = (await clerk.request(PAYER, { id: payer.id })).data!.financePayer;
    // The session (2), the payer, and its links with every assessment in one statement, however many.
    expect(app.queries.length, app.queries.join("\n")).toBe(4);
    for (let i = 0; i < 5; i++) await create(payer.id, { amount: `${100 + i}.00` });
    app.queries.length = 0;
    expect((await clerk.request(PAYER, { id: payer.id })).data!.financePayer.assessments.length).toBe(6);
    expect(app.queries.length).toBe(4);
    const { externalId, ...same } = clerkView.assessments.find((a: { id: string }) => a.id === assessment.id);
    expect(externalId).toBeNull();
    expect(same).toEqual(mine);
    // 300 due 31 Oct (a Saturday: 2 Nov) and 300 due 30 Nov, both past on 6 Dec: 400 of what remains is overdue.
    expect(mine).toMatchObject({ status: "PARTLY_PAID", paid: "200.00", overdue: "400.00" });
    expect(clerkView.linkedAccounts).toEqual([{ email: citizenUser.email, fullName: "Marie Veselá", method: "CLERK" }]);
  });
});
