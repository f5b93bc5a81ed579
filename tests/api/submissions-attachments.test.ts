// Attachments and delivery: uploads under the app's ids (idempotent, not reusable by another citizen), quarantine
// and the antivirus over clamd's real INSTREAM protocol (a fake clamd on a local port), the checks again at submit,
// and the delivery of a submission to the records system as a signed webhook, step by step, failing, retried by an
// admin and completed without sending anything twice.
import { randomUUID } from "node:crypto";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { verifyWebhookSignature } from "../../api/src/integrations/webhooks.ts";
import { buildServer } from "../../api/src/server.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createUser, signedInClient } from "../kit/factories.ts";
import type { Client } from "../kit/graphql.ts";
import { ERRORS, example, pdfFile, submit, UPLOAD } from "./submissions-support.ts";

const EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

let clamd: net.Server;
let scanned = 0;
let receiver: http.Server;
let receiverFails = true;
const received: { body: any; idempotencyKey: string; signed: boolean }[] = [];
let secret = "";

let app: TestApp;
let host: string;
let citizen: Client;
let neighbour: Client;
let admin: Client;
let noticesClerk: Client;
let submissionsClerk: Client;
let server: FastifyInstance;

/** A clamd that speaks INSTREAM: length-prefixed chunks until a zero length, then one verdict. */
function startFakeClamd(): Promise<number> {
  clamd = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!buffer.subarray(0, 10).equals(Buffer.from("zINSTREAM\0"))) return;
      let offset = 10;
      const content: Buffer[] = [];
      while (offset + 4 <= buffer.length) {
        const length = buffer.readUInt32BE(offset);
        if (length === 0) {
          scanned++;
          const infected = Buffer.concat(content).includes("EICAR-STANDARD-ANTIVIRUS-TEST-FILE");
          socket.end(infected ? "stream: Eicar-Test-Signature FOUND\0" : "stream: OK\0");
          return;
        }
        if (offset + 4 + length > buffer.length) return;
        content.push(buffer.subarray(offset + 4, offset + 4 + length));
        offset += 4 + length;
      }
    });
  });
  return new Promise((resolve) => clamd.listen(0, "127.0.0.1", () => resolve((clamd.address() as AddressInfo).port)));
}

function startReceiver(): Promise<number> {
  receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const signed = verifyWebhookSignature(
        secret,
        body,
        request.headers["x-portal-signature"] as string,
        Math.floor(app.clock.now().getTime() / 1000),
      );
      received.push({ body: JSON.parse(body), idempotencyKey: String(request.headers["idempotency-key"]), signed });
      if (receiverFails) {
        response.writeHead(503).end("records system down");
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ reference: "SPIS-2026-77" }));
    });
  });
  return new Promise((resolve) => receiver.listen(0, "127.0.0.1", () => resolve((receiver.address() as AddressInfo).port)));
}

beforeAll(async () => {
  const clamdPort = await startFakeClamd();
  const receiverPort = await startReceiver();
  app = await createTestApp({ CLAMAV_ADDRESS: `127.0.0.1:${clamdPort}`, SUBMISSION_DELIVERY_RETRY_LIMIT: "0" });
  app.clock.set("2026-12-06T09:00:00Z");
  const town = await createMunicipality(app);
  host = town.hosts[0]!.hostname;
  citizen = await signedInClient(app, await createUser(app, town.id), host);
  neighbour = await signedInClient(app, await createUser(app, town.id), host);
  admin = await signedInClient(app, await createUser(app, town.id, { role: "ADMIN" }), host);
  noticesClerk = await signedInClient(app, await createUser(app, town.id, { role: "CLERK", agendas: ["NOTICES", "REGISTERS"] }), host);
  submissionsClerk = await signedInClient(app, await createUser(app, town.id, { role: "CLERK", agendas: ["SUBMISSIONS"] }), host);
  server = await buildServer(app);
  const saved = await admin.request(
    `mutation($input: SubmissionWebhookInput!) { saveSubmissionWebhook(input: $input) { ... on SaveSubmissionWebhookSuccess { url secret } ${ERRORS} } }`,
    { input: { url: `http://127.0.0.1:${receiverPort}/podani`, enabled: true } },
  );
  secret = saved.data!.saveSubmissionWebhook.secret;
  expect(secret).toMatch(/^whsec_/);
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  clamd?.close();
  receiver?.close();
});

describe("attachments", () => {
  const cleanId = randomUUID();
  const infectedId = randomUUID();
  let submissionId: string;

  it("are quarantined until the antivirus checked them, and an id is its uploader's only", async () => {
    const clean = await citizen.upload(UPLOAD, { id: cleanId, file: null }, { file: pdfFile("žádost.pdf") });
    expect(clean.data!.uploadFormAttachment.attachment).toMatchObject({
      id: cleanId,
      fileName: "žádost.pdf",
      mimeType: "application/pdf",
      scanStatus: "PENDING",
    });
    const again = await citizen.upload(UPLOAD, { id: cleanId, file: null }, { file: pdfFile("jiný.pdf") });
    expect(again.data!.uploadFormAttachment.attachment).toMatchObject({ id: cleanId, fileName: "žádost.pdf" });
    const stolen = await neighbour.upload(UPLOAD, { id: cleanId, file: null }, { file: pdfFile() });
    expect(stolen.data!.uploadFormAttachment.fieldErrors[0]).toMatchObject({ path: ["id"], code: "TAKEN" });
    const html = await citizen.upload(
      UPLOAD,
      { id: randomUUID(), file: null },
      { file: new File(["<html><script>alert(1)</script></html>"], "a.pdf") },
    );
    expect(html.data!.uploadFormAttachment.fieldErrors[0]).toMatchObject({ code: "FILE_TYPE" });
    await citizen.upload(UPLOAD, { id: infectedId, file: null }, { file: pdfFile("virus.pdf", EICAR) });

    await app.jobs.drain();
    expect(scanned).toBe(2);
    const rows = await app.database.prisma.submissionFile.findMany({ where: { id: { in: [cleanId, infectedId] } } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.scanStatus]))).toEqual({ [cleanId]: "CLEAN", [infectedId]: "INFECTED" });
  });

  it("are checked again at submit: infected, foreign and unknown ones are refused with the field named", async () => {
    const values = example("general-submission");
    const attachment = (id: string) => ({ id, fileName: "x.pdf", size: 10, mimeType: "application/pdf" });
    values.attachments = [attachment(infectedId)];
    const infected = (await submit(citizen, "general-submission", values)).data!.submitForm;
    expect(infected.fieldErrors).toMatchObject([{ path: ["values", "attachments"], code: "ATTACHMENT_INFECTED" }]);
    expect(infected.fieldErrors[0].message).toContain("virus.pdf");
    values.attachments = [attachment(cleanId)];
    const foreign = (await submit(neighbour, "general-submission", values)).data!.submitForm;
    expect(foreign.fieldErrors).toMatchObject([{ code: "ATTACHMENT_UNKNOWN" }]);

    const sent = (await submit(citizen, "general-submission", values)).data!.submitForm;
    expect(sent.__typename).toBe("SubmitFormSuccess");
    submissionId = sent.submission.id;
    // What the server recorded, not what the app claimed.
    expect(sent.submission.values.attachments).toEqual([
      { id: cleanId, fileName: "žádost.pdf", size: pdfFile().size, mimeType: "application/pdf" },
    ]);
    expect(sent.submission.attachments).toMatchObject([{ id: cleanId, scanStatus: "CLEAN" }]);
    expect(sent.submission.attachments[0].url).toMatch(/^\/soubory\//);
    // Downloads: the citizen and the reviewers of the agenda; not another citizen, nor a clerk of other files.
    const url = sent.submission.attachments[0].url as string;
    const download = async (client: Client) =>
      (await server.inject({ url, headers: { host, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } })).statusCode;
    expect(await download(citizen)).toBe(200);
    expect(await download(submissionsClerk)).toBe(200);
    expect(await download(neighbour)).toBe(404);
    expect(await download(noticesClerk)).toBe(404);
    const reused = (await submit(citizen, "general-submission", values)).data!.submitForm;
    expect(reused.fieldErrors).toMatchObject([{ code: "ATTACHMENT_UNKNOWN" }]);
  });

  it("are delivered to the records system with the submission: signed, step by step, retried by an admin", async () => {
    await app.jobs.drain();
    expect(received.map((r) => r.body.type)).toEqual(["submission.submitted"]);
    const DELIVERIES = `{ submissionDeliveries { nodes { id submissionNumber status step completedSteps attempts lastError externalReference } } }`;
    const failed = (await admin.request(DELIVERIES)).data!.submissionDeliveries.nodes;
    expect(failed).toMatchObject([{ status: "FAILED", step: "register", completedSteps: [], attempts: 1 }]);
    expect(failed[0].lastError).toContain("503");
    expect((await citizen.request(DELIVERIES)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    receiverFails = false;
    const RETRY = `mutation($id: ID!) { retrySubmissionDeliveryStep(id: $id) { ... on RetrySubmissionDeliveryStepSuccess { delivery { status } } ... on Error { code } } }`;
    const [retried, twice] = await Promise.all([admin.request(RETRY, { id: failed[0].id }), admin.request(RETRY, { id: failed[0].id })]);
    expect(
      [retried, twice].map((r) => r.data!.retrySubmissionDeliveryStep.delivery?.status ?? r.data!.retrySubmissionDeliveryStep.code).sort(),
    ).toEqual(["CONFLICT", "PENDING"]);
    await app.jobs.drain();
    const delivered = (await admin.request(DELIVERIES)).data!.submissionDeliveries.nodes[0];
    expect(delivered).toMatchObject({
      status: "DELIVERED",
      externalReference: "SPIS-2026-77",
      completedSteps: ["register", `attachments:${cleanId}`],
    });
    const types = received.map((r) => r.body.type);
    expect(types).toEqual(["submission.submitted", "submission.submitted", "submission.attachment"]);
    expect(received.every((r) => r.signed)).toBe(true);
    expect(received[0]!.idempotencyKey).toBe(received[1]!.idempotencyKey);
    expect(received[2]!.body.attachment.fileName).toBe("žádost.pdf");
    expect(Buffer.from(received[2]!.body.attachment.contentBase64, "base64").toString()).toContain("%PDF-1.4");
    expect(received[1]!.body.submission.values.subject).toBe(example("general-submission").subject);
    expect(submissionId).toBeTruthy();
  });
});
