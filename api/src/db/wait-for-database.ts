import type { Logger } from "pino";
import type { Database } from "./database.ts";

/** Start-up cannot go on; the message is one line for the operator (no stack trace). */
export class StartupError extends Error {}

/** What went wrong reaching the database, in one line, without the connection string. */
export function describeDatabaseError(error: unknown): string {
  const { code, message, errors } = (error ?? {}) as { code?: unknown; message?: unknown; errors?: { message?: unknown }[] };
  const text =
    (typeof message === "string" && message) || (typeof errors?.[0]?.message === "string" ? errors[0].message : "") || String(error);
  const line = text.split("\n")[0]!.trim();
  return typeof code === "string" && !line.includes(code) ? `${code}: ${line}` : line;
}

/**
 * Waits for the database at start-up (a database server restarting, or started after the portal by
 * the same orchestrator): tries, and on failure logs one line and retries with exponential backoff
 * (0.5 s doubling up to 5 s) until `timeoutSeconds` have passed; then throws a `StartupError` with
 * one clear line. `timeoutSeconds: 0` tries once.
 */
export async function waitForDatabase(
  database: Database,
  options: { timeoutSeconds: number; logger: Logger; sleep?: (ms: number) => Promise<void> },
): Promise<void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = Date.now();
  const deadline = started + options.timeoutSeconds * 1000;
  let delayMs = 500;
  for (let attempt = 1; ; attempt++) {
    try {
      await database.sql.query("SELECT 1");
      if (attempt > 1) options.logger.info({ attempts: attempt }, "database reachable");
      return;
    } catch (error) {
      const reason = describeDatabaseError(error);
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) {
        const waited = Math.round((Date.now() - started) / 1000);
        throw new StartupError(
          `The database is not reachable (${reason}); gave up after ${attempt} attempt(s) in ${waited} s ` +
            `(DATABASE_STARTUP_TIMEOUT_SECONDS=${options.timeoutSeconds}). Check DATABASE_URL and that the database server is running.`,
        );
      }
      const waitMs = Math.min(delayMs, remainingMs);
      options.logger.warn(`database not reachable (${reason}); retrying in ${(waitMs / 1000).toFixed(1)} s`);
      await sleep(waitMs);
      delayMs = Math.min(delayMs * 2, 5000);
    }
  }
}
