import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { createApp, type App } from "../../api/src/app.ts";
import { loadConfig, paths } from "../../api/src/config.ts";
import type { Database } from "../../api/src/db/database.ts";
import { buildServer } from "../../api/src/server.ts";
import { DEMO_ACCOUNTS, seedDemo } from "../../prisma/seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export { DEMO_ACCOUNTS };

export const PWA_DIST = path.join(paths.repoRoot, "pwa", "dist");

/**
 * The browser tests need the production build of the PWA. Under `npm test` turbo builds it first (tests depend on
 * @portal/pwa and the test task on ^build); when vitest is run directly and the build is missing, build it once.
 * A lock directory keeps parallel test files from building at the same time.
 */
export function ensurePwaBuild(): void {
  const index = path.join(PWA_DIST, "index.html");
  if (fs.existsSync(index)) return;
  const lock = path.join(paths.repoRoot, "pwa", ".build-lock");
  let owner = false;
  try {
    fs.mkdirSync(lock);
    owner = true;
  } catch {
    // Another test file is building: wait for it below.
  }
  if (owner) {
    try {
      execFileSync("npm", ["run", "build", "-w", "pwa"], { cwd: paths.repoRoot, stdio: "pipe" });
    } catch (error) {
      const output = String((error as { stderr?: Buffer }).stderr ?? error);
      throw new Error(`The PWA build (npm run build -w pwa) failed, so the browser tests cannot run:\n${output}`, { cause: error });
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  } else {
    const deadline = Date.now() + 180_000;
    while (fs.existsSync(lock) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  }
  if (!fs.existsSync(index)) throw new Error(`No PWA build at ${PWA_DIST}; run \`npm run build -w pwa\` first.`);
}

export interface TestServer {
  /** e.g. http://localhost:41234 — `localhost` is the demo town's host and a secure context for service workers. */
  url: string;
  port: number;
  app: App;
  database: TestDatabase | Database;
  server: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The real portal (Fastify + yoga + the built PWA) on a real port, on its own database seeded with the demo towns
 * and accounts (DEMO_ACCOUNTS). Pass `database` to serve an existing one (the budgets bench).
 */
export async function startTestServer(options: { database?: Database } = {}): Promise<TestServer> {
  ensurePwaBuild();
  const database = options.database ?? (await createTestDatabase());
  await seedDemo(database.prisma);
  // Serve a snapshot of the build: a `vite build` elsewhere (another engineer, the budgets bench) empties
  // pwa/dist and would break the pages of a running test.
  const snapshot = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pwa-dist-"));
  fs.cpSync(PWA_DIST, snapshot, { recursive: true, filter: (source) => !source.endsWith(".map") });
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", SEED_DEMO: "false", PWA_DIST: snapshot });
  const app = await createApp({ config, database, prepareDatabase: false, logger: pino({ level: process.env.LOG_LEVEL ?? "silent" }) });
  const server = await buildServer(app);
  await server.listen({ host: "127.0.0.1", port: 0 });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    port,
    app,
    database,
    server,
    async close() {
      await server.close();
      await app.jobs.stop();
      fs.rmSync(snapshot, { recursive: true, force: true });
      if ("destroy" in database && typeof database.destroy === "function") await database.destroy();
      else await database.close();
    },
  };
}

/**
 * The newest e-mail to `to` in the outbox, and the first portal link in it (verification, reset, invitation).
 * Runs the queued jobs first (e-mail is sent by a job), as the workers of a running portal would.
 */
export async function latestEmail(server: Pick<TestServer, "app" | "database">, to: string, subjectPattern?: RegExp) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await server.app.jobs.drain();
    const messages = await server.database.prisma.outboxMessage.findMany({ where: { toAddress: to }, orderBy: { createdAt: "desc" } });
    const message = messages.find((m) => !subjectPattern || subjectPattern.test(m.subject));
    if (message) {
      const link = /https?:\/\/[^\s<>"]+/.exec(message.textBody)?.[0] ?? null;
      return { ...message, link };
    }
    if (Date.now() > deadline) throw new Error(`No e-mail to ${to}${subjectPattern ? ` matching ${subjectPattern}` : ""} in the outbox`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The path and query of a link from an e-mail, to open against the test server whatever host the e-mail names. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return url.pathname + url.search;
}
