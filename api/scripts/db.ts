// Database maintenance: npm run db:migrate | db:seed | db:reset
// Works on the embedded PGlite database (./data) or on DATABASE_URL.
import fs from "node:fs";
import path from "node:path";
import { loadConfig, paths } from "../src/config.ts";
import { openDatabase } from "../src/db/database.ts";
import { migrate, readMigrations } from "../src/db/migrate.ts";
import { seedDemo } from "../../prisma/seed/demo.ts";

const command = process.argv[2];
const config = loadConfig();
const pgliteDir = path.join(config.DATA_DIR, "pglite");

if (command === "reset") {
  if (config.DATABASE_URL) {
    const database = await openDatabase({ url: config.DATABASE_URL, poolSize: 1 });
    await database.sql.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await database.close();
  } else {
    fs.rmSync(pgliteDir, { recursive: true, force: true });
  }
  console.log("Database emptied.");
}

const database = await openDatabase({ url: config.DATABASE_URL, dataDir: pgliteDir, poolSize: 1 });
try {
  if (command === "migrate" || command === "reset") {
    const report = await migrate(database, readMigrations(paths.migrations));
    console.log(report.applied.length ? `Applied: ${report.applied.join(", ")}` : "No pending migrations.");
  }
  if (command === "seed" || command === "reset") {
    await seedDemo(database.prisma);
    console.log("Demo data seeded.");
  }
  if (!["migrate", "seed", "reset"].includes(command ?? "")) {
    console.error("Usage: node scripts/db.ts migrate|seed|reset");
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
