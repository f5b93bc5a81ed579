import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.ts";

/** The narrow raw-SQL surface the migration runner, health checks and benchmarks need. */
export interface SqlConnection {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a parameterless script that may hold several statements. */
  exec(sql: string): Promise<void>;
}

export interface Database {
  kind: "pglite" | "postgres";
  /** PostgreSQL only: the connection URL (the job queue opens its own small pool with it). */
  url?: string;
  /** PGlite only: the embedded instance (the job queue runs its statements on it). */
  pglite?: PGlite;
  prisma: PrismaClient;
  sql: SqlConnection;
  /** Runs `fn` on one dedicated connection (session-level advisory locks need that). */
  withConnection<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a gzipped tarball (backups, test templates). */
  dumpDataDir?: () => Promise<Blob>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent an embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data directory; when absent (and no url) the database lives in memory. */
  dataDir?: string | undefined;
  /** A PGlite data-directory dump to start from (fast per-test databases). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
  /** Called for every SQL statement Prisma or `sql.query` runs (tests count them). */
  onQuery?: (sql: string) => void;
}

const pgliteExtensions = { unaccent, pg_trgm };

export async function openPGlite(options: { dataDir?: string | undefined; loadDataDir?: Blob | File | undefined } = {}): Promise<PGlite> {
  if (options.dataDir) fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  return PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: pgliteExtensions,
  });
}

function prismaClient(adapter: PrismaPGlite | PrismaPg, onQuery?: (sql: string) => void) {
  const client = new PrismaClient({
    adapter,
    // "minimal" skips capturing a stack trace (new Error()) on every query to point at the call
    // site in a pretty message: ~3 % of the board's CPU. Errors still carry their own stack.
    errorFormat: "minimal",
    log: onQuery ? [{ emit: "event", level: "query" }] : [],
  });
  if (onQuery) client.$on("query" as never, (event: { query: string }) => onQuery(event.query));
  return client;
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.url) return openPostgres(options.url, options);
  const pglite = await openPGlite(options);
  const connection: SqlConnection = {
    async query<Row>(sql: string, params: unknown[] = []) {
      options.onQuery?.(sql);
      return (await pglite.query<Row>(sql, params)).rows;
    },
    async exec(sql: string) {
      await pglite.exec(sql);
    },
  };
  const prisma = prismaClient(new PrismaPGlite(pglite), options.onQuery);
  // PGlite is one connection shared by everyone, so session-level locks cannot exclude callers in
  // this process; a queue gives `withConnection` the same exclusivity a pooled connection has.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    kind: "pglite",
    pglite,
    prisma,
    sql: connection,
    withConnection<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T> {
      const run = queue.then(() => fn(connection));
      queue = run.catch(() => undefined);
      return run;
    },
    dumpDataDir: async () => (await pglite.dumpDataDir("gzip")) as Blob,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

function pgConnection(client: pg.Pool | pg.PoolClient, onQuery?: (sql: string) => void): SqlConnection {
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      onQuery?.(sql);
      return (await client.query(sql, params)).rows as Row[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle connection the server ends (a restart, a failover, a test dropping its database while
  // the pool closes) is an 'error' event of the pool: without a listener it would end the process.
  // The pool has already dropped the connection; the next query opens a new one.
  pool.on("error", () => {});
  const prisma = prismaClient(new PrismaPg(pool), options.onQuery);
  return {
    kind: "postgres",
    url,
    prisma,
    sql: pgConnection(pool, options.onQuery),
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(pgConnection(client));
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
