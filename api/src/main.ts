// Entry point of `npm start`: migrate (and seed an empty database), then serve until a signal.
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { buildServer } from "./server.ts";
import { scheduleFileSweep } from "./services/files/sweep-unused-files.ts";

const config = loadConfig();
const app = await createApp({ config, prepareDatabase: true });
const server = await buildServer(app);
const stopFileSweep = scheduleFileSweep(app.services);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  server.log.info({ signal }, "shutting down: finishing in-flight requests");
  const forced = setTimeout(() => process.exit(1), 15_000);
  forced.unref();
  try {
    stopFileSweep();
    await server.close();
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
