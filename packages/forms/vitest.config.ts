import path from "node:path";
import { defineConfig } from "vitest/config";

// CI (.ci/run) collects a JSON report per workspace to add up one "N passed, N failed" line.
const jsonDir = process.env.VITEST_JSON_DIR;

export default defineConfig({
  test: {
    reporters: jsonDir ? ["default", "json"] : ["default"],
    outputFile: jsonDir ? { json: path.join(jsonDir, "forms.json") } : undefined,
    include: ["src/**/*.test.ts"],
  },
});
