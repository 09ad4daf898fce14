import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Probe } from "../probes/types.js";
import type { Plan, PlannedCheck } from "./plan.js";
import { runPlan, withLoadTimeout } from "./run-plan.js";

/** Records when each check runs, so the order and the overlap can be asserted. */
function timeline() {
  const spans: { id: string; start: number; end: number }[] = [];
  const probe = (exclusive: boolean): Probe<{ id: string }> => ({
    name: exclusive ? "heavy" : "light",
    configSchema: z.object({ id: z.string() }),
    observables: {},
    ...(exclusive && { exclusiveMs: () => 1000 }),
    loadRunner: async () => ({
      async run(config) {
        const start = performance.now();
        await sleep(30);
        spans.push({ id: config.id, start, end: performance.now() });
        return { observations: {} };
      },
    }),
  });
  return { spans, light: probe(false), heavy: probe(true) };
}

function planned(id: string, probe: Probe<{ id: string }>): PlannedCheck {
  return {
    id,
    probe: probe as Probe<unknown>,
    probeConfig: { id },
    timeoutMs: 5000,
    retries: 0,
    expectations: [],
    itemSpecs: [],
    itemIds: [],
  };
}

function plan(checks: PlannedCheck[]): Plan {
  const config = {
    targets: {},
    path: "/tmp/gonogo.yml",
    secrets: [],
    config: { defaults: { concurrency: 8 } },
  };
  return { checks, config } as unknown as Plan;
}

describe("runPlan", () => {
  it("runs light checks together first, then load checks one at a time", async () => {
    const { spans, light, heavy } = timeline();
    const checks = [planned("h1", heavy), planned("l1", light), planned("h2", heavy), planned("l2", light)];
    const results = await runPlan(plan(checks), { signal: new AbortController().signal });
    expect(results.size).toBe(4);
    expect(spans.map((s) => s.id)).toEqual(expect.arrayContaining(["l1", "l2"]));
    const [first, second, third, fourth] = spans;
    expect(new Set([first?.id, second?.id])).toEqual(new Set(["l1", "l2"]));
    expect([third?.id, fourth?.id]).toEqual(["h1", "h2"]);
    expect((third?.start ?? 0) >= Math.max(first?.end ?? 0, second?.end ?? 0)).toBe(true);
    expect((fourth?.start ?? 0) >= (third?.end ?? 0)).toBe(true);
  });

  it("raises a load check's timeout to cover what its config commits to", () => {
    const { heavy, light } = timeline();
    expect(withLoadTimeout(planned("h", heavy)).timeoutMs).toBe(1000 + 5000);
    expect(withLoadTimeout({ ...planned("h", heavy), timeoutMs: 60_000 }).timeoutMs).toBe(60_000);
    expect(withLoadTimeout(planned("l", light)).timeoutMs).toBe(5000);
  });
});
