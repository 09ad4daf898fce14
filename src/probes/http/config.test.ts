import { describe, expect, it } from "vitest";
import { httpConfigSchema } from "./config.js";

describe("http config", () => {
  it("fills defaults", () => {
    expect(httpConfigSchema.parse({ target: "api", path: "/health" })).toEqual({
      target: "api",
      path: "/health",
      follow_redirects: false,
      max_body: 1024 * 1024,
      insecure: false,
    });
  });

  it("reads sizes and upper-cases the method", () => {
    const config = httpConfigSchema.parse({ url: "https://x.test/", method: "post", max_body: "64KiB" });
    expect(config).toMatchObject({ method: "POST", max_body: 65536 });
    expect(httpConfigSchema.parse({ url: "http://x.test", max_body: "64KB" }).max_body).toBe(64000);
    expect(httpConfigSchema.parse({ url: "http://x.test", max_body: 100 }).max_body).toBe(100);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ target: "api", timeout: "5s" }, "unknown key"],
    [{ target: "api", url: "http://x.test" }, "both target and url"],
    [{ path: "/health" }, "neither target nor url"],
    [{ target: "api", body: "x", json: { a: 1 } }, "both body and json"],
    [{ target: "api", method: "BREW" }, "unknown method"],
    [{ url: "ftp://x.test/file" }, "not http(s)"],
    [{ target: "api", max_body: "lots" }, "not a size"],
    [{ target: "api", max_body: 0 }, "zero size"],
  ])("rejects %j (%s)", (config) => {
    expect(httpConfigSchema.safeParse(config).success).toBe(false);
  });
});
