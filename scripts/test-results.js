// `node scripts/test-results.js FILE`: vitest's JSON results (.ci/run writes them) as one line,
// "N passed, N failed"; exit 0 only when tests ran and none failed. READINESS.md's first check.
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (!file) {
  process.stderr.write(
    "usage: node scripts/test-results.js VITEST_JSON (GONOGO_CI_TEST_RESULTS is not set)\n",
  );
  process.exit(2);
}
const results = JSON.parse(readFileSync(file, "utf8"));
process.stdout.write(`${results.numPassedTests} passed, ${results.numFailedTests} failed\n`);
process.exit(results.numFailedTests === 0 && results.numPassedTests > 0 && results.success !== false ? 0 : 1);
