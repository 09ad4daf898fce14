import { describe, expect, it } from "vitest";
import { promqlConfigSchema, stepOf } from "./config.js";

const DAY = 86_400_000;

describe("promql config", () => {
  it("reads a query with a range, a step and a unit", () => {
    const config = promqlConfigSchema.parse({
      target: "prom",
      query: " up ",
      range: "7d",
      step: "5m",
      unit: "seconds",
    });
    expect(config).toEqual({
      target: "prom",
      query: "up",
      range: 7 * DAY,
      step: 300_000,
      unit: "seconds",
      insecure: false,
    });
  });

  it("takes rule and job without a query", () => {
    expect(promqlConfigSchema.parse({ target: "prom", rule: "ProfitGuardBreach" }).rule).toBe(
      "ProfitGuardBreach",
    );
    expect(promqlConfigSchema.parse({ url: "http://127.0.0.1:9090", job: "api" }).job).toBe("api");
  });

  it("defaults a range query's step to the finest Prometheus allows", () => {
    const week = promqlConfigSchema.parse({ target: "prom", query: "up", range: "7d" });
    expect(stepOf({ ...week, range: 7 * DAY })).toBe(55_000);
    expect(stepOf({ ...week, range: 60_000 })).toBe(1000);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ target: "prom", query: "up", timeout: "5s" }, "unknown key"],
    [{ target: "prom", url: "http://x.test", query: "up" }, "both target and url"],
    [{ query: "up" }, "neither target nor url"],
    [{ target: "prom", query: "" }, "empty query"],
    [{ target: "prom", range: "1h" }, "range without a query"],
    [{ target: "prom", query: "up", step: "1m" }, "step without a range"],
    [{ target: "prom", query: "up", range: "30d", step: "1s" }, "more than 11,000 points"],
    [{ target: "prom", query: "up", range: 300 }, "a range without a unit"],
    [{ target: "prom", query: "up", range: "soon" }, "not a duration"],
    [{ target: "prom", query: "up", unit: "ms" }, "unknown unit"],
  ])("rejects %j (%s)", (config) => {
    expect(promqlConfigSchema.safeParse(config).success).toBe(false);
  });
});
