import { describe, expect, it } from "vitest";
import { parseConfig } from "./load-config.js";

const base = `version: 1
checks:
  error-rate:
    item: "Error rate below 1%"
    promql: { url: "http://127.0.0.1:9090", query: "up" }
    expect: [ "value < 0.01" ]
`;

const problemsOf = (text: string): string[] => {
  try {
    parseConfig("gonogo.yml", text, { env: {} });
    return [];
  } catch (error) {
    return (error as { details: string[] }).details;
  }
};

describe("gonogo.yml rollout:", () => {
  it("loads phases, gate defaults, traffic with read-back and rollback", () => {
    const loaded = parseConfig(
      "gonogo.yml",
      `${base}rollout:
  defaults: { interval: 30s, onSourceError: { holdFor: 2m } }
  phases:
    - { name: shadow, weight: 0, soak: 1m, gates: [ error-rate ] }
    - { name: canary, weight: 10, soak: 10m, gates: [ { check: error-rate, critical: true, onNoData: fail } ] }
  traffic:
    set: { command: { run: "flagctl set checkout {{weight}}" } }
    read: { http: { url: "http://127.0.0.1:4242/api/flags/checkout", method: GET, field: strategy.percentage } }
  rollback: { retries: 5, backoff: 2s, escalate: { http: { url: "http://127.0.0.1:9/page" } } }
`,
      { env: {} },
    );
    const rollout = loaded.config.rollout;
    expect(rollout?.phases.map((p) => [p.name, p.weight, p.soak])).toEqual([
      ["shadow", 0, 60_000],
      ["canary", 10, 600_000],
    ]);
    expect(rollout?.phases[0]?.gates).toEqual([{ check: "error-rate", critical: false }]);
    expect(rollout?.defaults.interval).toBe(30_000);
    // biome-ignore lint/suspicious/noThenProperty: `then` is the key gonogo.yml users write.
    expect(rollout?.defaults.onSourceError).toEqual({ holdFor: 120_000, then: "fail" });
    expect(rollout?.traffic.safeWeight).toBe(0);
    expect(rollout?.rollback).toMatchObject({ retries: 5, backoff: 2000 });
  });

  it("names the line of a gate that names no check, and the check meant", () => {
    const problems = problemsOf(`${base}rollout:
  phases:
    - { name: canary, weight: 10, soak: 1m, gates: [ error-rte ] }
  traffic:
    set: { command: { run: "true" } }
    read: { command: { run: "echo 10" } }
`);
    expect(problems).toEqual([
      expect.stringMatching(
        /^gonogo\.yml:\d+:\d+ rollout\.phases\.0\.gates\.0: no check "error-rte" under checks: \(did you mean "error-rate"\?\)$/,
      ),
    ]);
  });

  it("refuses a weight above 100, a bad duration, and a bad onNoData", () => {
    const problems = problemsOf(`${base}rollout:
  defaults: { onNoData: maybe }
  phases:
    - { name: canary, weight: 110, soak: soon }
  traffic:
    set: { command: { run: "true" } }
    read: { command: { run: "echo 10" } }
`);
    expect(problems.join("\n")).toMatch(/rollout\.defaults\.onNoData/);
    expect(problems.join("\n")).toMatch(/rollout\.phases\.0\.weight/);
    expect(problems.join("\n")).toMatch(/rollout\.phases\.0\.soak: expected a duration/);
  });

  it("refuses a phase named twice", () => {
    const problems = problemsOf(`${base}rollout:
  phases:
    - { name: canary, weight: 10, soak: 1m }
    - { name: canary, weight: 50, soak: 1m }
  traffic:
    set: { command: { run: "true" } }
    read: { command: { run: "echo 10" } }
`);
    expect(problems).toEqual([
      expect.stringMatching(/^gonogo\.yml:\d+:\d+ rollout\.phases\.1\.name: phase "canary" is named twice$/),
    ]);
  });

  it("takes a baseline comparison on a gate, whose check must exist", () => {
    const text = (check: string) => `${base}rollout:
  phases:
    - { name: canary, weight: 10, soak: 1m, gates: [ { check: error-rate, baseline: { check: ${check}, maxRatio: 2 } } ] }
  traffic:
    set: { command: { run: "true" } }
    read: { command: { run: "echo 10" } }
`;
    const loaded = parseConfig("gonogo.yml", text("error-rate"), { env: {} });
    expect(loaded.config.rollout?.phases[0]?.gates[0]).toEqual({
      check: "error-rate",
      critical: false,
      baseline: { check: "error-rate", observable: "value", maxRatio: 2, tolerance: 0 },
    });
    expect(problemsOf(text("stable-errors"))).toEqual([
      expect.stringMatching(
        /^gonogo\.yml:\d+:\d+ rollout\.phases\.0\.gates\.0\.baseline\.check: no check "stable-errors" under checks:$/,
      ),
    ]);
  });
});
