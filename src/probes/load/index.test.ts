import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  probeContext,
  startStallingTarget,
  startTarget,
  startTargetProcess,
} from "../../../test/support/load-targets.js";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import type { Quantity } from "../../core/observation.js";
import { loadConfigSchema } from "./config.js";
import loadProbe from "./index.js";
import { run as runLoad } from "./runner.js";

let target: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  await target.close();
});

const ms = (value: unknown) => (value as Quantity).value;

async function run(config: Record<string, unknown>, expressions: string[] = [], url = target.url) {
  const parsed = loadConfigSchema.parse({ target: "api", warmup: "0s", ...config });
  return runLoad(parsed, probeContext(url, expressions));
}

describe("load probe", () => {
  it("reports percentiles that bracket the server's injected delays (closed model)", async () => {
    const result = await run({ path: "/mixed", vus: 10, duration: "1500ms" });
    const o = result.observations;
    expect(result.error).toBeUndefined();
    expect(ms(o.p50)).toBeGreaterThanOrEqual(10);
    expect(ms(o.p50)).toBeLessThan(40); // upper bounds leave room for a busy CI machine
    expect(ms(o.p99)).toBeGreaterThanOrEqual(60);
    expect(ms(o.p99)).toBeLessThan(250);
    expect(ms(o.max)).toBeGreaterThanOrEqual(ms(o.p999));
    expect(o.requests).toBeGreaterThan(100);
    expect(o.error_rate).toBe(0);
    expect(o.rps).toBeGreaterThan(100);
  });

  it("keeps the open model's rate and measures from each request's intended start", async () => {
    const result = await run({ path: "/delay/5", rate: 200, duration: "1s" });
    const o = result.observations;
    expect((o.requests as number) + (o.dropped as number)).toBeGreaterThanOrEqual(190);
    expect(o.requests).toBeLessThanOrEqual(201);
    expect(ms(o.p50)).toBeGreaterThanOrEqual(5);
    expect(o.dropped as number).toBeLessThan(10); // 0 on an idle machine
    const evidence = result.evidence as { series: unknown[]; histogram: { data: string } };
    expect(evidence.series.length).toBe(1);
    expect(evidence.histogram.data.length).toBeGreaterThan(10);
  });

  it("counts errors by kind: status class, check, timeout, reset", async () => {
    const mix = [
      { name: "ok", path: "/", weight: 1 },
      { name: "broken", path: "/status/503", weight: 1 },
      { name: "gone", path: "/reset", weight: 1 },
      { name: "stuck", path: "/hang", weight: 1 },
    ];
    const asked = ["errors.status_4xx", "routes.ok.error_rate", "routes.broken.errors.status_5xx"];
    const result = await run({ mix, rate: 40, duration: "1s", request_timeout: "300ms" }, asked);
    const o = result.observations;
    expect(o["errors.status_5xx"]).toBeGreaterThan(0);
    expect(o["errors.reset"]).toBeGreaterThan(0);
    expect(o["errors.timeout"]).toBeGreaterThan(0);
    expect(o["errors.status_4xx"]).toBe(0);
    expect(o["routes.ok.error_rate"]).toBe(0);
    expect(o["routes.broken.errors.status_5xx"]).toBeGreaterThan(0);
    expect(o.error_rate as number).toBeGreaterThan(0.5);
    expect(o.error_rate as number).toBeLessThan(1);
  });

  it("counts a response that fails the check (status list, body text)", async () => {
    const result = await run({ path: "/", vus: 2, duration: "300ms", check: { body_contains: "nope" } });
    expect(result.observations.error_rate).toBe(1);
    expect(result.observations["errors.check"]).toBe(result.observations.requests);
  });

  it("reports 100% errors after the server dies, and no crash", async () => {
    const dying = await startTarget();
    setTimeout(() => void dying.close(), 400);
    const result = await run({ path: "/", rate: 200, duration: "1500ms" }, [], dying.url);
    const series = result.evidence?.series as { requests: number; errors: number }[];
    const last = series.at(-1);
    expect(result.error).toBeUndefined();
    expect(last?.requests).toBeGreaterThan(50);
    expect(last?.errors).toBe(last?.requests);
    expect(result.observations["errors.refused"]).toBeGreaterThan(0);
  });

  it("shows a server's stall in the open model's p99, which the closed model hides", async () => {
    const { url, child } = await startStallingTarget(200);
    try {
      const open = await run({ path: "/", rate: 500, duration: "2s" }, [], url);
      const closed = await run({ path: "/", vus: 4, duration: "2s" }, [], url);
      expect(ms(open.observations.p99)).toBeGreaterThan(120);
      expect(ms(closed.observations.p99)).toBeLessThan(ms(open.observations.p99) / 3);
    } finally {
      child.kill();
    }
  }, 15_000);

  it("counts a stalled generator's own delay as latency, from each request's intended start", async () => {
    // gonogo's own loop is blocked 30ms of every 100ms (a GC pause, a blocking call) while the
    // target, in its own process, answers at once: requests due meanwhile go out late, and the
    // open model must show it, never hide it. Measured from the send, only the few requests in
    // flight when a stall begins would show it.
    const { url, child } = await startTargetProcess();
    const stall = setInterval(() => {
      const until = performance.now() + 30;
      while (performance.now() < until);
    }, 100);
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run({ path: "/", rate: 200, duration: "1500ms" }, [], url);
    } finally {
      clearInterval(stall);
      child.kill();
    }
    const o = result.observations;
    const generator = result.evidence?.generator as { issueDelayP99Ms: number };
    expect((o.requests as number) + (o.dropped as number)).toBeGreaterThanOrEqual(295);
    // About 30% of the requests fall due during a stall and wait up to 30ms for it to end.
    expect(ms(o.p95)).toBeGreaterThanOrEqual(15);
    expect(ms(o.p99)).toBeGreaterThanOrEqual(20);
    expect(generator.issueDelayP99Ms).toBeGreaterThanOrEqual(20);
    expect(ms(o.generator_lag)).toBeGreaterThanOrEqual(15);
    expect(o.generator_saturated).toBe(true);
  });

  it("holds due requests at max_in_flight, counts them from their intended start, and the rest as dropped", async () => {
    // One request at a time, each answered in 400ms, 100 due in a second: the second goes out
    // when the first is answered, ~390ms late; most are never sent.
    const result = await run({ path: "/delay/400", rate: 100, duration: "1s", max_in_flight: 1 });
    const o = result.observations;
    expect(o.requests as number).toBeLessThanOrEqual(4);
    expect((o.requests as number) + (o.dropped as number)).toBe(100);
    expect(ms(o.max)).toBeGreaterThanOrEqual(750);
  });

  it("counts a request sent a tick before it was due from when it went out", async () => {
    // At 700/s most requests go out up to 1ms before they are due (timetable.ts). Counted from the
    // later due time, a quick answer would read as no time at all.
    const result = await run({ path: "/", rate: 700, duration: "1s" });
    expect(result.observations.requests).toBeGreaterThan(600);
    expect(ms(result.observations.p50)).toBeGreaterThanOrEqual(0.02);
  });

  it("ends at once as an error when the target cannot be reached at all", async () => {
    const { closedPort } = await import("../../../test/support/db-context.js");
    const url = `http://127.0.0.1:${await closedPort()}`;
    const started = performance.now();
    const result = await runLoad(
      loadProbe.configSchema.parse({ target: "api", vus: 20, duration: "30s", warmup: "0s" }),
      probeContext(url, ["p95"]),
    );
    expect(result.error).toBe(
      `load on ${url}/: target unreachable before the test started: connection refused`,
    );
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
  });

  it("stops at once on abort, even with requests in flight to a slow server", async () => {
    const { createServer } = await import("node:http");
    const slow = createServer();
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const address = slow.address() as import("node:net").AddressInfo;
    const url = `http://127.0.0.1:${address.port}`;
    // The preflight request must get an answer: answer the first one at once.
    slow.removeAllListeners("request");
    let first = true;
    slow.on("request", (_request, response) => {
      if (first) {
        first = false;
        response.end("ok");
      }
      // Every later request waits for an answer that never comes: only the abort ends the test.
    });
    const controller = new AbortController();
    const ctx = { ...probeContext(url, ["p95"]), signal: controller.signal };
    setTimeout(() => controller.abort(), 500);
    const started = performance.now();
    const result = await runLoad(
      loadProbe.configSchema.parse({ target: "api", vus: 5, duration: "60s", warmup: "0s" }),
      ctx,
    );
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
    expect(result.error).toContain("stopped early");
    slow.closeAllConnections();
    slow.close();
  });
});
