import { describe, expect, it } from "vitest";
import { sampleTimeline } from "../../../test/support/rollout-timeline.js";
import { readTimelineSvg } from "../../../test/support/timeline-svg.js";
import { rolloutSeries, type TimelineEvent } from "../rollout-series.js";
import { rolloutTimelineChart } from "./rollout-chart.js";

const chartOf = (events: TimelineEvent[]) => rolloutTimelineChart("checkout", rolloutSeries(events));
const sample = (until: "rolled-back" | "holding" = "rolled-back") => {
  const timeline = sampleTimeline(until);
  return { timeline, events: timeline.events.map((e) => ({ ...e, key: e.key ?? null })) };
};

describe("the rollout timeline chart", () => {
  it("draws one marker per gate result, its verdict kept", () => {
    const { timeline, events } = sample();
    const reading = readTimelineSvg(chartOf(events));
    const gateEvents = events.filter((e) => e.kind === "gate");
    expect(reading.points).toHaveLength(gateEvents.length);
    const count = (verdict: string) => reading.points.filter((p) => p.verdict === verdict).length;
    expect({
      pass: count("pass"),
      fail: count("fail"),
      pending: count("pending"),
      inconclusive: count("inconclusive"),
    }).toEqual(timeline.gates);
  });

  it("steps the weight lines through the phases' weights, then the safe weight, by their geometry", () => {
    const { timeline, events } = sample();
    const reading = readTimelineSvg(chartOf(events));
    expect(reading.wanted).toEqual(timeline.weights);
    expect(reading.read).toEqual(timeline.weights);
    const holding = sample("holding");
    expect(readTimelineSvg(chartOf(holding.events)).wanted).toEqual([10, 50]);
  });

  it("marks phase boundaries, each action, and the rollback with its breach-to-safe time", () => {
    const { events } = sample();
    const svg = chartOf(events);
    const reading = readTimelineSvg(svg);
    expect(reading.boundaries).toEqual([
      { phase: "canary", status: "progressing" },
      { phase: "half", status: "progressing" },
      { phase: "half", status: "rolling-back" },
      { phase: "half", status: "rolled-back" },
    ]);
    expect(reading.actions).toBe(events.filter((e) => e.kind === "action-done").length);
    expect(reading.rollbackMs).toEqual([420]);
    expect(svg).toContain(">rollback 420ms</text>");
  });

  it("tells verdicts apart by shape, not colour alone", () => {
    const svg = chartOf(sample().events);
    const shapeOf = (verdict: string) =>
      new RegExp(`data-verdict="${verdict}"[^>]*><title>[^<]*</title><(\\w+)([^>]*)>`).exec(svg)?.slice(1);
    const pass = shapeOf("pass");
    const fail = shapeOf("fail");
    const pending = shapeOf("pending");
    const inconclusive = shapeOf("inconclusive");
    expect(pass?.[0]).toBe("circle");
    expect(pass?.[1]).not.toContain('fill="#fff"');
    expect(pending?.[0]).toBe("circle");
    expect(pending?.[1]).toContain('fill="#fff"');
    expect(fail?.[0]).toBe("path");
    expect(inconclusive?.[0]).toBe("path");
    expect(fail?.[1]).not.toEqual(inconclusive?.[1]);
  });

  it("escapes what the timeline says: a check's name or reason cannot add markup", () => {
    const svg = chartOf([
      {
        at: "2026-12-02T10:00:00.000Z",
        kind: "gate",
        key: null,
        detail: { check: '<script>alert(1)</script>"', outcome: "pass", reason: "</title><img src=x>" },
      },
    ]);
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<img");
    expect(readTimelineSvg(svg).points).toEqual([
      { check: "&lt;script&gt;alert(1)&lt;/script&gt;&quot;", verdict: "pass" },
    ]);
  });

  it("draws commands, and nothing at all for an empty timeline", () => {
    const { events } = sample("holding");
    const withCommand = [
      ...events,
      { at: "2026-12-02T10:00:04.000Z", kind: "command", key: null, detail: { type: "promote", by: "sam" } },
    ];
    expect(readTimelineSvg(chartOf(withCommand)).commands).toEqual(["promote"]);
    expect(chartOf([])).toBe("");
  });
});
