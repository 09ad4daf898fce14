import { describe, expect, it } from "vitest";
import { cronOf, jitterMs, scheduledJobId, scheduleProblem } from "./schedule.js";

describe("schedules", () => {
  it("reads a cron expression in its time zone", () => {
    const next = cronOf({ cron: "0 9 * * *", timezone: "Europe/Berlin" }).nextRun(
      new Date("2026-06-01T00:00:00Z"),
    );
    expect(next?.toISOString()).toBe("2026-06-01T07:00:00.000Z");
    expect(scheduleProblem({ cron: "*/5 * * * *", timezone: "UTC" })).toBeNull();
    expect(scheduleProblem({ cron: "every 5 minutes", timezone: "UTC" })).toMatch(/not a cron expression/);
  });

  it("jitter is fixed per service, under its bound and under half the period, and spreads services out", () => {
    expect(jitterMs("orders", 30_000, 300_000)).toBe(jitterMs("orders", 30_000, 300_000));
    const many = Array.from({ length: 1000 }, (_, i) => jitterMs(`service-${i}`, 30_000, 300_000));
    expect(Math.max(...many)).toBeLessThan(30_000);
    expect(Math.min(...many)).toBeGreaterThanOrEqual(0);
    // A thousand services on one slot: no second of the 30 gets more than a few times its share.
    const perSecond = new Map<number, number>();
    for (const ms of many)
      perSecond.set(Math.floor(ms / 1000), (perSecond.get(Math.floor(ms / 1000)) ?? 0) + 1);
    expect(perSecond.size).toBe(30);
    expect(Math.max(...perSecond.values())).toBeLessThan(70);
    expect(jitterMs("orders", 30_000, 10_000)).toBeLessThan(5000);
  });

  it("a slot's job id is the same on every server, and differs by service and slot", () => {
    const slot = new Date("2026-06-01T07:00:00Z");
    expect(scheduledJobId("orders", slot)).toBe(scheduledJobId("orders", new Date(slot)));
    expect(scheduledJobId("orders", slot)).not.toBe(scheduledJobId("search", slot));
    expect(scheduledJobId("orders", slot)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
