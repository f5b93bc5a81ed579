// The full stack as the benchmarks run it in-process: production settings, no demo seeding, quiet logs.
import { createApp } from "../../api/src/app.ts";
import { loadConfig } from "../../api/src/config.ts";
import { openDatabase, type DatabaseOptions } from "../../api/src/db/database.ts";

/** `cacheTtl` is RESPONSE_CACHE_TTL_SECONDS ("0": every request does the whole work). */
export async function benchPortal(url: string, cacheTtl: string, database: Omit<DatabaseOptions, "url"> = {}) {
  const config = loadConfig({
    DATABASE_URL: url,
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    SEED_DEMO: "false",
    RESPONSE_CACHE_TTL_SECONDS: cacheTtl,
  });
  return createApp({ config, database: await openDatabase({ ...database, url }) });
}
