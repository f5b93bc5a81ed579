import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Database, SqlConnection } from "./database.ts";

/**
 * Applies the SQL migrations in prisma/migrations/<timestamp>_<name>/migration.sql.
 *
 * - Bookkeeping uses Prisma's own `_prisma_migrations` table and checksum (SHA-256 of the file), so
 *   `prisma migrate status` run elsewhere agrees with it.
 * - A session-level advisory lock serialises concurrent starts: a second instance waits, then finds
 *   nothing left to do.
 * - Each migration runs in its own transaction together with its bookkeeping row.
 * - A migration that was applied and later edited stops the run: history is append-only.
 */

// Same lock key as `prisma migrate` uses, so our runner and Prisma's never interleave.
const ADVISORY_LOCK_KEY = 72707369;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationChecksumError extends Error {
  readonly migration: string;
  constructor(migration: string) {
    super(
      `Migration ${migration} was edited after it had been applied. Migrations are append-only: ` +
        `restore the file and add a new migration instead.`,
    );
    this.name = "MigrationChecksumError";
    this.migration = migration;
  }
}

export function checksum(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

export function readMigrations(directory: string): MigrationFile[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(directory, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksum(sql) };
    });
}

const bookkeepingTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

async function applyPending(connection: SqlConnection, migrations: MigrationFile[]): Promise<MigrationReport> {
  await connection.exec(bookkeepingTable);
  const rows = await connection.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
  for (const migration of migrations) {
    const recorded = applied.get(migration.name);
    if (recorded !== undefined && recorded !== migration.checksum) throw new MigrationChecksumError(migration.name);
  }
  const pending = migrations.filter((migration) => !applied.has(migration.name));
  for (const migration of pending) {
    await connection.exec("BEGIN");
    try {
      await connection.exec(migration.sql);
      await connection.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      await connection.exec("COMMIT");
    } catch (error) {
      await connection.exec("ROLLBACK");
      throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return { applied: pending.map((m) => m.name), alreadyApplied: applied.size };
}

export async function migrate(database: Database, migrations: MigrationFile[]): Promise<MigrationReport> {
  return database.withConnection(async (connection) => {
    await connection.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    try {
      return await applyPending(connection, migrations);
    } finally {
      await connection.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
    }
  });
}
