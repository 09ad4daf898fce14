import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapseWhitespace } from "./inline-text.js";
import { findTargets, metricBefore } from "./targets.js";

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

  it("reads a target's metric from the words after the target before it", () => {
    expect(one("error rate stays under 0.5% and p99 latency below 800ms while the check runs")).toEqual([
      { metric: "error rate", op: "<", value: 0.5, unit: "%" },
      { metric: "p99 latency", op: "<", value: 800, unit: "ms" },
    ]);
    expect(one("p95 < 300ms with error rate < 1%")).toEqual([
      { metric: "p95", op: "<", value: 300, unit: "ms" },
      { metric: "error rate", op: "<", value: 1, unit: "%" },
    ]);
  });

  it("gives a target with no words of its own the metric of the one before", () => {
    expect(one("p95 < 300ms and < 500ms at peak")).toEqual([
      { metric: "p95", op: "<", value: 300, unit: "ms" },
      { metric: "p95", op: "<", value: 500, unit: "ms" },
    ]);
  });

  it("finds nothing where there is no comparison", () => {
    expect(one("Rate limiting configured")).toEqual([]);
    expect(one("Pair rate ≥ baseline")).toEqual([]);
    expect(one("Revert with git revert <commit-hash>")).toEqual([]);
  });
});

/** `metricBefore` as first written: every clause of the text before the comparator, split out. */
function metricBySplit(text: string, index: number): string {
  const clauses = text.slice(0, index).split(/[,;:()[\]]|\s[-–—]\s/);
  for (let i = clauses.length - 1; i >= 0; i--) {
    let metric = collapseWhitespace(clauses[i] ?? "");
    for (let previous = ""; previous !== metric; ) {
      previous = metric;
      metric = metric
        .replace(/\s+(?:stays|stay|remains|is|are|should be|must be|be|kept|exist|exists|at)$/i, "")
        .trim();
    }
    if (metric !== "") return metric;
  }
  return "";
}

describe("metricBefore", () => {
  it("names the words of the clause before the comparator, as the split into clauses did", () => {
    // Clause breaks, blanks and dashes (` - - ` breaks differently read from either end), words and fillers.
    const unit = fc.constantFrom(
      ..." ,;:()[]-–—\t\nab",
      "p95",
      " is",
      " stays",
      "\u00a0",
      "\u2003",
      "\ufeff",
      "\u180e",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), fc.nat(), (text, at) => {
        const index = at % (text.length + 1);
        expect(metricBefore(text, index)).toBe(metricBySplit(text, index));
      }),
      { numRuns: 5000 },
    );
  });
});
