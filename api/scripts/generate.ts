// Regenerates every checked-in artefact: the Prisma client + Pothos types, then schema.graphql.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  execFileSync(process.execPath, args, { cwd: apiDir, stdio: "inherit", env: { ...process.env, ...env } });

// The Prisma CLI wants a native schema engine it cannot download here; generate never uses it,
// so any existing file satisfies the check (see docs/ARCHITECTURE.md, "Migrations").
run([path.join(apiDir, "../node_modules/prisma/build/index.js"), "generate"], {
  PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
});
// A fresh process, so the schema printer imports the freshly generated client.
run([path.join(apiDir, "scripts/print-schema.ts")]);
