import { chmod, mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { probeContext } from "../../../test/support/probe-context.js";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import type { ProbeResult } from "../types.js";
import k6Probe from "./index.js";
import { run as runK6 } from "./runner.js";

const summaryFixture = path.join(import.meta.dirname, "fixtures", "summary-export.json");

/**
 * k6 is not installed here, so these runs use a stand-in that behaves as k6 does at the process
 * boundary: `run --summary-export FILE [args] SCRIPT`, output on stdout/stderr, k6's exit codes. It
 * runs the "script" as shell with $out set to the export path, so each test says what k6 does.
 */
const FAKE_K6 = `#!/bin/sh
[ "$1" = run ] && [ "$2" = --summary-export ] || { echo "usage: k6 run --summary-export FILE SCRIPT" >&2; exit 2; }
out="$3"
for script; do :; done
echo "k6 stand-in: $*"
. "$script"
`;

let repo: string;
beforeAll(async () => {
  repo = await realpath(await mkdtemp(path.join(tmpdir(), "gonogo-k6-run-")));
  await mkdir(path.join(repo, "bin"));
  await mkdir(path.join(repo, "load"));
  await writeFile(path.join(repo, "bin/k6"), FAKE_K6);
  await chmod(path.join(repo, "bin/k6"), 0o755);
  const scripts: Record<string, string> = {
    "thresholds.js": `cp "${summaryFixture}" "$out"\nexit 99\n`,
    "broken.js": `echo "ReferenceError: BASE_URL is not defined at default (file:///load/broken.js:7:3)" >&2\nexit 107\n`,
    "aborted.js": `cp "${summaryFixture}" "$out"\nexit 108\n`,
    "slow.js": "sleep 30\n",
  };
  for (const [name, body] of Object.entries(scripts)) await writeFile(path.join(repo, "load", name), body);
});
afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function probe(config: unknown, timeoutMs = 10_000): Promise<ProbeResult> {
  return runK6(
    k6Probe.configSchema.parse(config),
    probeContext({ baseDir: repo, timeoutMs, requested: ["http_req_duration.p95"] }),
  );
}

describe("k6 probe running a script", () => {
  it("says k6 is not installed when there is no k6 on PATH", async () => {
    vi.stubEnv("PATH", path.join(repo, "load"));
    const result = await probe({ script: "load/thresholds.js" });
    expect(result.error).toBe(
      'k6 is not installed: no "k6" on PATH (install it: https://grafana.com/docs/k6/latest/set-up/install-k6/, or set binary: to its path)',
    );
    expect(result.observations).toEqual({});
  });

  it("names a missing binary or script", async () => {
    expect((await probe({ script: "load/thresholds.js", binary: "./tools/k6" })).error).toBe(
      `k6 binary not found: ${repo}/tools/k6`,
    );
    expect((await probe({ script: "load/missing.js", binary: "./bin/k6" })).error).toBe(
      `k6 script not found: ${repo}/load/missing.js`,
    );
  });

  it("reads the summary k6 exports; failed thresholds (exit 99) are a result, not an error", async () => {
    const result = await probe({ script: "load/thresholds.js", binary: "./bin/k6", args: ["--vus", "50"] });
    expect(result.error).toBeUndefined();
    expect(result.observations).toEqual({
      thresholds_ok: false,
      thresholds_failed: ["http_req_failed: rate<0.01"],
      "http_req_duration.p95": { value: 448.7345, unit: "ms" },
    });
    expect(result.evidence).toMatchObject({
      command: "k6 run --vus 50 load/thresholds.js",
      cwd: repo,
      exitCode: 99,
      shape: "summary-export",
      summary: `k6 --summary-export of ${repo}/load/thresholds.js`,
    });
    expect(result.evidence?.stdoutTail).toMatch(
      /^k6 stand-in: run --summary-export \S+summary\.json --vus 50 /,
    );
  });

  it("reports a script error with k6's reason and its last line of stderr", async () => {
    const result = await probe({ script: "load/broken.js", binary: "./bin/k6" });
    expect(result.error).toBe(
      "k6 run load/broken.js exited with code 107 and wrote no summary: the script threw an exception " +
        "(ReferenceError: BASE_URL is not defined at default (file:///load/broken.js:7:3))",
    );
    expect(result.evidence).toMatchObject({ exitCode: 107 });
  });

  it("keeps what an aborted test observed, as an error", async () => {
    const result = await probe({ script: "load/aborted.js", binary: "./bin/k6" });
    expect(result.error).toBe(
      "k6 run load/aborted.js exited with code 108: the script aborted the test (test.abort())",
    );
    expect(result.observations["http_req_duration.p95"]).toEqual({ value: 448.7345, unit: "ms" });
  });

  it("stops k6 at the check's timeout", async () => {
    const started = performance.now();
    const result = await probe({ script: "load/slow.js", binary: "./bin/k6" }, 500);
    expect(result.error).toBe(
      "timed out after 500ms: k6 run load/slow.js (give the check a timeout: that covers the whole test)",
    );
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
  });
});
