import path from "node:path";
import { defineConfig } from "vitest/config";

// CI (.ci/run) collects a JSON report per workspace to add up one "N passed, N failed" line.
const jsonDir = process.env.VITEST_JSON_DIR;

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS ("main") and ESM ("module"). Node loads the CJS build for Pothos and yoga
    // (no "exports" map), Vite would pick the ESM one for our sources: two realms. Use one.
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    reporters: jsonDir ? ["default", "json"] : ["default"],
    outputFile: jsonDir ? { json: path.join(jsonDir, "tests.json") } : undefined,
    globalSetup: ["kit/global-setup.ts"],
    // Files run in parallel, each on its own database; tests inside a file run in order.
    // (Workers: vitest's default, one less than the cores; VITEST_MAX_WORKERS sets it, as CI does.)
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two projects, so one can run alone: `npx vitest run --project api` (what CI runs on PostgreSQL; the browser
    // tests exercise the same API through the app and run once, on PGlite). `vitest run` runs both.
    projects: [
      { extends: true, test: { name: "api", include: ["api/**/*.test.ts"] } },
      { extends: true, test: { name: "browser", include: ["browser/**/*.test.ts"] } },
    ],
  },
});
