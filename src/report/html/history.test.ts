import { describe, expect, it } from "vitest";
import { historyFromRuns } from "./history.js";

describe("historyFromRuns", () => {
  it("keeps complete runs with a verdict, oldest first", () => {
    const summary = (v: number) => ({ verifiedPct: v, claimedPct: v + 10 });
    const runs = [
      { startedAt: "3", complete: true, verdict: "GO" as const, summary: summary(90) },
      { startedAt: "2", complete: false, verdict: "NO-GO" as const, summary: summary(10) },
      { startedAt: "1", complete: true, verdict: "NO-GO" as const, summary: summary(40) },
      { startedAt: "0", complete: true, verdict: null, summary: null },
    ];
    expect(historyFromRuns(runs)).toEqual([
      { startedAt: "1", verdict: "NO-GO", verifiedPct: 40, claimedPct: 50 },
      { startedAt: "3", verdict: "GO", verifiedPct: 90, claimedPct: 100 },
    ]);
  });
});
