import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["api/**/*.test.ts", "browser/**/*.test.ts"],
    globalSetup: ["kit/global-setup.ts"],
    // Files run in parallel, each on its own database; tests inside a file run in order.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
