import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep the worker count modest so probe timings stay honest.
    maxWorkers: 2,
    // .ci/run asks for machine-readable results to print its "N passed, N failed" line.
    reporters: process.env.GONOGO_TEST_REPORT
      ? ["default", ["json", { outputFile: process.env.GONOGO_TEST_REPORT }]]
      : ["default"],
  },
});
