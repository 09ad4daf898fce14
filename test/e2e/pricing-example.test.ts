import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startRedisServer } from "../support/db-redis-server.js";
import { statusesWithLatencyJudged } from "../support/latency-judged.js";
import { stdoutReport } from "../support/run-cli.js";

const RUN = fileURLToPath(new URL("../../examples/pricing/run.js", import.meta.url));
const hasPrometheus = spawnSync("prometheus", ["--version"]).status === 0;

function runExample(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUN, "--format", "json"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const PING = "Cache answers PING";

describe("the pricing example (metrics, promql, sql, redis against real servers)", () => {
  it.skipIf(!hasPrometheus)(
    "verifies every data-plane item and says NO-GO for the rate key without a TTL",
    { timeout: 90_000 },
    async () => {
      // hit_rate is server-wide: a private Redis keeps other tests' misses out of it.
      const redis = await startRedisServer();
      try {
        const run = await runExample({ REDIS_URL: `${redis.url}/0` });
        expect(run.code, run.stderr).toBe(1);
        const report = stdoutReport(run);
        // PING's `latency < 50ms` measures a busy machine as much as Redis: judged, not asserted.
        const statuses = statusesWithLatencyJudged(report.items, [PING]);
        expect(statuses[PING]).toBe("judged");
        const notPassing = Object.entries(statuses).filter(
          ([, status]) => !["pass", "judged"].includes(status),
        );
        expect(notPassing).toEqual([
          ["Every rate key has a TTL (rates:5min)", "fail"],
          ["Pricing lead approved the floor policy", "open"],
        ]);
        const rateTtl = report.items.find((i) => i.text.startsWith("Every rate key"))?.checks[0];
        expect(rateTtl?.expectations).toEqual([
          { expr: "ttl(pricing-example:rates:*) <= 5m", ok: false, actual: "never" },
        ]);
        const pingMissed = report.items.some((i) => i.text === PING && i.status === "fail") ? 1 : 0;
        expect(report.summary).toMatchObject({
          items: 19,
          pass: 17 - pingMissed,
          fail: 1 + pingMissed,
          open: 1,
        });
        expect(report.gates?.map((g) => [g.name, g.ok])).toEqual([
          ["overall", false],
          ['section "3. Database"', true],
          ["critical items", true],
        ]);
      } finally {
        await redis.stop();
      }
    },
  );
});
