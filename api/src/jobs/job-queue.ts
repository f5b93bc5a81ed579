import { createHash } from "node:crypto";
import { PgBoss, fromPglite, fromPrisma, type ConstructorOptions, type Job, type PrismaTransactionLike } from "pg-boss";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { AppServices } from "../context.ts";
import type { Database } from "../db/database.ts";

/**
 * The durable job queue: pg-boss on the portal's own database (PostgreSQL, or the embedded PGlite),
 * so a job is committed, retried and inspected with the same guarantees as the data it is about.
 *
 * A feature adds work in three steps (see docs/ARCHITECTURE.md, "Background jobs"):
 * 1. `defineJob({ name, retry, handle })` in `api/src/jobs/<kind>.ts`, with an idempotent handler;
 * 2. list it in `api/src/jobs/index.ts`;
 * 3. `ctx.services.jobs.enqueue(kind, data, { tx, key, startAfter })` where the work arises.
 */

/** What every job's data carries: the municipality it belongs to, whose admins see it if it dies. */
export interface JobData {
  municipalityId: string;
}

/** One attempt at one job, as the handler sees it. */
export interface RunningJob {
  /** Stable across retries: use it (or a key of the work) to make the effect happen once. */
  id: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  /** Aborted when the worker gives up on the attempt (timeout, shutdown past its grace). */
  signal: AbortSignal;
}

export interface JobKind<Data extends JobData> {
  /** The queue's name: lower-case letters, digits and hyphens. */
  name: string;
  /**
   * Retries after a failed attempt, each waiting about twice as long as the one before (with
   * jitter): `delaySeconds`, 2×, 4×, ... up to `maxDelaySeconds`. After the last retry the job is a
   * dead letter, listed for the municipality's admins.
   */
  retry: (config: Config) => { limit: number; delaySeconds: number; maxDelaySeconds?: number };
  /** An attempt running longer than this is failed (and retried). Default 5 minutes. */
  timeoutSeconds?: number;
  /**
   * Does the work. Must be idempotent: a worker can die after the effect and before the job is
   * marked done, and the job then runs again. Throw to fail the attempt.
   */
  handle(data: Data, job: RunningJob, services: AppServices): Promise<void>;
}

/** Declares a job kind (only gives the literal its type). */
export function defineJob<Data extends JobData>(kind: JobKind<Data>): JobKind<Data> {
  return kind;
}

export interface EnqueueOptions {
  /**
   * The business transaction (`ctx.db.$transaction(async (tx) => …)`): the job is inserted through
   * it, so it exists exactly when the transaction commits and vanishes with a rollback.
   */
  tx?: PrismaTransactionLike;
  /**
   * Idempotency key: a second enqueue of the same kind and key, while the first job is kept
   * (JOB_RETENTION_DAYS), adds nothing and returns null.
   */
  key?: string;
  /** Not before this time (reminders, delayed retries of business steps). */
  startAfter?: Date;
}

/** A job that used up its retries. */
export interface DeadLetter {
  id: string;
  kind: string;
  createdAt: Date;
  failedAt: Date | null;
  attempts: number;
  /** The last attempt's error message, without credentials; never the job's data. */
  lastError: string | null;
}

export interface JobQueue {
  /** Queues a job; returns its id, or null when `key` was already used. */
  enqueue<Data extends JobData>(kind: JobKind<Data>, data: Data, options?: EnqueueOptions): Promise<string | null>;
  /** Starts the workers: each kind is fetched and run, JOB_CONCURRENCY at a time, until `stop`. */
  startWorkers(): Promise<void>;
  /**
   * Runs every job that is due, in this process, one at a time, until none is left (jobs waiting
   * for a retry delay or a start time are not due). For tests and one-off scripts.
   */
  drain(): Promise<{ completed: number; failed: number }>;
  /** Stops fetching, lets running jobs finish for up to `timeoutMs`, then fails the rest (they retry later). */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  deadLetters(municipalityId: string, options?: { limit?: number }): Promise<DeadLetter[]>;
  /** Gives a dead letter one more attempt; false when there is no such dead letter of this municipality. */
  retryDeadLetter(municipalityId: string, id: string): Promise<boolean>;
  /** Deletes a dead letter; false when there is no such dead letter of this municipality. */
  discardDeadLetter(municipalityId: string, id: string): Promise<boolean>;
}

const PGBOSS_SCHEMA = "pgboss";
const MAX_ERROR_LENGTH = 500;

// Job kinds are generic in their data; the queue stores them side by side.
type AnyJobKind = JobKind<never>;

/**
 * How pg-boss reaches the database: PGlite's own instance (its `exec` runs pg-boss's
 * multi-statement scripts), or a small pool of its own on PostgreSQL.
 */
function connection(database: Database, config: Config): Pick<ConstructorOptions, "db" | "backend" | "connectionString" | "max"> {
  if (database.pglite) return { db: fromPglite(database.pglite), backend: "pglite" };
  if (!database.url) throw new Error("The job queue needs the PostgreSQL URL of the database");
  return { connectionString: database.url, max: config.JOB_POOL_SIZE };
}

/** Creates or upgrades pg-boss's tables (schema `pgboss`); idempotent. Start-up and test templates call it. */
export async function installJobSchema(database: Database, config: Config): Promise<void> {
  const boss = new PgBoss({
    ...connection(database, config),
    schema: PGBOSS_SCHEMA,
    supervise: false,
    schedule: false,
    registerInstance: false,
  });
  await boss.start();
  await boss.stop({ graceful: false, close: true });
}

/** The job's id when it has an idempotency key: a UUID derived from the kind and the key. */
function idForKey(kind: string, key: string): string {
  const hex = createHash("sha256").update(`${kind}\u0000${key}`).digest("hex");
  // Shaped as a version-5-like UUID (pg-boss's id column is uuid).
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An error message fit for the admins' list and the job table: credentials in URLs removed, bounded. */
export function describeError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return raw
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, "$1***@")
    .replace(/\s+/g, " ")
    .slice(0, MAX_ERROR_LENGTH);
}

export function createJobQueue(options: {
  database: Database;
  config: Config;
  logger: Logger;
  kinds: readonly AnyJobKind[];
  /**
   * Background upkeep of the queue (expiring stuck jobs, deleting old ones, instance heartbeats).
   * Off in tests, which run jobs with `drain` and need no timers.
   */
  maintenance: boolean;
}): JobQueue & { start(services: AppServices): Promise<void> } {
  const { database, config, logger } = options;
  const kinds = new Map(options.kinds.map((kind) => [kind.name, kind]));
  const boss = new PgBoss({
    ...connection(database, config),
    schema: PGBOSS_SCHEMA,
    supervise: options.maintenance,
    schedule: options.maintenance,
    registerInstance: options.maintenance,
  });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  let services: AppServices | null = null;
  let started = false;
  let stopped = false;

  async function run(kind: AnyJobKind, job: Job<unknown>): Promise<void> {
    if (!services) throw new Error("The job queue was not started");
    const attempt = job.retryCount + 1;
    try {
      // Jobs taken with `fetch` (drain) carry no signal of their own.
      await kind.handle(job.data as never, { id: job.id, attempt, signal: job.signal ?? new AbortController().signal }, services);
    } catch (error) {
      const retry = kind.retry(config);
      const dead = job.retryCount >= retry.limit;
      logger[dead ? "error" : "warn"](
        { jobId: job.id, kind: kind.name, attempt, err: error },
        dead ? "job failed for good (dead letter)" : "job failed; it will be retried",
      );
      // What pg-boss stores as the job's output: the message only, no stack, no data.
      throw new JobAttemptFailed(describeError(error));
    }
  }

  const queue = {
    async start(appServices: AppServices) {
      services = appServices;
      await boss.start();
      for (const kind of kinds.values()) {
        const retry = kind.retry(config);
        const policy = {
          retryLimit: retry.limit,
          retryDelay: retry.delaySeconds,
          retryBackoff: true,
          ...(retry.maxDelaySeconds ? { retryDelayMax: retry.maxDelaySeconds } : {}),
          expireInSeconds: kind.timeoutSeconds ?? 300,
          deleteAfterSeconds: config.JOB_RETENTION_DAYS * 86_400,
        };
        // createQueue leaves an existing queue as it is; updateQueue brings its policy up to date.
        await boss.createQueue(kind.name, policy);
        await boss.updateQueue(kind.name, policy);
      }
      started = true;
    },

    async enqueue<Data extends JobData>(kind: JobKind<Data>, data: Data, enqueueOptions: EnqueueOptions = {}) {
      if (!started) throw new Error("The job queue was not started");
      if (!kinds.has(kind.name)) throw new Error(`Unknown job kind ${kind.name}: list it in api/src/jobs/index.ts`);
      return boss.send(kind.name, data, {
        ...(enqueueOptions.tx ? { db: fromPrisma(enqueueOptions.tx) } : {}),
        ...(enqueueOptions.key ? { id: idForKey(kind.name, enqueueOptions.key) } : {}),
        ...(enqueueOptions.startAfter ? { startAfter: enqueueOptions.startAfter } : {}),
      });
    },

    async startWorkers() {
      for (const kind of kinds.values()) {
        await boss.work(
          kind.name,
          { localConcurrency: config.JOB_CONCURRENCY, pollingIntervalSeconds: config.JOB_POLL_INTERVAL_SECONDS, batchSize: 1 },
          async ([job]) => {
            if (job) await run(kind, job);
          },
        );
      }
      logger.info({ kinds: [...kinds.keys()], concurrency: config.JOB_CONCURRENCY }, "job workers started");
    },

    async drain() {
      let completed = 0;
      let failed = 0;
      for (let progressed = true; progressed;) {
        progressed = false;
        for (const kind of kinds.values()) {
          const [job] = await boss.fetch<unknown>(kind.name);
          if (!job) continue;
          progressed = true;
          try {
            await run(kind, job);
            await boss.complete(kind.name, job);
            completed++;
          } catch (error) {
            await boss.fail(kind.name, job, { name: "JobAttemptFailed", message: describeError(error) });
            failed++;
          }
        }
      }
      return { completed, failed };
    },

    async stop(stopOptions: { timeoutMs?: number } = {}) {
      if (stopped) return;
      stopped = true;
      if (!started) return;
      await boss.stop({ graceful: true, timeout: stopOptions.timeoutMs ?? config.JOB_SHUTDOWN_TIMEOUT_SECONDS * 1000, close: true });
    },

    async deadLetters(municipalityId: string, listOptions: { limit?: number } = {}) {
      const limit = Math.min(Math.max(listOptions.limit ?? 50, 1), 200);
      const rows = await database.sql.query<{
        id: string;
        name: string;
        created_on: Date;
        completed_on: Date | null;
        retry_count: number;
        message: string | null;
      }>(
        // The output is the error pg-boss recorded: { message, ... } from a handler, a plain string from a shutdown.
        `SELECT id, name, created_on, completed_on, retry_count,
                CASE WHEN jsonb_typeof(output) = 'object' THEN output->>'message' ELSE output #>> '{}' END AS message
           FROM ${PGBOSS_SCHEMA}.job
          WHERE state = 'failed' AND name = ANY($1::text[]) AND data->>'municipalityId' = $2
          ORDER BY completed_on DESC NULLS LAST, id DESC
          LIMIT $3`,
        [[...kinds.keys()], municipalityId, limit],
      );
      return rows.map((row) => ({
        id: row.id,
        kind: row.name,
        createdAt: new Date(row.created_on),
        failedAt: row.completed_on ? new Date(row.completed_on) : null,
        attempts: Number(row.retry_count) + 1,
        lastError: row.message ? describeError(row.message) : null,
      }));
    },

    async retryDeadLetter(municipalityId: string, id: string) {
      const kind = await deadLetterKind(municipalityId, id);
      if (!kind) return false;
      await boss.retry(kind, id);
      return true;
    },

    async discardDeadLetter(municipalityId: string, id: string) {
      const kind = await deadLetterKind(municipalityId, id);
      if (!kind) return false;
      await boss.deleteJob(kind, id);
      return true;
    },
  };

  /** The kind of a dead letter of this municipality, or null (another town's, not failed, no such job). */
  async function deadLetterKind(municipalityId: string, id: string): Promise<string | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    const [row] = await database.sql.query<{ name: string }>(
      `SELECT name FROM ${PGBOSS_SCHEMA}.job
        WHERE id = $1::uuid AND state = 'failed' AND name = ANY($2::text[]) AND data->>'municipalityId' = $3`,
      [id, [...kinds.keys()], municipalityId],
    );
    return row?.name ?? null;
  }

  return queue;
}

/** A failed attempt, as recorded on the job: the message only. */
class JobAttemptFailed extends Error {
  override name = "JobAttemptFailed";
}
