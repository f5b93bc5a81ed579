// Uploads (GraphQL multipart) and attachment downloads (GET /soubory/:id/:name): type from the
// content, size limits at the API and at the HTTP layer, safe names, the file store, and who may
// download what.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileStore } from "../../api/src/integrations/file-store.ts";
import { buildServer } from "../../api/src/server.ts";
import { safeFileName, ALLOWED_TYPES } from "../../api/src/services/files/file-rules.ts";
import { sweepUnusedFiles } from "../../api/src/services/files/sweep-unused-files.ts";
import type { TestApp } from "../kit/app.ts";
import { createUser, signedInClient } from "../kit/factories.ts";
import {
  ATTACH_FILE,
  CREATE_NOTICE,
  createNoticeTestApp,
  createTown,
  minimalDocx,
  minimalOdt,
  minimalPdf,
  noticeInput,
  PNG_1x1,
  postNotice,
  REVISE_NOTICE,
  upload,
  uploadPdf,
  UPLOAD,
  type Town,
} from "./notices-support.ts";

const MB = 1024 * 1024;
let app: TestApp & { dataDir: string };
let server: FastifyInstance;
let town: Town;
let otherTown: Town;

beforeAll(async () => {
  // Small limits keep the HTTP tests light: files up to 3 MB, other bodies up to 1 MB.
  app = await createNoticeTestApp({ FILE_MAX_BYTES: String(3 * MB), BODY_LIMIT: String(MB) });
  server = await buildServer(app);
  town = await createTown(app);
  otherTown = await createTown(app, { name: "Obec Cizí" });
});
afterAll(async () => {
  await server.close();
  await app.close();
});

const PDF = minimalPdf("Smlouva o dílo", ["Smlouva o dilo c. 12/2026"]);

describe("uploadFile", () => {
  it("stores a PDF outside the web root under its SHA-256 and answers its metadata", async () => {
    const answer = await upload(app, town.clerk, PDF, "Smlouva o dílo č. 12.pdf", "application/pdf");
    expect(answer.errors).toBeUndefined();
    const file = answer.data!.uploadFile.file;
    const sha256 = createHash("sha256").update(PDF).digest("hex");
    expect(file).toMatchObject({ fileName: "Smlouva o dílo č. 12.pdf", mimeType: "application/pdf", size: PDF.length, sha256 });
    expect(file.url).toBe(`/soubory/${Buffer.from(file.id, "base64").toString().split(":")[1]}/Smlouva%20o%20d%C3%ADlo%20%C4%8D.%2012.pdf`);
    const stored = path.join(app.dataDir, "files", sha256.slice(0, 2), sha256);
    expect(fs.readFileSync(stored).equals(PDF)).toBe(true);
    const row = await app.database.prisma.storedFile.findFirstOrThrow({ where: { sha256 } });
    expect(row).toMatchObject({ municipalityId: town.town.id, storageKey: `${sha256.slice(0, 2)}/${sha256}` });
    expect(await app.database.prisma.auditLogEntry.count({ where: { action: "file.uploaded", subjectId: row.id } })).toBe(1);
  });

  it("recognises DOCX, ODT, PNG and JPEG by their content and fixes a wrong extension", async () => {
    const cases: [Uint8Array, string, string, string][] = [
      [minimalDocx(), "Zápis.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Zápis.docx"],
      [minimalOdt(), "usneseni", "application/vnd.oasis.opendocument.text", "usneseni.odt"],
      [PNG_1x1, "mapa.jpg", "image/png", "mapa.jpg.png"],
      [
        Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
        "foto.jpeg",
        "image/jpeg",
        "foto.jpeg",
      ],
    ];
    for (const [bytes, name, mimeType, storedName] of cases) {
      const answer = await upload(app, town.clerk, bytes, name);
      expect(answer.data?.uploadFile, name).toMatchObject({ __typename: "UploadFileSuccess", file: { mimeType, fileName: storedName } });
    }
  });

  it.each([
    ["an HTML page renamed .pdf", Buffer.from("<!doctype html><script>alert(document.cookie)</script>"), "faktura.pdf"],
    ["an SVG image", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), "znak.svg"],
    ["a Windows executable renamed .pdf", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62), Buffer.from("PE\0\0")]), "vyhlaska.pdf"],
    ["a plain zip", Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]), "prilohy.docx"],
    ["a text file", Buffer.from("Dobrý den, posílám podklady."), "dopis.txt"],
  ])("refuses %s with a localized field error", async (_label, bytes, name) => {
    const czech = await upload(app, town.clerk, bytes, name, "application/pdf");
    expect(czech.data?.uploadFile).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [
        {
          path: ["file"],
          code: "FILE_TYPE",
          message: "Tento typ souboru nelze nahrát. Povolené jsou: PDF, DOCX, XLSX, ODT, ODS, PNG, JPG, WEBP.",
        },
      ],
    });
    town.clerk.locale = "en";
    try {
      const english = await upload(app, town.clerk, bytes, name, "application/pdf");
      expect(english.data?.uploadFile.fieldErrors[0].message).toBe(
        "This type of file cannot be uploaded. Allowed: PDF, DOCX, XLSX, ODT, ODS, PNG, JPG, WEBP.",
      );
    } finally {
      town.clerk.locale = "cs";
    }
  });

  it("refuses an empty file and one over FILE_MAX_BYTES", async () => {
    const empty = await upload(app, town.clerk, new Uint8Array(0), "prazdny.pdf");
    expect(empty.data?.uploadFile).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["file"], code: "FILE_EMPTY" }] });
    const large = await upload(app, town.clerk, Buffer.concat([PDF, Buffer.alloc(3 * MB)]), "velky.pdf");
    expect(large.data?.uploadFile).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["file"], code: "FILE_TOO_LARGE", message: "Soubor je příliš velký (nejvýše 3 MB)." }],
    });
  });

  it("keeps only a safe name: no directories, traversal, control or invisible characters", async () => {
    const cases: [string, string][] = [
      ["../../etc/passwd", "passwd.pdf"],
      ["..\\..\\Windows\\system32\\cmd.exe", "cmd.exe.pdf"],
      ["C:\\Users\\Referent\\Dokumenty\\Rozpočet 2027.pdf", "Rozpočet 2027.pdf"],
      ["faktura\u202Efdp.exe", "fakturafdp.exe.pdf"],
      ["zpráva\u0000\u0007\u001b\u007f.pdf", "zpráva.pdf"],
      ["a<b>c:d|f?g*h.pdf", "a_b_c_d_f_g_h.pdf"],
      ["...", "soubor.pdf"],
      [".htaccess", "htaccess.pdf"],
      ["Přehled žádostí – 2026.PDF", "Přehled žádostí – 2026.PDF"],
    ];
    for (const [name, expected] of cases) {
      const answer = await upload(app, town.clerk, PDF, name);
      expect(answer.data?.uploadFile.file.fileName, JSON.stringify(name)).toBe(expected);
    }
    expect(safeFileName(`${"ž".repeat(500)}.pdf`, ALLOWED_TYPES["application/pdf"]!)).toHaveLength(180);
    // Line breaks and quotes cannot travel intact in a multipart header; the rule handles them all the same.
    expect(safeFileName("řádek\n\r\u2028druhý.pdf", ALLOWED_TYPES["application/pdf"]!)).toBe("řádekdruhý.pdf");
    expect(safeFileName('smlouva "A".pdf', ALLOWED_TYPES["application/pdf"]!)).toBe("smlouva _A_.pdf");
    // Nothing was written anywhere but the content-addressed store (and its staging area, left empty).
    const written = fs.readdirSync(app.dataDir, { recursive: true }).map(String);
    const allowed = (entry: string) =>
      entry === "files" || /^files[/\\]incoming$/.test(entry) || /^files[/\\][0-9a-f]{2}([/\\][0-9a-f]{64})?$/.test(entry);
    expect(written.filter((entry) => !allowed(entry))).toEqual([]);
  });

  it("the file store refuses keys that are not its own shape", async () => {
    const store = createFileStore(path.join(app.dataDir, "files"));
    for (const key of ["../../etc/passwd", "ab/../../x", `ab/${"a".repeat(64)}`, `/${"a".repeat(64)}`, `aa/${"a".repeat(63)}/`]) {
      expect(store.pathOf(key), key).toBeNull();
      expect(await store.open(key)).toBeNull();
    }
  });

  it("is for clerks of the notices or registers agenda and integrators, nobody else", async () => {
    expect((await upload(app, town.registersClerk, PDF, "a.pdf")).data?.uploadFile.__typename).toBe("UploadFileSuccess");
    expect((await upload(app, town.integrator, PDF, "a.pdf")).data?.uploadFile.__typename).toBe("UploadFileSuccess");
    expect((await upload(app, town.financeClerk, PDF, "a.pdf")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await upload(app, town.citizen, PDF, "a.pdf")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await upload(app, town.anonymous, PDF, "a.pdf")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("HTTP body limits", () => {
  async function multipart(bytes: Uint8Array, client = town.clerk, locale = "cs") {
    const form = new FormData();
    form.set("operations", JSON.stringify({ query: UPLOAD, variables: { file: null } }));
    form.set("map", JSON.stringify({ 0: ["variables.file"] }));
    form.set("0", new Blob([new Uint8Array(bytes)]), "priloha.pdf");
    const request = new Request("http://x/graphql", { method: "POST", body: form });
    return server.inject({
      method: "POST",
      url: "/graphql",
      headers: {
        host: client.host,
        "content-type": request.headers.get("content-type")!,
        cookie: `portal_session=${encodeURIComponent(client.cookies.get("portal_session")!)}`,
        "x-csrf-token": client.cookies.get("portal_csrf")!,
        "x-portal-csrf": "1",
        "accept-language": locale,
      },
      payload: Buffer.from(await request.arrayBuffer()),
    });
  }

  it("lets a multipart upload above BODY_LIMIT (1 MB) but within FILE_MAX_BYTES through", async () => {
    const bytes = Buffer.concat([PDF, Buffer.alloc(2 * MB, 0x20)]);
    const response = await multipart(bytes);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data.uploadFile).toMatchObject({ __typename: "UploadFileSuccess", file: { size: bytes.length } });
  });

  it("answers a file over FILE_MAX_BYTES with a localized 413, cut off while streaming, and keeps nothing of it", async () => {
    const exactly = await multipart(Buffer.concat([PDF, Buffer.alloc(3 * MB - PDF.length, 0x20)]));
    expect(exactly.json().data.uploadFile).toMatchObject({ __typename: "UploadFileSuccess", file: { size: 3 * MB } });
    const over = await multipart(Buffer.concat([PDF, Buffer.alloc(3 * MB - PDF.length + 1, 0x20)]));
    expect(over.statusCode).toBe(413);
    expect(over.headers.connection).toBe("close");
    expect(over.json().errors[0]).toEqual({
      message: "Soubor je příliš velký (nejvýše 3 MB).",
      extensions: { code: "PAYLOAD_TOO_LARGE" },
    });
    const huge = await multipart(Buffer.alloc(6 * MB), town.clerk, "en");
    expect(huge.statusCode).toBe(413);
    expect(huge.json().errors[0].message).toBe("The file is too large (at most 3 MB).");
    // The server's temporary files are gone once the answer is sent.
    const incoming = path.join(app.dataDir, "uploads-incoming");
    expect(fs.existsSync(incoming) ? fs.readdirSync(incoming) : []).toEqual([]);
  });

  it("keeps BODY_LIMIT for every other request", async () => {
    const response = await server.inject({
      method: "POST",
      url: "/graphql",
      headers: { host: town.host, "content-type": "application/json" },
      payload: JSON.stringify({ query: "{ __typename }", padding: "x".repeat(1.5 * MB) }),
    });
    expect(response.statusCode).toBe(413);
  });
});

describe("GET /soubory/:id/:fileName", () => {
  const get = (url: string, headers: Record<string, string> = {}, host = town.host) =>
    server.inject({ method: "GET", url, headers: { host, ...headers } });

  it("serves an attachment of a posted notice to anyone, with safe headers", async () => {
    const file = await uploadPdf(app, town.clerk, "Vyhláška č. 3 (2026).pdf");
    const notice = await postNotice(town.clerk, { attachmentIds: [file.id] });
    expect(notice.attachments[0]!.url).toBe(file.url);
    const response = await get(file.url);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(minimalPdf("Obecne zavazna vyhlaska", ["Obecne zavazna vyhlaska"]))).toBe(true);
    expect(response.headers).toMatchObject({
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="Vyhlaska c. 3 (2026).pdf"; filename*=UTF-8''Vyhl%C3%A1%C5%A1ka%20%C4%8D.%203%20%282026%29.pdf`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox",
      etag: `"${file.sha256}"`,
      "cache-control": "no-cache",
    });
    const revalidated = await get(file.url, { "if-none-match": `"${file.sha256}"` });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.headers["cache-control"]).toBe("no-cache");
  });

  it("offers office documents as downloads", async () => {
    const docx = (await upload(app, town.clerk, minimalDocx(), "Zápis.docx")).data!.uploadFile.file;
    await postNotice(town.clerk, { attachmentIds: [docx.id] });
    const response = await get(docx.url);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toMatch(/^attachment; /);
  });

  it("hides files of drafts from everyone but the agenda's clerks, with the same 404 as an unknown id", async () => {
    const file = await uploadPdf(app, town.clerk, "Koncept.pdf");
    const draft = await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ attachmentIds: [file.id] }) });
    expect(draft.data?.createNotice.__typename).toBe("CreateNoticeSuccess");
    const unknown = await get(`/soubory/00000000-0000-4000-8000-000000000000/x.pdf`);
    expect(unknown.statusCode).toBe(404);
    const asAnonymous = await get(file.url);
    expect(asAnonymous.statusCode).toBe(404);
    expect(asAnonymous.body).toBe(unknown.body);
    expect((await get(file.url, { cookie: town.sessionCookie(town.citizen) })).statusCode).toBe(404);
    expect((await get(file.url, { cookie: town.sessionCookie(town.financeClerk) })).statusCode).toBe(404);
    expect((await get(file.url, { cookie: town.sessionCookie(town.clerk) })).statusCode).toBe(200);
    expect((await get(file.url, { cookie: town.sessionCookie(town.registersClerk) })).statusCode).toBe(200);
    // Another town's clerk: their session is not one of ours, on our host or theirs.
    expect((await get(file.url, { cookie: otherTown.sessionCookie(otherTown.clerk) })).statusCode).toBe(404);
    expect((await get(file.url, { cookie: otherTown.sessionCookie(otherTown.clerk) }, otherTown.host)).statusCode).toBe(404);
    // An expired session or a disabled clerk is a stranger.
    const disabled = await createUser(app, town.town.id, { role: "CLERK", agendas: ["NOTICES"] });
    const disabledClient = await signedInClient(app, disabled, town.host);
    await app.database.prisma.user.update({ where: { id: disabled.id }, data: { disabledAt: app.clock.now() } });
    expect((await get(file.url, { cookie: town.sessionCookie(disabledClient) })).statusCode).toBe(404);
  });

  it("never serves one town's public file on another town's host, nor malformed ids", async () => {
    const file = await uploadPdf(app, town.clerk, "Verejna.pdf");
    await postNotice(town.clerk, { attachmentIds: [file.id] });
    expect((await get(file.url)).statusCode).toBe(200);
    expect((await get(file.url, {}, otherTown.host)).statusCode).toBe(404);
    for (const url of ["/soubory/not-a-uuid/x.pdf", "/soubory/..%2F..%2Fetc%2Fpasswd/x", "/soubory/'%20OR%201=1--/x.pdf", "/soubory/"]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
  });

  it("serves the document of a published contract, not of a draft one", async () => {
    const file = await uploadPdf(app, town.registersClerk, "Smlouva.pdf");
    const fileId = Buffer.from(file.id, "base64").toString().split(":")[1]!;
    const contract = await app.database.prisma.contract.create({
      data: {
        municipalityId: town.town.id,
        number: `S-${fileId.slice(0, 6)}`,
        subject: "Oprava chodníku",
        counterpartyName: "Stavby s.r.o.",
        amountWithoutVat: 100_000_00n,
        amountWithVat: 121_000_00n,
        signedOn: new Date("2026-11-01T00:00:00Z"),
        attachmentId: fileId,
      },
    });
    expect((await get(file.url)).statusCode).toBe(404);
    await app.database.prisma.contract.update({ where: { id: contract.id }, data: { status: "PUBLISHED" } });
    expect((await get(file.url)).statusCode).toBe(200);
  });

  it("attaching another town's file (a forged id) is refused", async () => {
    const foreign = await uploadPdf(app, otherTown.clerk, "Cizi.pdf");
    const created = await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ attachmentIds: [foreign.id] }) });
    expect(created.data?.createNotice).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["attachmentIds", "0"], code: "UNKNOWN_FILE" }],
    });
    const draft = await town.clerk.request(CREATE_NOTICE, { input: noticeInput() });
    const attached = await town.clerk.request(ATTACH_FILE, { input: { noticeId: draft.data!.createNotice.notice.id, fileId: foreign.id } });
    expect(attached.data?.attachNoticeFile).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["fileId"] }] });
  });
});

describe("unused uploads", () => {
  const uuid = (globalId: string) => Buffer.from(globalId, "base64").toString().split(":")[1]!;
  const row = (globalId: string) => app.database.prisma.storedFile.findUnique({ where: { id: uuid(globalId) } });
  const bytesExist = async (globalId: string, storageKey?: string) => {
    const key = storageKey ?? (await row(globalId))!.storageKey;
    return fs.existsSync(createFileStore(path.join(app.dataDir, "files")).pathOf(key)!);
  };

  it("are deleted after UPLOAD_RETENTION_HOURS; attached files, a revision's files and shared bytes are kept", async () => {
    app.clock.set("2026-11-01T10:00:00Z");
    const attached = await uploadPdf(app, town.clerk, "A.pdf", "obsah A");
    await postNotice(town.clerk, { title: "S přílohou", attachmentIds: [attached.id] });
    const abandoned = await uploadPdf(app, town.clerk, "B.pdf", "obsah B");
    const abandonedKey = (await row(abandoned.id))!.storageKey;
    // Attached at approval, then removed by a correction: revision 1, the legal record, still names it.
    const inRevision = await uploadPdf(app, town.clerk, "C.pdf", "obsah C");
    const corrected = await postNotice(town.clerk, { title: "Opravovaná", attachmentIds: [inRevision.id] });
    const revised = await town.clerk.request(REVISE_NOTICE, {
      input: { id: corrected.id, reason: "Chybná příloha", notice: noticeInput({ title: "Opravovaná", attachmentIds: [] }) },
    });
    expect(revised.data?.reviseNotice.notice.attachments).toEqual([]);
    // The same content as the attached file, uploaded again and abandoned: one copy of the bytes serves both rows.
    const duplicate = await uploadPdf(app, town.clerk, "D.pdf", "obsah A");
    expect((await row(duplicate.id))!.storageKey).toBe((await row(attached.id))!.storageKey);

    app.clock.advance({ days: 8 });
    const recent = await uploadPdf(app, town.clerk, "E.pdf", "obsah E");
    const swept = await sweepUnusedFiles(app.services);
    expect(swept).toMatchObject({ rows: 2, files: 1 });
    expect([await row(abandoned.id), await row(duplicate.id)]).toEqual([null, null]);
    for (const kept of [attached, inRevision, recent]) {
      expect(await row(kept.id)).not.toBeNull();
      expect(await bytesExist(kept.id)).toBe(true);
    }
    expect(await bytesExist(abandoned.id, abandonedKey)).toBe(false);
    expect(await sweepUnusedFiles(app.services)).toEqual({ rows: 0, files: 0 });

    // The same content uploaded again is stored afresh and downloads whole.
    const again = await uploadPdf(app, town.clerk, "B.pdf", "obsah B");
    expect(await bytesExist(again.id)).toBe(true);
  });

  it("are kept for ever with UPLOAD_RETENTION_HOURS=0", async () => {
    app.clock.set("2026-11-01T10:00:00Z");
    const abandoned = await uploadPdf(app, town.clerk, "F.pdf", "obsah F");
    app.clock.advance({ days: 400 });
    const services = { ...app.services, config: { ...app.services.config, UPLOAD_RETENTION_HOURS: 0 } };
    expect(await sweepUnusedFiles(services)).toEqual({ rows: 0, files: 0 });
    expect(await row(abandoned.id)).not.toBeNull();
  });
});
