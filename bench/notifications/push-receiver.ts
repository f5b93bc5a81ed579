// The benchmark's push service, in a process of its own (its CPU is not the portal's): loads the
// subscriptions' private keys, and for every POST checks the VAPID header's shape, decrypts the
// aes128gcm payload with the subscription's keys (http_ece) and counts it per subscription. Reports
// over IPC: received, duplicates (a subscription that got the same message twice), refused.
import { createECDH } from "node:crypto";
import fs from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import ece from "http_ece";

const keysFile = process.argv[2]!;
const subscriptions = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: string }>();
for (const line of fs.readFileSync(keysFile, "utf8").split("\n")) {
  if (!line) continue;
  const [id, privateKey, auth] = line.split(" ") as [string, string, string];
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(Buffer.from(privateKey, "base64url"));
  subscriptions.set(id, { ecdh, auth });
}

const seen = new Map<string, Set<string>>();
let received = 0;
let duplicates = 0;
let refused = 0;
let first = 0;
let last = 0;

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const id = /^\/push\/([\w-]+)$/.exec(request.url ?? "")?.[1];
    const subscription = id ? subscriptions.get(id) : undefined;
    if (
      !subscription ||
      request.headers["content-encoding"] !== "aes128gcm" ||
      !/^vapid t=[\w.-]+, k=[\w-]+$/.test(String(request.headers.authorization))
    ) {
      refused++;
      response.writeHead(400).end();
      return;
    }
    let payload: { messageId?: string };
    try {
      payload = JSON.parse(
        ece
          .decrypt(Buffer.concat(chunks), { version: "aes128gcm", privateKey: subscription.ecdh, authSecret: subscription.auth })
          .toString("utf8"),
      );
    } catch {
      refused++;
      response.writeHead(400).end();
      return;
    }
    const now = Date.now();
    first ||= now;
    last = now;
    received++;
    const messages = seen.get(id!) ?? new Set<string>();
    if (messages.has(String(payload.messageId))) duplicates++;
    messages.add(String(payload.messageId));
    seen.set(id!, messages);
    response.writeHead(201).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.send!({ type: "ready", port: (server.address() as AddressInfo).port, subscriptions: subscriptions.size });
});
process.on("message", (message: { type: string }) => {
  if (message.type === "stats")
    process.send!({ type: "stats", received, duplicates, refused, distinct: seen.size, first, last, cpu: process.cpuUsage() });
  if (message.type === "stop") server.close(() => process.exit(0));
});
