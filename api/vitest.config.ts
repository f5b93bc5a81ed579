import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Unit tests of pure modules; integration tests that need a database live in tests/.
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
