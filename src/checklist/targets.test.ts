import { describe, expect, it } from "vitest";
import { findTargets } from "./targets.js";

const one = (text: string) =>
  findTargets(text).map(({ metric, op, value, unit }) => ({ metric, op, value, unit }));

describe("findTargets", () => {
  it.each([
    ["p95 latency <300ms", { metric: "p95 latency", op: "<", value: 300, unit: "ms" }],
    [
      "bargain_redis_hit_rate gauge ≥0.90",
      { metric: "bargain_redis_hit_rate gauge", op: ">=", value: 0.9, unit: null },
    ],
    ["Error rate <0.5% under normal load", { metric: "Error rate", op: "<", value: 0.5, unit: "%" }],
    ["Image size optimized (< 1GB)", { metric: "Image size optimized", op: "<", value: 1, unit: "GB" }],
    ["Runtime ≤ 75ms per 100 images", { metric: "Runtime", op: "<=", value: 75, unit: "ms" }],
    [
      "Rollback time measured (< 5 minutes)",
      { metric: "Rollback time measured", op: "<", value: 5, unit: "m" },
    ],
    ["Contract violations = 0", { metric: "Contract violations", op: "==", value: 0, unit: null }],
    ["Success rate at least 99.9%", { metric: "Success rate", op: ">=", value: 99.9, unit: "%" }],
    ["p95 under 300 ms", { metric: "p95", op: "<", value: 300, unit: "ms" }],
    ["Queue lag below 2s", { metric: "Queue lag", op: "<", value: 2, unit: "s" }],
    ["Heap over 1,500 MB", { metric: "Heap", op: ">", value: 1500, unit: "MB" }],
    ["All 15+ tables in ai schema exist", { metric: "tables in ai schema", op: ">=", value: 15, unit: null }],
    ["Dashboards load within 1s", { metric: "Dashboards load", op: "<=", value: 1, unit: "s" }],
  ])("%s", (text, target) => {
    expect(one(text)).toEqual([target]);
  });

  it("finds each target of a list of them", () => {
    expect(one("Monitor resource usage (target: CPU < 70%, Memory < 80%)")).toEqual([
      { metric: "CPU", op: "<", value: 70, unit: "%" },
      { metric: "Memory", op: "<", value: 80, unit: "%" },
    ]);
  });

  it("finds nothing where there is no comparison", () => {
    expect(one("Rate limiting configured")).toEqual([]);
    expect(one("Pair rate ≥ baseline")).toEqual([]);
    expect(one("Revert with git revert <commit-hash>")).toEqual([]);
  });
});
