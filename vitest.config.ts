import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // A bound for hangs, not a speed test: an e2e test spawns the CLI up to ten times, and on a
    // loaded two-core machine (a second copy of the suite beside it) each spawn can take seconds.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Two cores: keep the worker count modest so probe timings stay honest.
    maxWorkers: 2,
    // .ci/run asks for machine-readable results to print its "N passed, N failed" line.
    reporters: process.env.GONOGO_TEST_REPORT
      ? ["default", ["json", { outputFile: process.env.GONOGO_TEST_REPORT }]]
      : ["default"],
  },
});
