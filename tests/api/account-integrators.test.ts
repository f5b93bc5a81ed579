// The accounting system's assessments API: upsert by external id (per-item results, replay unchanged,
// restrictions once paid) with scope assessments:write, and the incremental read with assessments:read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { apiTokenClient, createMunicipality } from "../kit/factories.ts";
import type { Client } from "../kit/graphql.ts";

const UPSERT = /* GraphQL */ `
  mutation ($input: [AssessmentUpsertInput!]!) {
    upsertAssessments(input: $input) {
      externalId
      status
      assessment {
        id
        variableSymbol
        amount
        status
        paid
        externalId
        installments {
          amount
          dueDate
        }
      }
      fieldErrors {
        path
        code
        message
      }
    }
  }
`;
const READ = /* GraphQL */ `
  query ($updatedSince: DateTime, $after: String, $first: Int) {
    assessments(updatedSince: $updatedSince, after: $after, first: $first) {
      edges {
        cursor
        node {
          externalId
          variableSymbol
          status
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

let app: TestApp;
let writer: Client;
let reader: Client;
let otherWriter: Client;
let town: Awaited<ReturnType<typeof createMunicipality>>;

const item = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId,
  payer: { externalId: "PAYER-1", name: "Jan Účetní", kind: "PERSON", address: "Náves 2" },
  kind: "WASTE_FEE",
  subject: "Poplatek za odpad 2026",
  year: 2026,
  amount: "900.00",
  firstDueDate: "2026-05-31",
  ...extra,
});

beforeAll(async () => {
  app = await createTestApp();
  app.clock.set("2026-12-06T09:00:00Z");
  town = await createMunicipality(app);
  const host = town.hosts[0]!.hostname;
  writer = await apiTokenClient(app, town.id, ["assessments:write"], host);
  reader = await apiTokenClient(app, town.id, ["assessments:read"], host);
  const other = await createMunicipality(app);
  otherWriter = await apiTokenClient(app, other.id, ["assessments:write"], other.hosts[0]!.hostname);
});

afterAll(() => app?.close());

async function upsert(items: unknown[], client = writer) {
  const response = await client.request(UPSERT, { input: items });
  expect(response.errors).toBeUndefined();
  return response.data!.upsertAssessments as {
    externalId: string;
    status: string;
    assessment: Record<string, any> | null;
    fieldErrors: { path: string[]; code: string; message: string }[];
  }[];
}

describe("upsertAssessments", () => {
  it("needs the assessments:write scope", async () => {
    const response = await reader.request(UPSERT, { input: [item("A-0")] });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("creates payer and assessments, reports each item, and a replay changes nothing", async () => {
    const batch = [
      item("A-1", { variableSymbol: "1260001" }),
      item("A-2", { amount: "-1.00" }),
      item("A-3", {
        installments: [
          { amount: "300.00", dueDate: "2026-03-31" },
          { amount: "600.00", dueDate: "2026-09-30" },
        ],
      }),
    ];
    const first = await upsert(batch);
    expect(first.map((r) => [r.externalId, r.status])).toEqual([
      ["A-1", "CREATED"],
      ["A-2", "FAILED"],
      ["A-3", "CREATED"],
    ]);
    expect(first[1]!.fieldErrors.map((e) => `${e.path.join(".")}:${e.code}`)).toEqual(["amount:CUSTOM"]);
    expect(first[0]!.assessment).toMatchObject({ variableSymbol: "1260001", amount: "900.00", status: "UNPAID", externalId: "A-1" });
    expect(first[2]!.assessment!.variableSymbol).toBe("12600001");
    expect(await app.database.prisma.payer.count({ where: { municipalityId: town.id, externalId: "PAYER-1" } })).toBe(1);

    const auditBefore = await app.database.prisma.auditLogEntry.count({ where: { municipalityId: town.id } });
    const updatedBefore = await app.database.prisma.assessment.findMany({
      where: { municipalityId: town.id },
      select: { updatedAt: true },
    });
    const replay = await upsert(batch);
    expect(replay.map((r) => r.status)).toEqual(["UNCHANGED", "FAILED", "UNCHANGED"]);
    expect(await app.database.prisma.auditLogEntry.count({ where: { municipalityId: town.id } })).toBe(auditBefore);
    const updatedAfter = await app.database.prisma.assessment.findMany({ where: { municipalityId: town.id }, select: { updatedAt: true } });
    expect(updatedAfter).toEqual(updatedBefore);
  });

  it("updates by external id; once paid, the amount can't go below what is paid and VS/kind/payer are frozen", async () => {
    const [created] = await upsert([item("B-1", { variableSymbol: "1260101" })]);
    const changed = await upsert([item("B-1", { variableSymbol: "1260101", amount: "1000.00" })]);
    expect(changed[0]).toMatchObject({
      status: "UPDATED",
      assessment: { amount: "1000.00", installments: [{ amount: "1000.00", dueDate: "2026-05-31" }] },
    });
    const assessmentId = Buffer.from(created!.assessment!.id, "base64").toString().split(":")[1]!;
    await app.database.prisma.payment.create({
      data: {
        municipalityId: town.id,
        source: "BANK_STATEMENT",
        amount: 60_000n,
        receivedOn: new Date("2026-05-01T00:00:00Z"),
        allocations: { create: { assessmentId, amount: 60_000n, method: "AUTO" } },
      },
    });
    const below = await upsert([item("B-1", { variableSymbol: "1260102", kind: "DOG_FEE", amount: "500.00" })]);
    expect(below[0]!.status).toBe("FAILED");
    expect(below[0]!.fieldErrors.map((e) => `${e.path.join(".")}:${e.code}`)).toEqual([
      "kind:PAIRED",
      "variableSymbol:PAIRED",
      "amount:BELOW_PAID",
    ]);
    expect(below[0]!.fieldErrors[2]).toMatchObject({ message: "Částka nesmí být nižší než už zaplacených 600,00 Kč." });
    const allowed = await upsert([item("B-1", { variableSymbol: "1260101", amount: "600.00" })]);
    expect(allowed[0]).toMatchObject({ status: "UPDATED", assessment: { amount: "600.00", paid: "600.00", status: "PAID" } });
  });

  it("refuses a VS already used for the kind by another assessment, and 101 items", async () => {
    await upsert([item("C-1", { variableSymbol: "1260201" })]);
    const taken = await upsert([item("C-2", { variableSymbol: "1260201" })]);
    expect(taken[0]!.fieldErrors.map((e) => `${e.path.join(".")}:${e.code}`)).toEqual(["variableSymbol:TAKEN"]);
    const tooMany = await writer.request(UPSERT, { input: Array.from({ length: 101 }, (_, i) => item(`D-${i}`)) });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("creates one payer and one assessment when the same new item arrives twice at once", async () => {
    const batch = [item("E-1", { payer: { externalId: "PAYER-E", name: "Souběžný", kind: "HOUSEHOLD" } })];
    const results = await Promise.all([upsert(batch), upsert(batch)]);
    expect(results.map((r) => r[0]!.status).sort()).toEqual(["CREATED", "UNCHANGED"]);
    expect(new Set(results.map((r) => r[0]!.assessment!.id)).size).toBe(1);
    expect(await app.database.prisma.assessment.count({ where: { municipalityId: town.id, externalId: "E-1" } })).toBe(1);
    expect(await app.database.prisma.payer.count({ where: { municipalityId: town.id, externalId: "PAYER-E" } })).toBe(1);
  });

  it("keeps towns apart: the same external ids in another town are other records", async () => {
    const [result] = await upsert([item("A-1", { variableSymbol: "1260001" })], otherWriter);
    expect(result!.status).toBe("CREATED");
    expect(await app.database.prisma.assessment.count({ where: { externalId: "A-1" } })).toBe(2);
  });
});

describe("assessments (incremental read)", () => {
  it("needs the assessments:read scope", async () => {
    const response = await writer.request(READ, {});
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("pages through changes in (updatedAt, id) order and sees later changes after the last instant", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const response: { errors?: unknown; data?: any } = await reader.request(READ, { first: 2, after });
      expect(response.errors).toBeUndefined();
      const page: { edges: { node: { externalId: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } =
        response.data!.assessments;
      seen.push(...page.edges.map((e: { node: { externalId: string } }) => e.node.externalId));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(["A-1", "A-3", "B-1", "C-1", "E-1"]);
    const last = await reader.request(READ, { first: 100 });
    const lastInstant = last.data!.assessments.edges.at(-1).node.updatedAt;
    app.clock.set("2026-12-06T10:00:00Z");
    await upsert([item("A-3", { amount: "950.00", installments: null })]);
    const since = await reader.request(READ, { updatedSince: lastInstant });
    expect(since.data!.assessments.edges.map((e: { node: { externalId: string } }) => e.node.externalId)).toEqual(["A-3"]);
  });
});
