import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { paths } from "../../api/src/config.ts";
import { openDatabase, type Database } from "../../api/src/db/database.ts";
import { MigrationChecksumError, migrate, readMigrations } from "../../api/src/db/migrate.ts";
import { diffMigrationsAgainstSchema } from "../../api/src/db/schema-diff.ts";
import { createTestDatabase, testDatabaseUrl } from "../kit/database.ts";

const opened: { destroy?: () => Promise<void>; close: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const db of opened) await (db.destroy ?? db.close)();
});

function tempMigrations(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function emptyDatabase(): Promise<Database & { url?: string }> {
  // A blank database: PGlite in memory, or a fresh PostgreSQL database on the CI leg.
  const url = testDatabaseUrl();
  if (!url) {
    const db = await openDatabase({});
    opened.push(db);
    return db;
  }
  const db = await createTestDatabase();
  opened.push(db);
  await db.sql.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  return db;
}

describe("migration runner", () => {
  it("applies the project's migrations and records Prisma-compatible checksums", async () => {
    const db = await emptyDatabase();
    const migrations = readMigrations(paths.migrations);
    const report = await migrate(db, migrations);
    expect(report.applied).toEqual(migrations.map((m) => m.name));
    const rows = await db.sql.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows).toEqual(migrations.map((m) => ({ migration_name: m.name, checksum: m.checksum })));
    // A second run finds nothing to do.
    expect((await migrate(db, migrations)).applied).toEqual([]);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const db = await emptyDatabase();
    const dir = tempMigrations({ "20260101000000_one": "CREATE TABLE one (id int);" });
    await migrate(db, readMigrations(dir));
    fs.writeFileSync(path.join(dir, "20260101000000_one", "migration.sql"), "CREATE TABLE one (id bigint);");
    fs.mkdirSync(path.join(dir, "20260102000000_two"));
    fs.writeFileSync(path.join(dir, "20260102000000_two", "migration.sql"), "CREATE TABLE two (id int);");
    await expect(migrate(db, readMigrations(dir))).rejects.toBeInstanceOf(MigrationChecksumError);
    // Nothing after the edited file was applied.
    const tables = await db.sql.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_name = 'two'");
    expect(tables).toEqual([]);
  });

  it("rolls back a failing migration as a whole", async () => {
    const db = await emptyDatabase();
    const dir = tempMigrations({ "20260101000000_half": "CREATE TABLE half (id int); SELECT no_such_function();" });
    await expect(migrate(db, readMigrations(dir))).rejects.toThrow(/20260101000000_half failed/);
    expect(await db.sql.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half'")).toEqual([]);
    expect(await db.sql.query('SELECT 1 FROM "_prisma_migrations"')).toEqual([]);
  });

  it("lets two instances start together without racing", async () => {
    const db = await emptyDatabase();
    const migrations = readMigrations(paths.migrations);
    // On PostgreSQL a real second connection pool; PGlite is one connection, so the lock is moot there.
    const second = db.url ? await openDatabase({ url: db.url, poolSize: 2 }) : db;
    if (second !== db) opened.unshift(second);
    const [a, b] = await Promise.all([migrate(db, migrations), migrate(second, migrations)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(migrations.map((m) => m.name));
    const count = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM "_prisma_migrations"');
    expect(count[0]!.n).toBe(migrations.length);
  });

  it("gives existing municipalities a public URL from their mapped host names", async () => {
    const db = await emptyDatabase();
    const all = readMigrations(paths.migrations);
    const index = all.findIndex((migration) => migration.name.endsWith("_municipality_public_url"));
    expect(index).toBeGreaterThan(0);
    await migrate(db, all.slice(0, index));
    const town = (n: number, slug: string) =>
      `('00000000-0000-4000-8000-00000000000${n}', '${slug}', '${slug}', '0006458${n}', 's', 'c', 'p', 'e@x.cz', now())`;
    await db.sql.exec(`INSERT INTO "Municipality" (id, slug, name, ico, street, city, "postalCode", email, "updatedAt")
      VALUES ${town(1, "public")}, ${town(2, "local")}, ${town(3, "none")}`);
    await db.sql.exec(`INSERT INTO "MunicipalityHost" (hostname, "municipalityId") VALUES
      ('localhost', '00000000-0000-4000-8000-000000000001'), ('www.portal.lipnice.example', '00000000-0000-4000-8000-000000000001'),
      ('portal.lipnice.example', '00000000-0000-4000-8000-000000000001'), ('127.0.0.1', '00000000-0000-4000-8000-000000000002'),
      ('lhota.localhost', '00000000-0000-4000-8000-000000000002')`);
    await migrate(db, all);
    const rows = await db.sql.query<{ slug: string; publicUrl: string }>(`SELECT slug, "publicUrl" FROM "Municipality" ORDER BY slug`);
    expect(rows).toEqual([
      { slug: "local", publicUrl: "http://127.0.0.1:3000" },
      { slug: "none", publicUrl: "http://localhost:3000" },
      { slug: "public", publicUrl: "https://portal.lipnice.example" },
    ]);
  });

  it("keeps the audit log append-only", async () => {
    const db = await emptyDatabase();
    await migrate(db, readMigrations(paths.migrations));
    await db.sql.exec(`INSERT INTO "Municipality" (id, slug, name, ico, street, city, "postalCode", email, "publicUrl", "updatedAt")
      VALUES ('00000000-0000-4000-8000-000000000001', 'x', 'X', '00064581', 's', 'c', 'p', 'e@x.cz', 'https://x.example', now())`);
    await db.sql.exec(`INSERT INTO "AuditLogEntry" ("municipalityId", action) VALUES ('00000000-0000-4000-8000-000000000001', 'test')`);
    await expect(db.sql.exec(`UPDATE "AuditLogEntry" SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(db.sql.exec(`DELETE FROM "AuditLogEntry"`)).rejects.toThrow(/append-only/);
  });
});

describe("schema drift", () => {
  it("applying all migrations yields exactly the schema prisma/schema.prisma describes", async () => {
    const diff = await diffMigrationsAgainstSchema();
    expect(diff.sql).toContain("empty migration");
    expect(diff.inSync).toBe(true);
  }, 60_000);

  it("notices when schema.prisma and the migrations differ", async () => {
    const schema = fs
      .readFileSync(paths.schemaPrisma, "utf8")
      .replace("model LoginAttempt {", "model LoginAttempt {\n  extraColumn String?");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "schema-")), "schema.prisma");
    fs.writeFileSync(file, schema);
    const diff = await diffMigrationsAgainstSchema(paths.migrations, file);
    expect(diff.inSync).toBe(false);
    expect(diff.sql).toMatch(/ALTER TABLE "LoginAttempt" ADD COLUMN\s+"extraColumn" TEXT/);
  }, 60_000);
});
