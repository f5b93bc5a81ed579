import net from "node:net";
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
  /**
   * Which reverse proxies' X-Forwarded-* headers to believe (TLS detection, client IPs): `false`, the
   * number of proxies in front of the portal (hops), or their addresses/CIDRs. `true` is refused:
   * it would believe whatever X-Forwarded-For a client sends.
   */
  TRUST_PROXY: z.string().default("false").transform(parseTrustProxy),
  /** Serve GraphQL introspection (and GraphiQL in development); off by default in production. */
  GRAPHQL_INTROSPECTION: z.enum(["true", "false", "1", "0"]).optional(),
  /** How long start-up keeps retrying an unreachable database before giving up (seconds; 0 = one try). */
  DATABASE_STARTUP_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
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
  /**
   * Card payments: `stripe`, `demo` (the built-in test gateway where nothing is paid; refused in
   * production) or `off`. Unset: Stripe when its keys are set, else the demo gateway on the embedded
   * database in development, else off. See README "Card payments".
   */
  CARD_PAYMENTS: z.enum(["stripe", "demo", "off"]).optional(),
  /** Stripe's secret API key (sk_live_… / sk_test_…). */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** The signing secret of the portal's Stripe webhook endpoint (whsec_…). */
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Another Stripe API address (tests point it at a local fake), e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: z.string().url().optional(),
  /** Pending card payments older than this are re-checked with the provider by the reconciliation job. */
  CARD_RECONCILE_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  // Notification channels (issue 12; see README "Notifications").
  /**
   * `live` sends by e-mail (SMTP_URL), SMS (SMS_GATEWAY_URL) and web push; `outbox` (demo) writes every
   * channel's message to the outbox table instead. Unset: live in production, outbox elsewhere.
   */
  NOTIFICATION_DELIVERY: z.enum(["live", "outbox"]).optional(),
  /** The SMS gateway's send URL (HTTPS; JSON POST, see README); unset: SMS go to the outbox. */
  SMS_GATEWAY_URL: z.string().url().optional(),
  /** Bearer token for the SMS gateway. */
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  /** Sender name or number the gateway shows (alphanumeric senders must be registered with it). */
  SMS_SENDER: z.string().min(1).max(11).optional(),
  /** Contact the push services may use about our traffic (VAPID subject): mailto: or https: URL. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, "a mailto: or https:// URL")
    .default("mailto:podpora@portal-obcana.example"),
  /**
   * Push service origins allowed beside the browsers' own (comma-separated, e.g. a self-hosted push
   * service or the tests' local one): the portal POSTs only to these and the known ones.
   */
  PUSH_ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  /** Retries of a failed notification delivery (after the first attempt) before its deliveries are dead letters. */
  NOTIFICATION_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(6),
  /** First retry delay of a notification delivery, in seconds; each further retry waits about twice as long. */
  NOTIFICATION_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Deliveries one job sends (a crisis alert's 100 000 pushes are 200 jobs of 500). */
  NOTIFICATION_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
  /** Sends one delivery job runs at once (HTTP requests to push services and the SMS gateway). */
  NOTIFICATION_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  /** Phone verification codes one citizen may ask for within an hour... */
  PHONE_CODE_MAX_PER_HOUR: z.coerce.number().int().min(1).max(20).default(3),
  /** ...and at least this many seconds apart. */
  PHONE_CODE_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Life situations: the town's ClamAV daemon (clamd, INSTREAM over TCP) that checks citizens' uploads, "host:port". Unset: uploads are checked by type and size only. */
  CLAMAV_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, "host:port, e.g. 127.0.0.1:3310")
    .optional(),
  /** How long one antivirus check may take, in milliseconds. */
  CLAMAV_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Largest attachment of a citizen's form, in bytes (each form slot may set a lower limit). */
  FORM_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /** Retries of one step of a submission's delivery to the records system before it needs an admin's "retry step". */
  SUBMISSION_DELIVERY_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
  /** Timeout of one webhook call to the records system, in milliseconds. */
  SUBMISSION_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

/** The proxies whose X-Forwarded-* headers are believed: none, a hop count, or addresses and CIDRs (Fastify's `trustProxy`). */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for address ranges, accepted beside addresses and CIDRs. */
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrCidr(value: string): boolean {
  if (PROXY_RANGE_NAMES.has(value)) return true;
  const [address = "", prefix, ...rest] = value.split("/");
  const family = net.isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export function parseTrustProxy(raw: string, context: z.RefinementCtx): TrustProxy {
  const value = raw.trim().toLowerCase();
  if (value === "" || value === "false" || value === "0") return false;
  if (value === "true") {
    context.addIssue({
      code: "custom",
      message:
        "`true` would believe any X-Forwarded-For a client sends (forged client addresses, bypassed login limits). " +
        "Set the number of reverse proxies in front of the portal (e.g. TRUST_PROXY=1) or their addresses (e.g. TRUST_PROXY=127.0.0.1,10.0.0.0/8)",
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(",").map((entry) => entry.trim());
  const invalid = entries.filter((entry) => !isAddressOrCidr(entry));
  if (invalid.length > 0) {
    context.addIssue({
      code: "custom",
      message: `not a hop count nor a list of addresses/CIDRs (${invalid.join(", ")}); e.g. TRUST_PROXY=1 or TRUST_PROXY=127.0.0.1,10.0.0.0/8`,
    });
    return z.NEVER;
  }
  return entries;
}

export type CardPaymentsMode = "stripe" | "demo" | "off";

export type Config = z.infer<typeof envSchema> & {
  introspection: boolean;
  cardPayments: CardPaymentsMode;
  /** NOTIFICATION_DELIVERY resolved: live in production unless set, the outbox elsewhere. */
  notificationDelivery: "live" | "outbox";
};

/** Which card gateway the portal uses; throws a ConfigurationError for a combination that cannot work. */
function resolveCardPayments(env: z.infer<typeof envSchema>): CardPaymentsMode {
  const stripeKeys = Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET);
  const mode: CardPaymentsMode =
    env.CARD_PAYMENTS ?? (stripeKeys ? "stripe" : env.NODE_ENV === "development" && !env.DATABASE_URL ? "demo" : "off");
  if (mode === "stripe" && !stripeKeys) {
    throw new ConfigurationError("Invalid configuration: CARD_PAYMENTS=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET");
  }
  if (mode === "demo" && env.NODE_ENV === "production") {
    throw new ConfigurationError(
      "Invalid configuration: CARD_PAYMENTS=demo is a test gateway where nothing is paid and is refused in production; use stripe or off",
    );
  }
  return mode;
}

/** A configuration the process cannot start with; its message is one line for the operator. */
export class ConfigurationError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigurationError(`Invalid configuration: ${problems}`);
  }
  const { GRAPHQL_INTROSPECTION } = parsed.data;
  // The schema is public (schema.graphql is published), but production need not answer
  // introspection to anyone who asks: it is an operator's choice, off unless set.
  const introspection = GRAPHQL_INTROSPECTION
    ? GRAPHQL_INTROSPECTION === "true" || GRAPHQL_INTROSPECTION === "1"
    : parsed.data.NODE_ENV !== "production";
  const notificationDelivery = parsed.data.NOTIFICATION_DELIVERY ?? (parsed.data.NODE_ENV === "production" ? "live" : "outbox");
  return { ...parsed.data, introspection, cardPayments: resolveCardPayments(parsed.data), notificationDelivery };
}

export const paths = {
  repoRoot,
  migrations: path.join(repoRoot, "prisma", "migrations"),
  schemaPrisma: path.join(repoRoot, "prisma", "schema.prisma"),
  schemaGraphql: path.join(repoRoot, "schema.graphql"),
};
