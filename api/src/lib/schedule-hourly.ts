import type { Logger } from "pino";

/**
 * Runs a housekeeping task every hour (first a minute after start), never twice at once in this
 * process; a failure is logged and the next hour tries again. Returns a function that stops it.
 * The tasks are idempotent, so several instances running them side by side only repeat work.
 */
export function scheduleHourly(logger: Logger, name: string, task: () => Promise<unknown>): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    task()
      .catch((error: unknown) => logger.error({ err: error, task: name }, `${name} failed`))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(run, 60_000);
  const every = setInterval(run, 3_600_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
