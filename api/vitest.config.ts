import path from "node:path";
import { defineConfig } from "vitest/config";

// CI (.ci/run) collects a JSON report per workspace to add up one "N passed, N failed" line.
const jsonDir = process.env.VITEST_JSON_DIR;

export default defineConfig({
  test: {
    reporters: jsonDir ? ["default", "json"] : ["default"],
    outputFile: jsonDir ? { json: path.join(jsonDir, "api.json") } : undefined,
    // Unit tests of pure modules; integration tests that need a database live in tests/.
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
