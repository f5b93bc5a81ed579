// The confirmation of payment (PDF): only for a signed-in citizen linked to a payer the payment is paired with;
// another user's payment, another town's, a reversed pairing and a nonexistent id all answer the same 404.
import type { FastifyInstance } from "fastify";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { apiTokenClient, createAssessment, createMunicipality, createPayer, createUser, signedInClient } from "../kit/factories.ts";
import type { Client } from "../kit/graphql.ts";

let app: TestApp;
let server: FastifyInstance;
let town: Awaited<ReturnType<typeof createMunicipality>> & { host: string };
let other: Awaited<ReturnType<typeof createMunicipality>> & { host: string };
let owner: Client;
let neighbour: Client;
let ownerInOtherTown: Client;
const ids: Record<string, string> = {};

async function pay(
  municipalityId: string,
  amount: number,
  date: string,
  allocations: { assessmentId: string; amount: number }[],
  extra: { source?: "BANK_STATEMENT" | "CARD" | "CASH_DESK"; variableSymbol?: string; reference?: string } = {},
) {
  const payment = await app.database.prisma.payment.create({
    data: {
      municipalityId,
      source: extra.source ?? "BANK_STATEMENT",
      amount: BigInt(amount),
      receivedOn: new Date(`${date}T00:00:00Z`),
      variableSymbol: extra.variableSymbol ?? null,
      reference: extra.reference ?? null,
      allocations: {
        create: allocations.map((a) => ({ assessmentId: a.assessmentId, amount: BigInt(a.amount), method: "AUTO" as const })),
      },
    },
  });
  return payment.id;
}

beforeAll(async () => {
  app = await createTestApp();
  server = await buildServer(app);
  app.clock.set("2026-12-06T09:00:00Z");
  const created = await createMunicipality(app, { name: "Obec Lipnice nad Sázavou" });
  town = { ...created, host: created.hosts[0]!.hostname };
  const second = await createMunicipality(app, { name: "Obec Druhá" });
  other = { ...second, host: second.hosts[0]!.hostname };

  const user = await createUser(app, town.id);
  const jana = await createPayer(app, town.id, { name: "Jana Nováková", userIds: [user.id] });
  const pavel = await createPayer(app, town.id, { name: "Pavel Novák", userIds: [user.id] });
  const dog = await createAssessment(app, jana, {
    kind: "DOG_FEE",
    subject: "Poplatek ze psů 2026 – Alík",
    amount: 60_000,
    variableSymbol: "2104201",
  });
  const waste = await createAssessment(app, pavel, { subject: "Poplatek za odpad 2026", amount: 90_000, variableSymbol: "1104202" });
  ids.own = await pay(town.id, 60_000, "2026-03-20", [{ assessmentId: dog.id, amount: 60_000 }], { variableSymbol: "2104201" });
  // One card payment for two payers' assessments (both linked to the user).
  ids.split = await pay(
    town.id,
    150_000,
    "2026-05-02",
    [
      { assessmentId: dog.id, amount: 60_000 },
      { assessmentId: waste.id, amount: 90_000 },
    ],
    { source: "CARD" },
  );

  const neighbourUser = await createUser(app, town.id);
  const stranger = await createPayer(app, town.id, { name: "Soused Sousedský", userIds: [neighbourUser.id] });
  const strangerAssessment = await createAssessment(app, stranger, { amount: 10_000 });
  ids.neighbours = await pay(town.id, 10_000, "2026-04-01", [{ assessmentId: strangerAssessment.id, amount: 10_000 }]);
  ids.unpaired = await pay(town.id, 5_000, "2026-04-02", []);
  ids.reversed = await pay(town.id, 60_000, "2026-04-03", [{ assessmentId: dog.id, amount: 60_000 }]);
  await app.database.prisma.paymentAllocation.updateMany({
    where: { paymentId: ids.reversed },
    data: { reversedAt: app.clock.now(), reversalReason: "wrong pairing" },
  });

  // The same person has an account in another town, linked to a payer there.
  const otherUser = await createUser(app, other.id, { email: user.email });
  const otherPayer = await createPayer(app, other.id, { name: "Jana Nováková", userIds: [otherUser.id] });
  const otherAssessment = await createAssessment(app, otherPayer, { amount: 20_000 });
  ids.otherTown = await pay(other.id, 20_000, "2026-04-04", [{ assessmentId: otherAssessment.id, amount: 20_000 }]);

  owner = await signedInClient(app, user, town.host);
  neighbour = await signedInClient(app, neighbourUser, town.host);
  ownerInOtherTown = await signedInClient(app, otherUser, other.host);
});

afterAll(async () => {
  await server.close();
  await app.close();
});

const url = (id: string, query = "") => `/api/osobni-ucet/platby/${id}/potvrzeni.pdf${query}`;

/** A download as a browser link does it: cookies only, no CSRF header. */
function download(id: string, as: Client | null, host = town.host, query = "") {
  const headers: Record<string, string> = { host, "accept-language": "cs" };
  if (as?.cookies.size) headers.cookie = [...as.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
  if (as?.bearer) headers.authorization = `Bearer ${as.bearer}`;
  return server.inject({ url: url(id, query), headers });
}

async function pdfText(body: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, " ");
  } finally {
    await parser.destroy();
  }
}

describe("confirmation of payment (potvrzení o zaplacení)", () => {
  it("gives the owner a PDF with the town, payer, assessment, amount, date, source and VS", async () => {
    const response = await download(ids.own!, owner);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["cache-control"]).toBe("private, no-store");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="potvrzeni-o-zaplaceni-2026-03-20-${ids.own!.slice(0, 8)}.pdf"`,
    );
    const text = await pdfText(response.rawPayload);
    for (const expected of [
      "Obec Lipnice nad Sázavou",
      `IČO: ${town.ico}`,
      "Potvrzení o zaplacení",
      "Jana Nováková",
      "Poplatek ze psů 2026 – Alík (VS 2104201, rok 2026)",
      "600,00 Kč",
      "20. 3. 2026",
      "Bankovní převod",
      "Variabilní symbol 2104201",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("Pavel Novák");
  });

  it("lists both payers and both assessments of a split card payment, in English on request", async () => {
    const text = await pdfText((await download(ids.split!, owner, town.host, "?lang=en")).rawPayload);
    for (const expected of ["Confirmation of payment", "Jana Nováková", "Pavel Novák", "Payment card", "1,500.00 CZK", "900.00 CZK"]) {
      expect(text).toContain(expected);
    }
  });

  it("gives the receipt URL with each payment of the personal account", async () => {
    const response = await owner.request(`{ personalAccount { assessments { variableSymbol payments { receiptUrl } } } }`);
    const dog = response.data!.personalAccount.assessments.find((a: { variableSymbol: string }) => a.variableSymbol === "2104201");
    expect(dog.payments.map((p: { receiptUrl: string }) => p.receiptUrl)).toEqual([url(ids.own!), url(ids.split!)]);
  });

  it("answers 404 for another user's payment, an unpaired or reversed one, another town's and a nonexistent id", async () => {
    const notFound = async (id: string, as: Client, host = town.host) => {
      const response = await download(id, as, host);
      expect(response.statusCode, id).toBe(404);
      expect(response.headers["content-type"]).toMatch(/json/);
      expect(response.json().errors[0].extensions.code).toBe("NOT_FOUND");
      return response.body;
    };
    const bodies = [
      await notFound(ids.neighbours!, owner),
      await notFound(ids.unpaired!, owner),
      await notFound(ids.reversed!, owner),
      await notFound(ids.otherTown!, owner),
      await notFound("00000000-0000-4000-8000-000000000000", owner),
      await notFound("not-a-uuid", owner),
      await notFound(ids.own!, neighbour),
    ];
    expect(new Set(bodies).size).toBe(1);
    // Another town's payment asked for on its own host by the owner's account in this town: the cookie is not
    // valid there. Asked by the account of that town, it is served.
    expect((await download(ids.own!, ownerInOtherTown, other.host)).statusCode).toBe(404);
    expect((await download(ids.otherTown!, ownerInOtherTown, other.host)).statusCode).toBe(200);
  });

  it("answers 401 without a session and for an integrator's token", async () => {
    expect((await download(ids.own!, null)).statusCode).toBe(401);
    const token = await apiTokenClient(app, town.id, ["registers:write"], town.host);
    expect((await download(ids.own!, token)).statusCode).toBe(401);
  });
});
