import type { YogaInitialContext } from "graphql-yoga";
import type { Logger } from "pino";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/database.ts";
import type { TenantDb } from "./db/tenant.ts";
import type { Agenda, ApiToken, Role } from "./generated/prisma/client.ts";
import type { Locale } from "./i18n/messages.ts";
import type { Mailer } from "./integrations/mail.ts";
import type { JobQueue } from "./jobs/job-queue.ts";
import type { Municipality, MunicipalityResolver } from "./services/tenancy/resolve-municipality.ts";

/** The person (or integrator token) a request acts for. */
export interface Viewer {
  userId: string;
  role: Role;
  agendas: Agenda[];
  sessionId: string;
}

/**
 * The cache of public GraphQL responses. Mutations that change what the public sees (publishing,
 * editing, withdrawing a notice or a register entry) call `invalidate` for their municipality.
 */
export interface PublicCache {
  invalidate(municipalityId: string): Promise<void>;
}

/** Process-wide services, built once at start-up and shared by every request. */
export interface AppServices {
  config: Config;
  database: Database;
  clock: Clock;
  mailer: Mailer;
  /** The durable job queue (e-mail and other background work); see api/src/jobs/job-queue.ts. */
  jobs: JobQueue;
  logger: Logger;
  municipalities: MunicipalityResolver;
  publicCache: PublicCache;
}

export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** True when the request reached us over TLS (directly or via a trusted proxy). */
  secure: boolean;
}

export interface Context extends YogaInitialContext {
  services: AppServices;
  clock: Clock;
  municipality: Municipality;
  /** The tenant-scoped Prisma client: the only data access resolvers use. */
  db: TenantDb;
  viewer: Viewer | null;
  apiToken: ApiToken | null;
  locale: Locale;
  meta: RequestMeta;
  /** Set-Cookie headers to add to the response. */
  responseCookies: string[];
}
