import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { TargetLock } from "../core/target-lock.js";
import type { Probe } from "../probes/types.js";
import type { Plan, PlannedCheck } from "./plan.js";
import { loadLockKey, runPlan } from "./run-plan.js";

const probe = (name: string, exclusive: boolean): Probe<unknown> => ({
  name,
  configSchema: z.unknown(),
  observables: {},
  ...(exclusive && { exclusiveMs: () => 10 }),
  loadRunner: async () => ({ run: async () => ({ observations: {} }) }),
});

const check = (id: string, p: Probe<unknown>, probeConfig: unknown): PlannedCheck => ({
  id,
  probe: p,
  probeConfig,
  timeoutMs: 5000,
  retries: 0,
  expectations: [],
  itemSpecs: [],
  itemIds: [],
});

const plan = (checks: PlannedCheck[]): Plan =>
  ({
    checks,
    config: {
      targets: { api: { name: "api", url: "http://127.0.0.1:8080/base" }, repo: { name: "repo", path: "." } },
      path: "/tmp/gonogo.yml",
      secrets: [],
      config: { defaults: { concurrency: 8 } },
    },
  }) as unknown as Plan;

describe("target locks around load checks", () => {
  it("names a load check's lock by its target's origin, a k6 script by its script, and no other check", () => {
    const p = plan([]);
    expect(loadLockKey(check("a", probe("load", true), { target: "api" }), p)).toBe(
      "url:http://127.0.0.1:8080",
    );
    expect(loadLockKey(check("b", probe("k6", false), { target: "repo", script: "load.js" }), p)).toBe(
      "k6:repo:load.js",
    );
    expect(loadLockKey(check("c", probe("k6", false), { summary: "s.json" }), p)).toBeNull();
    expect(loadLockKey(check("d", probe("http", false), { target: "api" }), p)).toBeNull();
  });

  it("holds the lock for the check's run and gives it back; a stopped wait leaves the check not run", async () => {
    const events: string[] = [];
    const lock: TargetLock = {
      async acquire(key) {
        events.push(`lock ${key}`);
        return async () => {
          events.push(`unlock ${key}`);
        };
      },
    };
    await runPlan(
      plan([
        check("heavy", probe("load", true), { target: "api" }),
        check("light", probe("http", false), {}),
      ]),
      {
        signal: new AbortController().signal,
        targetLock: lock,
        onEvent: (event) => events.push(`${event.type} ${event.check.id}`),
      },
    );
    expect(events).toEqual([
      "start light",
      "end light",
      "lock url:http://127.0.0.1:8080",
      "start heavy",
      "end heavy",
      "unlock url:http://127.0.0.1:8080",
    ]);
    const stopped = new AbortController();
    const never: TargetLock = {
      acquire: (_key, signal) =>
        new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    };
    const results = runPlan(plan([check("heavy", probe("load", true), { target: "api" })]), {
      signal: stopped.signal,
      targetLock: never,
    });
    stopped.abort(new Error("shutdown"));
    expect((await results).get("heavy")).toMatchObject({
      status: "error",
      error: expect.stringMatching(/^not run/),
    });
  });
});
