import type { FastifyInstance } from "fastify";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { apiTokenClient, createMunicipality, createNotice, createUser, signedInClient } from "../kit/factories.ts";
import type { Client } from "../kit/graphql.ts";

// 1 December 2026, 00:00 in Prague (CET, UTC+1).
const DEC_1_MIDNIGHT = "2026-11-30T23:00:00.000Z";

let app: TestApp;
let server: FastifyInstance;
let town: Awaited<ReturnType<typeof createMunicipality>> & { host: string };
let other: Awaited<ReturnType<typeof createMunicipality>> & { host: string };
let clerk: { id: string; fullName: string; municipalityId: string };
let notice: Awaited<ReturnType<typeof createNotice>>;
/** Who asks: people sign in afresh at the clock's current time (test sessions last a day); tokens do not expire. */
type Actor = { user: { id: string; municipalityId: string }; host: string } | { token: Client };
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  app = await createTestApp();
  server = await buildServer(app);
  const created = await createMunicipality(app, { name: "Město Žďárec nad Sázavou" });
  town = { ...created, host: created.hosts[0]!.hostname };
  const second = await createMunicipality(app, { name: "Obec Druhá" });
  other = { ...second, host: second.hosts[0]!.hostname };

  clerk = await createUser(app, town.id, { role: "CLERK", agendas: ["NOTICES"], fullName: "Jiřina Řeháková" });
  const approver = await createUser(app, town.id, { role: "CLERK", agendas: ["NOTICES"], fullName: "Čeněk Šťastný" });
  const registersClerk = await createUser(app, town.id, { role: "CLERK", agendas: ["REGISTERS"] });
  const admin = await createUser(app, town.id, { role: "ADMIN" });
  const citizen = await createUser(app, town.id, { role: "CITIZEN" });
  const otherClerk = await createUser(app, other.id, { role: "CLERK", agendas: ["NOTICES"] });
  actors.clerk = { user: clerk, host: town.host };
  actors.admin = { user: admin, host: town.host };
  actors.registersClerk = { user: registersClerk, host: town.host };
  actors.citizen = { user: citizen, host: town.host };
  actors.otherClerk = { user: otherClerk, host: other.host };
  actors.noticesToken = { token: await apiTokenClient(app, town.id, ["notices:write"], town.host) };
  actors.registersToken = { token: await apiTokenClient(app, town.id, ["registers:write"], town.host) };

  app.clock.set("2026-11-28T10:00:00Z");
  notice = await createNotice(app, town.id, {
    title: "Veřejná vyhláška – záměr prodeje pozemku č. 1234/5",
    category: "PROPERTY_INTENTS",
    originator: "Městský úřad Žďárec",
    referenceNumber: "MÚŽ/456/2026",
    fileMark: "SZ MÚŽ 78/2026",
    postedAt: DEC_1_MIDNIGHT,
    relevantUntil: "2026-12-16",
    createdById: clerk.id,
    approvedById: approver.id,
    attachments: [{ fileName: "Záměr.pdf" }],
  });
});
afterAll(async () => {
  await server.close();
  await app.close();
});

const url = (id: string) => `/api/uredni-deska/${id}/potvrzeni.pdf`;

/** A download as a browser link does it: cookies only, no CSRF header (or a bearer token for integrators). */
async function download(id: string, actor: Actor | null, host = town.host, extraHeaders: Record<string, string> = {}) {
  const as = !actor ? null : "token" in actor ? actor.token : await signedInClient(app, actor.user, actor.host);
  const headers: Record<string, string> = { host, ...extraHeaders };
  if (as?.cookies.size) headers.cookie = [...as.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
  if (as?.bearer) headers.authorization = `Bearer ${as.bearer}`;
  return server.inject({ url: url(id), headers });
}

async function pdfText(body: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, " ");
  } finally {
    await parser.destroy();
  }
}

describe("confirmation of posting (potvrzení o vyvěšení) as PDF", () => {
  it("states the authority, the notice, its posting window and its evidence, with Czech diacritics", async () => {
    app.clock.set("2026-12-05T08:30:00Z");
    const response = await download(notice.id, actors.clerk!);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe(`attachment; filename="potvrzeni-o-vyveseni-${notice.id}.pdf"`);
    expect(response.headers["cache-control"]).toBe("private, no-store");
    expect(response.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const text = await pdfText(response.rawPayload);
    for (const expected of [
      "Město Žďárec nad Sázavou",
      `IČO: ${town.ico}`,
      "Potvrzení o vyvěšení",
      "Veřejná vyhláška – záměr prodeje pozemku č. 1234/5",
      "MÚŽ/456/2026",
      "SZ MÚŽ 78/2026",
      "Městský úřad Žďárec",
      "Záměry obce",
      // Posted at 00:00 Prague time; still posted on 5 December, take-down at 17 December 00:00.
      "Vyvěšeno 1. 12. 2026 0:00:00",
      "Relevantní do 16. 12. 2026",
      "dosud vyvěšeno (sejmutí naplánováno na 17. 12. 2026 0:00:00)",
      "Záměr.pdf",
      "Vytvořeno – Jiřina Řeháková",
      "Schváleno k vyvěšení – Čeněk Šťastný",
      "vyvěšení 1. 12. 2026 0:00:00, sejmutí 17. 12. 2026 0:00:00",
      "Revize 1",
      "Vygenerováno 5. 12. 2026 9:30:00",
      "Razítko a podpis odpovědné osoby",
    ]) {
      expect(text).toContain(expected);
    }
    // Long tokens (the URL, the attachment's hash) may wrap at a hyphen.
    const unwrapped = text.replace(/\s/g, "");
    expect(unwrapped).toContain(`http://${town.host}/uredni-deska/${notice.id}`);
    expect(unwrapped).toContain(`SHA-256${notice.attachments[0]!.file.sha256}`);
  });

  it("gives the take-down moment once the notice is down, and the withdrawal with its reason", async () => {
    app.clock.set("2026-12-20T10:00:00Z");
    const taken = await pdfText((await download(notice.id, actors.clerk!)).rawPayload);
    expect(taken).toContain("Sejmuto 17. 12. 2026 0:00:00");
    expect(taken).not.toContain("dosud vyvěšeno");

    const withdrawn = await createNotice(app, town.id, {
      status: "WITHDRAWN",
      postedAt: DEC_1_MIDNIGHT,
      withdrawnAt: "2026-12-04T13:15:00Z",
      withdrawalReason: "Chybná příloha – nahrazeno opravou",
      approvedById: clerk.id,
    });
    const text = await pdfText((await download(withdrawn.id, actors.admin!)).rawPayload);
    expect(text).toContain("Vyvěšeno 1. 12. 2026 0:00:00");
    expect(text).toContain("Sejmuto 4. 12. 2026 14:15:00 – staženo předčasně, důvod: Chybná příloha – nahrazeno opravou");
    expect(text).toContain("Staženo z úřední desky – Jiřina Řeháková");

    const draft = await createNotice(app, town.id, { status: "DRAFT", postedAt: "2027-01-10T08:00:00Z" });
    expect(await pdfText((await download(draft.id, actors.clerk!)).rawPayload)).toContain("Vyvěšeno dosud neschváleno k vyvěšení");
  });

  it("can be had in English on request, for a foreign authority", async () => {
    const text = await pdfText((await download(notice.id, actors.clerk!, town.host, {})).rawPayload);
    expect(text).toContain("Potvrzení o vyvěšení");
    const english = await server.inject({
      url: `${url(notice.id)}?lang=en`,
      headers: { host: town.host, authorization: `Bearer ${(actors.noticesToken as { token: Client }).token.bearer}` },
    });
    expect(await pdfText(english.rawPayload)).toContain("Confirmation of posting");
  });

  it("is for clerks of the notices agenda, admins and integrators allowed to write notices", async () => {
    expect((await download(notice.id, actors.clerk!)).statusCode).toBe(200);
    expect((await download(notice.id, actors.admin!)).statusCode).toBe(200);
    expect((await download(notice.id, actors.noticesToken!)).statusCode).toBe(200);

    const anonymous = await download(notice.id, null, town.host, { "accept-language": "en" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().errors[0]).toEqual({ message: "Please log in.", extensions: { code: "UNAUTHENTICATED" } });
    for (const name of ["citizen", "registersClerk", "registersToken"]) {
      const response = await download(notice.id, actors[name]!);
      expect(response.statusCode, name).toBe(403);
      expect(response.json().errors[0].extensions.code).toBe("FORBIDDEN");
      expect(response.headers["content-type"]).toMatch(/application\/json/);
    }
    // A forged session, a wrong CSRF header or an unknown token are not a login.
    expect((await download(notice.id, null, town.host, { cookie: "portal_session=forged; portal_csrf=forged" })).statusCode).toBe(401);
    expect((await download(notice.id, actors.clerk!, town.host, { "x-csrf-token": "wrong" })).statusCode).toBe(401);
    expect((await download(notice.id, null, town.host, { authorization: "Bearer po_unknown" })).statusCode).toBe(401);
  });

  it("answers 404 for unknown, malformed or another municipality's notices, whoever asks", async () => {
    const foreign = await createNotice(app, other.id, { postedAt: DEC_1_MIDNIGHT });
    expect((await download(foreign.id, actors.clerk!)).statusCode).toBe(404);
    expect((await download(foreign.id, actors.admin!)).statusCode).toBe(404);
    expect((await download(foreign.id, actors.noticesToken!)).statusCode).toBe(404);
    expect((await download("00000000-0000-4000-8000-000000000000", actors.clerk!)).statusCode).toBe(404);
    expect((await download("not-a-uuid'--", actors.clerk!)).statusCode).toBe(404);
    // The other town's clerk sees its own notice on its own host, and nothing of ours there.
    expect((await download(foreign.id, actors.otherClerk!, other.host)).statusCode).toBe(200);
    expect((await download(notice.id, actors.otherClerk!, other.host)).statusCode).toBe(404);
    // Our clerk's session does not exist on the other town's host.
    expect((await download(foreign.id, actors.clerk!, other.host)).statusCode).toBe(401);
  });

  it("records who downloaded the confirmation in the audit log", async () => {
    app.clock.set("2026-12-21T10:00:00Z");
    await download(notice.id, actors.clerk!);
    const entry = await app.database.prisma.auditLogEntry.findFirst({
      where: { municipalityId: town.id, action: "notice.confirmation_downloaded", subjectId: notice.id, actorUserId: clerk.id },
      orderBy: { createdAt: "desc" },
    });
    expect(entry?.createdAt.toISOString()).toBe("2026-12-21T10:00:00.000Z");
    expect(entry?.subjectType).toBe("Notice");
  });
});
