import path from "node:path";
import type { ExecutionResult } from "graphql";
import pino, { type Logger } from "pino";
import { systemClock, type Clock } from "./clock.ts";
import { paths, type Config } from "./config.ts";
import type { AppServices } from "./context.ts";
import { openDatabase, type Database } from "./db/database.ts";
import { migrate, readMigrations } from "./db/migrate.ts";
import { waitForDatabase } from "./db/wait-for-database.ts";
import { createMailer } from "./integrations/mail.ts";
import { jobKinds } from "./jobs/index.ts";
import { createJobQueue, installJobSchema } from "./jobs/job-queue.ts";
import { createPublicCache } from "./services/public-cache/create-public-cache.ts";
import { seedDemo } from "../../prisma/seed/demo.ts";
import { ensureAllVapidKeys } from "./services/notification-channels/ensure-vapid-keys.ts";
import { createMunicipalityResolver } from "./services/tenancy/resolve-municipality.ts";
import { createPortalYoga } from "./yoga.ts";

export interface AppOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** An already open database (tests); otherwise one is opened from the config. */
  database?: Database;
  /** Apply migrations (and seed an empty database when SEED_DEMO) before serving. */
  prepareDatabase?: boolean;
}

export type App = Awaited<ReturnType<typeof createApp>>;

/** A production municipality whose links would point at a development address (e.g. after the upgrade that introduced the field). */
async function warnAboutLocalPublicUrls(database: Database, logger: Logger) {
  const municipalities = await database.prisma.municipality.findMany({ select: { slug: true, publicUrl: true } });
  for (const { slug, publicUrl } of municipalities) {
    const { hostname } = new URL(publicUrl);
    if (hostname === "localhost" || hostname.endsWith(".localhost") || /^(127\.|\[::1\])/.test(hostname)) {
      logger.warn(
        { municipality: slug, publicUrl },
        "municipality's public URL is a local address: e-mailed links will not work; set it on the admin settings page",
      );
    }
  }
}

export async function createApp(options: AppOptions) {
  const { config } = options;
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const database =
    options.database ??
    (await openDatabase({
      url: config.DATABASE_URL,
      dataDir: path.join(config.DATA_DIR, "pglite"),
      poolSize: config.DATABASE_POOL_SIZE,
    }));
  if (options.prepareDatabase) {
    await waitForDatabase(database, { timeoutSeconds: config.DATABASE_STARTUP_TIMEOUT_SECONDS, logger });
    const report = await migrate(database, readMigrations(paths.migrations));
    if (report.applied.length > 0) logger.info({ applied: report.applied }, "migrations applied");
    await installJobSchema(database, config);
    if (config.SEED_DEMO && (await database.prisma.municipality.count()) === 0) {
      await seedDemo(database.prisma);
      logger.info("demo data seeded");
    }
    // Web push: each town's VAPID key pair is generated on first start and stored (browsers bind to it).
    const generated = await ensureAllVapidKeys(database.prisma, config.VAPID_SUBJECT);
    if (generated > 0) logger.info({ municipalities: generated }, "web push (VAPID) keys generated");
  }
  const municipalities = createMunicipalityResolver(database.prisma, {
    defaultSlug: config.DEFAULT_MUNICIPALITY,
    // Production answers only mapped host names (421 for the rest); development and tests fall back.
    fallbackToDefault: config.NODE_ENV !== "production",
  });
  if (options.prepareDatabase && config.NODE_ENV === "production") await warnAboutLocalPublicUrls(database, logger);
  const clock = options.clock ?? systemClock;
  // Anonymous public answers, shared per municipality and locale (RESPONSE_CACHE_TTL_SECONDS=0: off).
  const responseCache = createPublicCache<ExecutionResult>({
    prisma: database.prisma,
    clock,
    ttlSeconds: config.RESPONSE_CACHE_TTL_SECONDS,
  });
  // Enqueueing works from here on; the workers that run the jobs are started by main.ts
  // (`services.jobs.startWorkers()`), and tests run them with `services.jobs.drain()`.
  const jobs = createJobQueue({ database, config, logger, kinds: jobKinds, maintenance: config.NODE_ENV !== "test" });
  const services: AppServices = {
    config,
    database,
    clock,
    logger,
    mailer: createMailer({ prisma: database.prisma, clock, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }),
    jobs,
    municipalities,
    publicCache: responseCache,
  };
  await jobs.start(services);
  const yoga = createPortalYoga({ services, municipalities, responseCache });
  return {
    services,
    /** The job queue (also `services.jobs`); tests run queued jobs with `app.jobs.drain()`. */
    jobs,
    yoga,
    municipalities,
    /** Stops the job queue (running jobs get JOB_SHUTDOWN_TIMEOUT_SECONDS to finish), then the database. */
    async close() {
      await jobs.stop();
      await database.close();
    },
  };
}
