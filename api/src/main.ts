// Entry point of `npm start`: migrate (and seed an empty database), then serve until a signal.
import pino from "pino";
import { createApp, type App } from "./app.ts";
import { ConfigurationError, loadConfig, type Config } from "./config.ts";
import { StartupError } from "./db/wait-for-database.ts";
import { buildServer } from "./server.ts";
import { scheduleHourly } from "./lib/schedule-hourly.ts";
import { pruneLimitRecords } from "./services/accounts/prune-limit-records.ts";
import { scheduleFileSweep } from "./services/files/sweep-unused-files.ts";
import { scheduleReminderRuns } from "./jobs/payment-reminders.ts";
import { scheduleCardReconciliation } from "./services/payments/card/reconcile-card-payments.ts";

// Configuration mistakes and an unreachable database end the process with one clear line and a
// non-zero exit code, never with a stack trace.
let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  pino().fatal(error.message);
  process.exit(1);
}
const logger = pino({ level: config.LOG_LEVEL });
let app: App;
try {
  app = await createApp({ config, logger, prepareDatabase: true });
} catch (error) {
  if (!(error instanceof StartupError)) throw error;
  logger.fatal(error.message);
  process.exit(1);
}
const server = await buildServer(app);
const stopFileSweep = scheduleFileSweep(app.services);
const stopPruning = scheduleHourly(app.services.logger, "deleting expired rate-limit records", () => pruneLimitRecords(app.services));
const stopCardReconciliation = scheduleCardReconciliation(app.services);
const stopReminderRuns = scheduleReminderRuns(app.services);
await app.services.jobs.startWorkers();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  server.log.info({ signal }, "shutting down: finishing in-flight requests and running jobs");
  // The job queue stops fetching at once and gives running jobs JOB_SHUTDOWN_TIMEOUT_SECONDS; the
  // rest is failed and retried by another instance or the next start.
  const forced = setTimeout(() => process.exit(1), (config.JOB_SHUTDOWN_TIMEOUT_SECONDS + 15) * 1000);
  forced.unref();
  try {
    stopFileSweep();
    stopPruning();
    stopCardReconciliation();
    stopReminderRuns();
    // Both at once: the workers stop fetching now while requests in flight finish.
    await Promise.all([server.close(), app.services.jobs.stop()]);
    await app.close();
    process.exit(0);
  } catch (error) {
    server.log.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

await server.listen({ port: config.PORT, host: config.HOST });
