import { describe, expect, it } from "vitest";
import { sampleTimeline } from "../../test/support/rollout-timeline.js";
import { gateValue, rolloutSeries, type TimelineEvent } from "./rollout-series.js";

const events = (until: "rolled-back" | "holding" = "rolled-back"): TimelineEvent[] =>
  sampleTimeline(until).events.map((e) => ({ ...e, key: e.key ?? null }));

describe("rolloutSeries", () => {
  it("reads the weights wanted and read back as steps, one per change", () => {
    const series = rolloutSeries(events());
    expect(series.wanted.map((s) => s.weight)).toEqual([10, 50, 0]);
    expect(series.read.map((s) => s.weight)).toEqual([10, 50, 0]);
    expect(series.from).toBe(Date.parse("2026-12-02T10:00:00.000Z"));
    expect(series.to).toBe(Date.parse("2026-12-02T10:00:03.920Z"));
  });

  it("puts every gate result in its check's lane, no data as pending and a source error as inconclusive", () => {
    const [lane, ...others] = rolloutSeries(events()).lanes;
    expect(others).toEqual([]);
    expect(lane?.check).toBe("error-rate");
    expect(lane?.points.map((p) => p.mark)).toEqual([
      "pass",
      "pass",
      "pending",
      "pass",
      "inconclusive",
      "pass",
      "fail",
    ]);
    expect(lane?.points.map((p) => p.value)).toEqual([0.01, 0.012, null, 0.011, null, 0.02, 0.2]);
  });

  it("marks phase changes, actions with their answer, and the rollback from breach to safe weight", () => {
    const series = rolloutSeries(events());
    expect(series.phases.map((p) => `${p.phase}:${p.status}:${p.weight}`)).toEqual([
      "canary:progressing:10",
      "half:progressing:50",
      "half:rolling-back:0",
      "half:rolled-back:0",
    ]);
    expect(series.actions).toHaveLength(3);
    expect(series.actions[0]).toMatchObject({ ok: true, text: "action done: answered 200, read back 10" });
    expect(series.rollbacks).toEqual([
      {
        breachAt: Date.parse("2026-12-02T10:00:03.500Z"),
        safeAt: Date.parse("2026-12-02T10:00:03.920Z"),
        breachToSafeMs: 420,
      },
    ]);
  });

  it("keeps people's commands, and leaves out an event whose time does not read", () => {
    const series = rolloutSeries([
      ...events("holding"),
      { at: "2026-12-02T10:00:04.000Z", kind: "command", key: null, detail: { type: "promote", by: "sam" } },
      { at: "yesterday", kind: "gate", key: null, detail: { check: "x", outcome: "pass" } },
    ]);
    expect(series.commands).toEqual([
      { at: Date.parse("2026-12-02T10:00:04.000Z"), type: "promote", by: "sam" },
    ]);
    expect(series.lanes.map((l) => l.check)).toEqual(["error-rate"]);
  });

  it("is empty, from and to 0, for no events", () => {
    expect(rolloutSeries([])).toMatchObject({ from: 0, to: 0, wanted: [], lanes: [] });
  });
});

describe("gateValue", () => {
  it("takes `value`, else a value asked for by call, else the first measurement that is not a count, else null", () => {
    expect(gateValue({ series: 1, samples: 3, value: 0.02 })).toBe(0.02);
    expect(gateValue({ latency: { value: 3, unit: "ms" }, "value(app_error_ratio)": 0.2 })).toBe(0.2);
    expect(gateValue({ status: 200, latency: { value: 41, unit: "ms" } })).toBe(200);
    expect(gateValue({ samples: 3, latency: { value: 41, unit: "ms" } })).toEqual({ value: 41, unit: "ms" });
    expect(gateValue({ series: 0, samples: 0, value: null })).toBeNull();
    expect(gateValue({ body: "ok", ok: true })).toBeNull();
    expect(gateValue(undefined)).toBeNull();
  });
});
