import path from "node:path";
import { defineConfig } from "vitest/config";

// CI (.ci/run) collects a JSON report per workspace to add up one "N passed, N failed" line.
const jsonDir = process.env.VITEST_JSON_DIR;

export default defineConfig({
  test: {
    reporters: jsonDir ? ["default", "json"] : ["default"],
    outputFile: jsonDir ? { json: path.join(jsonDir, "tests.json") } : undefined,
    include: ["api/**/*.test.ts", "browser/**/*.test.ts"],
    globalSetup: ["kit/global-setup.ts"],
    // Files run in parallel, each on its own database; tests inside a file run in order.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
