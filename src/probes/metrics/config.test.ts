import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_BODY, metricsConfigSchema } from "./config.js";

describe("metrics config", () => {
  it("fills defaults", () => {
    expect(metricsConfigSchema.parse({ target: "api", path: "/metrics" })).toEqual({
      target: "api",
      path: "/metrics",
      require: [],
      max_body: DEFAULT_MAX_BODY,
      insecure: false,
    });
  });

  it("takes required metric names and a size", () => {
    const config = metricsConfigSchema.parse({
      url: "http://127.0.0.1:8080/metrics",
      require: ["bargain_response_seconds", "job:rate5m"],
      max_body: "64MB",
    });
    expect(config).toMatchObject({ require: ["bargain_response_seconds", "job:rate5m"], max_body: 64e6 });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ target: "api", timeout: "5s" }, "unknown key (the engine removes timeout first)"],
    [{ target: "api", url: "http://x.test" }, "both target and url"],
    [{ path: "/metrics" }, "neither target nor url"],
    [{ target: "api", require: ["bad-name"] }, "not a metric name"],
    [{ target: "api", require: "x" }, "require not a list"],
    [{ url: "ftp://x.test/metrics" }, "not http(s)"],
    [{ target: "api", max_body: "lots" }, "not a size"],
  ])("rejects %j (%s)", (config) => {
    expect(metricsConfigSchema.safeParse(config).success).toBe(false);
  });
});
