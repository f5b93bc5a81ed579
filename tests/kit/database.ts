import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { loadConfig, paths } from "../../api/src/config.ts";
import { openDatabase, type Database, type DatabaseOptions } from "../../api/src/db/database.ts";
import { migrate, readMigrations } from "../../api/src/db/migrate.ts";
import { installJobSchema } from "../../api/src/jobs/job-queue.ts";

/**
 * Every test file gets its own database, created from a migrated template so that no file pays
 * for the migrations: a PGlite data-directory dump by default, `CREATE DATABASE ... TEMPLATE` on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = path.join(here, "..", ".artifacts");
const PGLITE_TEMPLATE = path.join(ARTIFACTS, "pglite-template.tar.gz");
// Several checkouts may test against one PostgreSQL server at once: each names its own template.
const PG_TEMPLATE = process.env.TEST_TEMPLATE_DATABASE || "portal_test_template";

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Vitest global setup: build the template once per run. */
export async function prepareTemplate(): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const migrations = readMigrations(paths.migrations);
  const url = testDatabaseUrl();
  if (url) {
    await admin(url, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${PG_TEMPLATE}`);
    });
    const database = await openDatabase({ url: withDatabase(url, PG_TEMPLATE), poolSize: 1 });
    await migrate(database, migrations);
    await installJobSchema(database, loadConfig({ NODE_ENV: "test" }));
    await database.close();
    return;
  }
  const template = await openDatabase({});
  await migrate(template, migrations);
  await installJobSchema(template, loadConfig({ NODE_ENV: "test" }));
  const dump = await template.dumpDataDir!();
  fs.writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await template.close();
}

export interface TestDatabase extends Database {
  /** PostgreSQL only: the per-file database's URL, for tests that need a second connection. */
  url?: string;
  /** Drops the per-file database (PostgreSQL) or frees memory (PGlite). */
  destroy(): Promise<void>;
}

let counter = 0;

export async function createTestDatabase(options: Pick<DatabaseOptions, "onQuery"> = {}): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  if (url) {
    const name = `portal_test_${process.pid}_${Date.now()}_${counter++}`;
    await admin(url, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE}`));
    const database = await openDatabase({ url: withDatabase(url, name), poolSize: 4, ...options });
    return {
      ...database,
      url: withDatabase(url, name),
      async destroy() {
        await database.close();
        await admin(url, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }
  const dump = fs.readFileSync(PGLITE_TEMPLATE);
  const database = await openDatabase({ loadDataDir: new Blob([dump]), ...options });
  return { ...database, destroy: () => database.close() };
}
