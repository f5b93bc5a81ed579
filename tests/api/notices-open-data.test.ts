import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { FormatsPlugin } from "ajv-formats";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createNotice } from "../kit/factories.ts";

// 1 December 2026, 00:00 in Prague (CET, UTC+1).
const DEC_1_MIDNIGHT = "2026-11-30T23:00:00.000Z";
const ONE_SECOND_BEFORE = "2026-11-30T22:59:59.000Z";

let app: TestApp;
let server: FastifyInstance;

beforeAll(async () => {
  app = await createTestApp();
  server = await buildServer(app);
});
afterAll(async () => {
  await server.close();
  await app.close();
});

/** Each test gets its own town (own host), so other tests' notices never move its boundaries. */
async function town(name?: string) {
  const municipality = await createMunicipality(app, name ? { name } : {});
  return { ...municipality, host: municipality.hosts[0]!.hostname };
}

async function openData(host: string, headers: Record<string, string> = {}, url = "/opendata/uredni-deska.jsonld") {
  const response = await server.inject({ url, headers: { host, ...headers } });
  return { response, body: response.statusCode === 200 ? (response.json() as Board) : null };
}

interface Board {
  "@context": string;
  typ: string;
  iri: string;
  stránka: string;
  provozovatel: { typ: string; ičo: string; název: { cs: string } };
  informace: Record<string, any>[];
}

const ids = (board: Board | null) => (board?.informace ?? []).map((item) => item.iri.split("/").pop());

// CommonJS plugins: required, so that the function itself is what we get (and ajv-formats-draft2019 has no types).
const require = createRequire(import.meta.url);
const addFormats = require("ajv-formats") as FormatsPlugin;
const addDraft2019Formats = require("ajv-formats-draft2019") as (ajv: Ajv2020, options: { formats: string[] }) => Ajv2020;

/**
 * Our own JSON Schema of the norm's requirements (tests/fixtures/ofn/uredni-deska.schema.json, see its README).
 * Strict mode: a typo in the schema (an unknown keyword, a misplaced one) fails here instead of silently checking nothing.
 * Except strictRequired, which wants each required member declared in the same schema object: the schema requires
 * members declared through `$ref` (a notice's `iri` comes from Věc) and "cs or en" in `anyOf` branches.
 */
function boardValidator() {
  const file = path.join(import.meta.dirname, "..", "fixtures", "ofn", "uredni-deska.schema.json");
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv, ["date", "date-time"]);
  // "iri" (RFC 3987) is a JSON Schema format that ajv-formats leaves out.
  addDraft2019Formats(ajv, { formats: ["iri"] });
  return ajv.compile(JSON.parse(fs.readFileSync(file, "utf8")));
}

describe("OFN Úřední desky open data", () => {
  it("describes the board and each posted notice as the norm defines, with stable IRIs and Prague dates", async () => {
    const { id: municipalityId, host, ico, name } = await town("Město Lipnice nad Sázavou");
    app.clock.set("2026-12-02T09:00:00Z");
    // 23:30 UTC on 30 November is already 1 December in Prague.
    const notice = await createNotice(app, municipalityId, {
      title: "Záměr prodeje pozemku p. č. 1234/5 v k. ú. Lipnice",
      description: "Obec zveřejňuje záměr prodat pozemek.",
      category: "PROPERTY_INTENTS",
      referenceNumber: "MÚ/123/2026",
      fileMark: "SZ 45/2026",
      postedAt: "2026-11-30T23:30:00Z",
      relevantUntil: "2026-12-20",
      attachments: [{ fileName: "Záměr prodeje.pdf" }, { fileName: "snímek mapy.png", mimeType: "image/png" }],
    });
    const bare = await createNotice(app, municipalityId, {
      description: "",
      referenceNumber: null,
      fileMark: null,
      postedAt: "2026-12-01T12:00:00Z",
    });

    const { response, body } = await openData(host);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/ld+json; charset=utf-8");
    expect(response.headers["access-control-allow-origin"]).toBe("*");
    const base = `http://${host}`;
    expect(body).toMatchObject({
      "@context": "https://ofn.gov.cz/úřední-desky/2021-07-20/kontexty/úřední-deska.jsonld",
      typ: "Úřední deska",
      iri: `${base}/opendata/uredni-deska`,
      stránka: `${base}/uredni-deska`,
      provozovatel: { typ: "Osoba", ičo: ico, název: { cs: name } },
    });
    // Newest first.
    expect(ids(body)).toEqual([bare.id, notice.id]);
    const [file1, file2] = notice.attachments.map((attachment) => attachment.file);
    expect(body!.informace[1]).toEqual({
      typ: ["Digitální objekt", "Informace na úřední desce"],
      iri: `${base}/uredni-deska/${notice.id}`,
      url: `${base}/uredni-deska/${notice.id}`,
      název: { cs: "Záměr prodeje pozemku p. č. 1234/5 v k. ú. Lipnice" },
      popis: { cs: "Obec zveřejňuje záměr prodat pozemek." },
      vyvěšení: { typ: "Časový okamžik", datum: "2026-12-01" },
      relevantní_do: { typ: "Časový okamžik", datum: "2026-12-20" },
      číslo_jednací: "MÚ/123/2026",
      spisová_značka: "SZ 45/2026",
      revize: "1",
      agenda: [{ typ: "Agenda", název: { cs: "Záměry obce" } }],
      dokument: [
        {
          typ: "Digitální objekt",
          název: { cs: "Záměr prodeje.pdf" },
          url: `${base}/soubory/${file1!.id}/Z%C3%A1m%C4%9Br%20prodeje.pdf`,
          typ_média: "http://www.iana.org/assignments/media-types/application/pdf",
        },
        {
          typ: "Digitální objekt",
          název: { cs: "snímek mapy.png" },
          url: `${base}/soubory/${file2!.id}/sn%C3%ADmek%20mapy.png`,
          typ_média: "http://www.iana.org/assignments/media-types/image/png",
        },
      ],
    });
    // Optional fields are left out rather than sent empty.
    expect(Object.keys(body!.informace[0]!).sort()).toEqual(
      ["typ", "iri", "url", "název", "vyvěšení", "relevantní_do", "revize", "agenda"].sort(),
    );
  });

  it("is valid against our schema of the norm (and the validator does reject a broken document)", async () => {
    const validate = boardValidator();
    const { id: municipalityId, host } = await town();
    app.clock.set("2026-12-02T09:00:00Z");
    await createNotice(app, municipalityId, {
      postedAt: "2026-12-01T08:00:00Z",
      attachments: [{ fileName: "Vyhláška č. 1/2026.pdf" }, { fileName: "mapa.png", mimeType: "image/png" }],
    });
    await createNotice(app, municipalityId, { description: "", referenceNumber: null, fileMark: null, postedAt: "2026-12-01T09:00:00Z" });
    await createNotice(app, municipalityId, {
      category: "OTHER_AUTHORITIES",
      title: 'Oznámení <b>"s"</b> & znaky',
      postedAt: "2026-12-02T08:00:00Z",
    });

    const { body } = await openData(host);
    expect(body!.informace).toHaveLength(3);
    expect(validate(body), JSON.stringify(validate.errors, null, 2)).toBe(true);

    const empty = await openData((await town()).host);
    expect(empty.body!.informace).toEqual([]);
    expect(validate(empty.body)).toBe(true);

    const broken = structuredClone(body!);
    broken.informace[0]!["vyvěšení"] = { typ: "Časový okamžik", datum: "1. 12. 2026" };
    delete broken.informace[1]!["relevantní_do"];
    broken.provozovatel.ičo = "1234";
    expect(validate(broken)).toBe(false);
    const failing = (validate.errors ?? []).map((error) => error.instancePath);
    expect(failing).toEqual(expect.arrayContaining(["/informace/0/vyvěšení/datum", "/informace/1", "/provozovatel/ičo"]));
  });

  it("shows a notice scheduled for 00:00 Prague time from 00:00:00, not at 23:59:59", async () => {
    const { id: municipalityId, host } = await town();
    const notice = await createNotice(app, municipalityId, { postedAt: DEC_1_MIDNIGHT });

    app.clock.set(ONE_SECOND_BEFORE);
    const before = await openData(host);
    expect(ids(before.body)).not.toContain(notice.id);
    // A cache may keep the empty board for at most the one second left.
    expect(before.response.headers["cache-control"]).toBe("public, max-age=1, must-revalidate");

    app.clock.set(DEC_1_MIDNIGHT);
    expect(ids((await openData(host)).body)).toContain(notice.id);
  });

  it("drops a notice at its take-down moment (00:00 Prague after 'relevant until'), also across the DST change", async () => {
    const { id: municipalityId, host } = await town();
    // Relevant until 16 Dec 2026 → taken down at 17 Dec 00:00 CET = 16 Dec 23:00 UTC.
    const winter = await createNotice(app, municipalityId, { postedAt: DEC_1_MIDNIGHT, relevantUntil: "2026-12-16" });
    app.clock.set("2026-12-16T22:59:59Z");
    expect(ids((await openData(host)).body)).toContain(winter.id);
    app.clock.set("2026-12-16T23:00:00Z");
    expect(ids((await openData(host)).body)).not.toContain(winter.id);

    // Relevant until 28 Mar 2027, the day clocks go forward → taken down at 29 Mar 00:00 CEST = 28 Mar 22:00 UTC.
    const summer = await createNotice(app, municipalityId, { postedAt: "2027-03-12T23:00:00Z", relevantUntil: "2027-03-28" });
    app.clock.set("2027-03-28T21:59:59Z");
    expect(ids((await openData(host)).body)).toContain(summer.id);
    app.clock.set("2027-03-28T22:00:00Z");
    expect(ids((await openData(host)).body)).not.toContain(summer.id);
  });

  it("never shows drafts, proposals awaiting approval or withdrawn notices", async () => {
    const { id: municipalityId, host } = await town();
    app.clock.set("2026-12-05T10:00:00Z");
    const posted = await createNotice(app, municipalityId, { postedAt: DEC_1_MIDNIGHT });
    const draft = await createNotice(app, municipalityId, { status: "DRAFT", postedAt: DEC_1_MIDNIGHT });
    const pending = await createNotice(app, municipalityId, { status: "PENDING_APPROVAL", postedAt: DEC_1_MIDNIGHT });
    const withdrawn = await createNotice(app, municipalityId, {
      status: "WITHDRAWN",
      postedAt: DEC_1_MIDNIGHT,
      withdrawnAt: "2026-12-03T10:00:00Z",
    });
    for (const at of ["2026-12-02T10:00:00Z", "2026-12-05T10:00:00Z"]) {
      app.clock.set(at);
      expect(ids((await openData(host)).body)).toEqual([posted.id]);
    }
    // Still out when the clock stands inside each one's would-be window.
    expect([draft.id, pending.id, withdrawn.id]).toHaveLength(3);
  });

  it("shows each municipality only its own notices, chosen by the Host header", async () => {
    const a = await town("Obec Alfa");
    const b = await town("Obec Beta");
    app.clock.set("2026-12-05T10:00:00Z");
    const ofA = await createNotice(app, a.id, { postedAt: DEC_1_MIDNIGHT });
    const ofB = await createNotice(app, b.id, { postedAt: DEC_1_MIDNIGHT });

    const boardA = (await openData(a.host)).body!;
    const boardB = (await openData(b.host)).body!;
    expect(ids(boardA)).toEqual([ofA.id]);
    expect(ids(boardB)).toEqual([ofB.id]);
    expect(boardA.provozovatel.ičo).toBe(a.ico);
    expect(boardB.provozovatel.ičo).toBe(b.ico);
    expect(boardB.informace[0]!.iri).toBe(`http://${b.host}/uredni-deska/${ofB.id}`);
  });

  it("answers at the board's IRI too, and refuses a Host that is not a host name", async () => {
    const { id: municipalityId, host } = await town();
    app.clock.set("2026-12-05T10:00:00Z");
    await createNotice(app, municipalityId, { postedAt: DEC_1_MIDNIGHT });
    const viaFile = await openData(host);
    const viaIri = await openData(host, { accept: "application/ld+json" }, "/opendata/uredni-deska");
    expect(viaIri.response.statusCode).toBe(200);
    expect(viaIri.response.headers["content-type"]).toBe("application/ld+json; charset=utf-8");
    expect(viaIri.body).toEqual(viaFile.body);

    const forged = await server.inject({ url: "/opendata/uredni-deska.jsonld", headers: { host: 'evil.test/"><script>' } });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).not.toContain("<script>");
  });

  it("reads the board in a fixed number of SQL statements, however many notices and attachments it has", async () => {
    const { id: municipalityId, host } = await town();
    app.clock.set("2026-12-05T10:00:00Z");
    await createNotice(app, municipalityId, { postedAt: DEC_1_MIDNIGHT, attachments: [{ fileName: "a.pdf" }] });
    await openData(host); // warms the municipality resolver
    app.queries.length = 0;
    await openData(host);
    const forOne = app.queries.length;
    for (let i = 0; i < 5; i++) {
      await createNotice(app, municipalityId, { postedAt: DEC_1_MIDNIGHT, attachments: [{ fileName: "b.pdf" }, { fileName: "c.pdf" }] });
    }
    app.queries.length = 0;
    const { body } = await openData(host);
    expect(body!.informace).toHaveLength(6);
    expect(app.queries.length).toBe(forOne);
    expect(forOne).toBeLessThanOrEqual(5);
  });

  it("lets a cache keep the board only until its next change, and revalidates with the ETag", async () => {
    const { id: municipalityId, host } = await town();
    app.clock.set("2026-12-05T10:00:00Z");
    // Nothing scheduled: the ceiling of 5 minutes.
    const empty = await openData(host);
    expect(empty.response.headers["cache-control"]).toBe("public, max-age=300, must-revalidate");

    // The next posting is 2 minutes away.
    const next = await createNotice(app, municipalityId, { postedAt: "2026-12-05T10:02:00Z" });
    const first = await openData(host);
    expect(first.response.headers["cache-control"]).toBe("public, max-age=120, must-revalidate");
    const etag = first.response.headers.etag as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);

    // Unchanged: 304 without a body, with the remaining lifetime.
    app.clock.set("2026-12-05T10:01:30Z");
    const revalidated = await openData(host, { "if-none-match": etag });
    expect(revalidated.response.statusCode).toBe(304);
    expect(revalidated.response.body).toBe("");
    expect(revalidated.response.headers["cache-control"]).toBe("public, max-age=30, must-revalidate");
    expect(revalidated.response.headers.etag).toBe(etag);

    // Less than a second to go: every use must be revalidated.
    app.clock.set("2026-12-05T10:01:59.500Z");
    expect((await openData(host)).response.headers["cache-control"]).toBe("no-cache");

    // The posting happened: the old ETag no longer matches, the take-down bounds nothing within 5 minutes.
    app.clock.set("2026-12-05T10:02:00Z");
    const changed = await openData(host, { "if-none-match": etag });
    expect(changed.response.statusCode).toBe(200);
    expect(ids(changed.body)).toEqual([next.id]);
    expect(changed.response.headers.etag).not.toBe(etag);
    expect(changed.response.headers["cache-control"]).toBe("public, max-age=300, must-revalidate");

    // The take-down bounds the lifetime as the posting did.
    app.clock.set(new Date(next.takeDownAt.getTime() - 42_000));
    expect((await openData(host)).response.headers["cache-control"]).toBe("public, max-age=42, must-revalidate");
  });
});

describe("our schema of the OFN Úřední desky norm", () => {
  const validate = boardValidator();
  let board: Board;

  beforeAll(async () => {
    const { id: municipalityId, host } = await town();
    app.clock.set("2026-12-02T09:00:00Z");
    await createNotice(app, municipalityId, { postedAt: "2026-12-01T08:00:00Z", attachments: [{ fileName: "Vyhláška.pdf" }] });
    board = (await openData(host)).body!;
    expect(validate(board), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  /** The portal's real document, changed by `change`; returns "<path> <keyword>" for each error. */
  function errorsAfter(change: (doc: Record<string, any>) => void) {
    const doc = structuredClone(board) as unknown as Record<string, any>;
    change(doc);
    if (validate(doc)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
  }

  it("requires relevantní_do on every notice", () => {
    expect(errorsAfter((doc) => delete doc.informace[0]["relevantní_do"])).toContain("/informace/0 required");
    expect(validate.errors).toContainEqual(expect.objectContaining({ params: { missingProperty: "relevantní_do" } }));
  });

  it("requires the other members the norm makes mandatory", () => {
    for (const member of ["@context", "typ", "iri", "stránka", "provozovatel", "informace"]) {
      expect(
        errorsAfter((doc) => delete doc[member]),
        member,
      ).toContain(" required");
    }
    for (const member of ["typ", "iri", "název", "vyvěšení"]) {
      expect(
        errorsAfter((doc) => delete doc.informace[0][member]),
        member,
      ).toContain("/informace/0 required");
    }
  });

  it("accepts only the norm's JSON-LD context", () => {
    for (const context of [
      "https://ofn.gov.cz/úřední-desky/2020-07-01/kontexty/úřední-deska.jsonld",
      "https://example.com/kontexty/úřední-deska.jsonld",
      ["https://ofn.gov.cz/úřední-desky/2021-07-20/kontexty/úřední-deska.jsonld"],
    ]) {
      expect(errorsAfter((doc) => (doc["@context"] = context))).toContain("/@context const");
    }
  });

  it("accepts a datum only as a real YYYY-MM-DD calendar date", () => {
    for (const datum of ["1. 12. 2026", "2026-02-30", "2026-12-01T08:00:00Z", "20261201", ""]) {
      expect(
        errorsAfter((doc) => (doc.informace[0]["vyvěšení"].datum = datum)),
        datum,
      ).toContain("/informace/0/vyvěšení/datum format");
    }
    expect(errorsAfter((doc) => (doc.informace[0]["relevantní_do"].datum = "2026-13-01"))).toContain(
      "/informace/0/relevantní_do/datum format",
    );
    // A moment needs exactly one of datum, datum_a_čas, nespecifikovaný, and its type.
    expect(errorsAfter((doc) => (doc.informace[0]["vyvěšení"] = { typ: "Časový okamžik" }))).toContain("/informace/0/vyvěšení oneOf");
    expect(errorsAfter((doc) => delete doc.informace[0]["vyvěšení"].typ)).toContain("/informace/0/vyvěšení required");
  });

  it("rejects wrong types, non-IRIs, a short IČO and a media type outside IANA's registry", () => {
    expect(errorsAfter((doc) => (doc.typ = "Deska"))).toContain("/typ anyOf");
    expect(errorsAfter((doc) => (doc.informace[0].typ = ["Digitální objekt"]))).toContain("/informace/0/typ contains");
    // The notice is also a Digitální objekt, so that type must be there too.
    expect(errorsAfter((doc) => (doc.informace[0].typ = ["Informace na úřední desce"]))).toContain("/informace/0/typ anyOf");
    expect(errorsAfter((doc) => (doc.stránka = "uredni-deska"))).toContain("/stránka format");
    expect(errorsAfter((doc) => (doc.informace[0].iri = "not an iri"))).toContain("/informace/0/iri format");
    expect(errorsAfter((doc) => (doc.provozovatel.ičo = "0012345"))).toContain("/provozovatel/ičo pattern");
    expect(errorsAfter((doc) => (doc.informace[0].název = { de: "Bekanntmachung" }))).toContain("/informace/0/název anyOf");
    expect(errorsAfter((doc) => (doc.informace[0].název = { cs: 42 }))).toContain("/informace/0/název/cs type");
    expect(errorsAfter((doc) => (doc.informace[0].dokument[0].typ_média = "application/pdf"))).toContain(
      "/informace/0/dokument/0/typ_média format",
    );
    expect(errorsAfter((doc) => (doc.informace[0].agenda[0].typ = "Kategorie"))).toContain("/informace/0/agenda/0/typ anyOf");
    expect(errorsAfter((doc) => (doc.informace[0].revize = 1))).toContain("/informace/0/revize type");
  });

  it("does not forbid what the norm allows: own attributes, several types, date-times, English, an OVM operator", () => {
    expect(
      errorsAfter((doc) => {
        doc.odbor = "VD";
        doc.informace[0].odbor = "VD";
        doc.typ = ["Úřední deska", "Věc"];
        doc.informace[0].název = { en: "Public notice" };
        doc.informace[0]["vyvěšení"] = { typ: "Časový okamžik", datum_a_čas: "2026-12-01T08:00:00+01:00" };
        doc.informace[0]["schválení"] = { typ: "Časový okamžik", nespecifikovaný: true };
        doc.informace[0].subjekt = [
          { typ: "Osoba", ičo: "00258267", název: { cs: "SDH Dolní Datová" } },
          { typ: "Člověk", jméno: { cs: "Mirek" }, příjmení: { cs: "Starosta" } },
        ];
        doc.informace[0].umístění = [{ typ: "Umístění", geometrie: { type: "Point", coordinates: [13.42, 52.51] } }];
        doc.umístění = { typ: "Umístění", název: { cs: "Vestibul radnice" }, místnost: "101" };
        doc.provozovatel = { typ: "Orgán veřejné moci", identifikátor_ovm: "06216111", název: { cs: "Obecní úřad" } };
      }),
    ).toEqual([]);
  });
});
