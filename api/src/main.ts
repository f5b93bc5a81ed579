// Entry point of `npm start`: migrate (and seed an empty database), then serve until a signal.
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { buildServer } from "./server.ts";
import { scheduleFileSweep } from "./services/files/sweep-unused-files.ts";

const config = loadConfig();
const app = await createApp({ config, prepareDatabase: true });
const server = await buildServer(app);
const stopFileSweep = scheduleFileSweep(app.services);
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
