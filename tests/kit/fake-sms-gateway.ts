import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the town's SMS gateway speaking the adapter's documented protocol (README,
 * "Notifications"): JSON POST with a bearer token, `{ to, text, sender?, reference }`, answering
 * `{ id }`. Every accepted request is recorded, repeats included, so tests can count duplicates.
 */
export interface ReceivedSms {
  to: string;
  text: string;
  sender: string | null;
  reference: string;
  idempotencyKey: string | null;
}

export async function startFakeSmsGateway(options: { token?: string } = {}) {
  const token = options.token ?? "sms-test-token";
  const received: ReceivedSms[] = [];
  const respond: { status: (message: ReceivedSms, attempt: number) => number | null } = { status: () => null };
  let attempts = 0;
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown) =>
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (request.method !== "POST" || request.url !== "/send") return send(404, { error: "not found" });
    if (request.headers.authorization !== `Bearer ${token}`) return send(401, { error: "bad token" });
    let message: ReceivedSms;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Partial<ReceivedSms>;
      if (
        typeof body.to !== "string" ||
        !/^\+\d{9,15}$/.test(body.to) ||
        typeof body.text !== "string" ||
        typeof body.reference !== "string"
      ) {
        return send(400, { error: "to (E.164), text and reference are required" });
      }
      message = {
        to: body.to,
        text: body.text,
        sender: typeof body.sender === "string" ? body.sender : null,
        reference: body.reference,
        idempotencyKey: (request.headers["idempotency-key"] as string | undefined) ?? null,
      };
    } catch {
      return send(400, { error: "JSON expected" });
    }
    attempts++;
    const override = respond.status(message, attempts);
    if (override !== null) return send(override, { error: "test says so" });
    received.push(message);
    return send(200, { id: `sms-${received.length}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  return {
    url,
    token,
    received,
    respond,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
