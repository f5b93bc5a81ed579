import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** PostgreSQL URL; when unset the embedded PGlite database under DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(path.join(repoRoot, "data")),
  /** Pool size per process for PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** smtp(s)://user:pass@host:port; when unset e-mail stays in the outbox table. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Portál občana <no-reply@localhost>"),
  /** Trust X-Forwarded-* headers from a reverse proxy (needed for TLS detection and client IPs). */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  /** Slug of the municipality used when the host name is not mapped (defaults to the one marked default). */
  DEFAULT_MUNICIPALITY: z.string().optional(),
  /** Where the built PWA lives. */
  PWA_DIST: z.string().default(path.join(repoRoot, "pwa", "dist")),
  /** Seed the demo towns on first start of an empty database. */
  SEED_DEMO: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).default(12),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(100).default(5000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).default(30),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(5000),
  /** How long anonymous public GraphQL answers are cached (never past the board's next change); 0 disables. */
  RESPONSE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** CSP frame-ancestors: who may embed the portal (e.g. "'self' https://www.town.example"). */
  FRAME_ANCESTORS: z.string().default("'none'"),
  /** Largest request body accepted, in bytes. */
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Largest uploaded file (notice attachments, register imports), in bytes; multipart requests may exceed BODY_LIMIT up to this. */
  FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  /** Uploaded files nobody attached are deleted after this many hours (0 keeps them for ever). */
  UPLOAD_RETENTION_HOURS: z.coerce.number().int().min(0).default(168),
  /** Jobs (e-mail and other background work) one process runs at once, per job kind. */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(2),
  /** How often an idle worker looks for due jobs, in seconds. */
  JOB_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** PostgreSQL only: connections the job queue keeps (fetching and settling jobs; handlers use the main pool). */
  JOB_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(3),
  /** On SIGTERM, how long running jobs may take to finish before they are failed (and retried later). */
  JOB_SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  /** Finished jobs, dead letters included, are deleted after this many days. */
  JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Retries of a failed e-mail delivery (after the first attempt) before it becomes a dead letter. */
  MAIL_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(6),
  /** First retry delay of an e-mail, in seconds; each further retry waits about twice as long. */
  MAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Account e-mails asked for anonymously (sign-up, password reset, verification resend): sliding window, in minutes. */
  ACCOUNT_EMAIL_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /** At most this many such e-mails to one address per kind within the window... */
  ACCOUNT_EMAIL_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(100).default(3),
  /** ...and at least this many minutes apart. */
  ACCOUNT_EMAIL_COOLDOWN_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  /** Requests for such e-mails from one client address within the window (all kinds, all towns). */
  ACCOUNT_EMAIL_MAX_PER_IP: z.coerce.number().int().min(1).max(10_000).default(30),
});

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

export const paths = {
  repoRoot,
  migrations: path.join(repoRoot, "prisma", "migrations"),
  schemaPrisma: path.join(repoRoot, "prisma", "schema.prisma"),
  schemaGraphql: path.join(repoRoot, "schema.graphql"),
};
