import pino from "pino";
import { createApp, type App } from "../../api/src/app.ts";
import { ManualClock } from "../../api/src/clock.ts";
import { loadConfig, type Config } from "../../api/src/config.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export interface TestApp extends App {
  clock: ManualClock;
  database: TestDatabase;
  /** SQL statements run so far (reset with `resetQueryCount`). */
  queries: string[];
}

/** A full portal on its own fresh database, with a clock the test controls. No port is opened. */
export async function createTestApp(overrides: Partial<Record<keyof Config, string>> = {}): Promise<TestApp> {
  const queries: string[] = [];
  const database = await createTestDatabase({ onQuery: (sql) => queries.push(sql) });
  const clock = new ManualClock("2026-11-26T10:00:00Z");
  // The public response cache is off unless a test turns it on (tests/api/response-cache.test.ts):
  // factories write rows directly, without the mutations that invalidate it.
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", SEED_DEMO: "false", RESPONSE_CACHE_TTL_SECONDS: "0", ...overrides });
  const app = await createApp({ config, clock, database, logger: pino({ level: process.env.LOG_LEVEL ?? "silent" }) });
  return {
    ...app,
    clock,
    database,
    queries,
    async close() {
      await app.jobs.stop();
      await database.destroy();
    },
  };
}
