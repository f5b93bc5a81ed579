import fs from "node:fs";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SchemaEngine } from "@prisma/schema-engine-wasm";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { paths } from "../config.ts";
import { readMigrations } from "./migrate.ts";
import { openPGlite } from "./database.ts";

/**
 * Prisma's schema engine, compiled to WebAssembly, diffing the migration history (replayed on an
 * in-memory PGlite shadow database) against prisma/schema.prisma. It needs no download and no
 * database server: this is both the offline "create the next migration" tool and the drift check.
 */
export interface SchemaDiff {
  /** SQL that brings a database migrated with the existing files to what schema.prisma describes. */
  sql: string;
  /** True when the migrations already yield exactly the schema. */
  inSync: boolean;
}

/**
 * The adapter factory with a shadow database that has the portal's PGlite extensions (pg_trgm, unaccent):
 * pglite-prisma-adapter's own shadow is a bare PGlite, on which a migration that creates an extension fails.
 */
class PGliteWithExtensionsShadow extends PrismaPGlite {
  readonly shadows: PGlite[] = [];
  override async connectToShadowDb() {
    const shadow = await openPGlite();
    this.shadows.push(shadow);
    return new PrismaPGlite(shadow).connect();
  }
}

export async function diffMigrationsAgainstSchema(
  migrationsDir: string = paths.migrations,
  schemaFile: string = paths.schemaPrisma,
): Promise<SchemaDiff> {
  const schema = fs.readFileSync(schemaFile, "utf8");
  const shadow = await openPGlite();
  const adapter = new PGliteWithExtensionsShadow(shadow);
  const engine = await SchemaEngine.new({ datamodels: [[schemaFile, schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapter));
  try {
    const lockfile = path.join(migrationsDir, "migration_lock.toml");
    const result = await engine.diff({
      from: {
        tag: "migrations",
        baseDir: migrationsDir,
        lockfile: {
          path: "migration_lock.toml",
          content: fs.existsSync(lockfile) ? fs.readFileSync(lockfile, "utf8") : null,
        },
        shadowDbInitScript: "",
        migrationDirectories: readMigrations(migrationsDir).map((migration) => ({
          path: migration.name,
          migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
        })),
      },
      to: { tag: "schemaDatamodel", files: [{ path: schemaFile, content: schema }] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return { sql: result.stdout ?? "", inSync: result.exitCode === 0 };
  } finally {
    engine.free();
    await Promise.all([shadow, ...adapter.shadows].map((database) => database.close()));
  }
}
