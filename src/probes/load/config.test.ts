import { describe, expect, it } from "vitest";
import { loadBudgetMs, loadConfigSchema } from "./config.js";
import loadProbe from "./index.js";

const parse = (config: Record<string, unknown>) => loadConfigSchema.safeParse({ target: "api", ...config });

describe("load config", () => {
  it("takes the closed and the open model as users write them", () => {
    const closed = parse({
      path: "/session/start",
      method: "post",
      json: { a: 1 },
      vus: 150,
      duration: "3m",
    });
    expect(closed.success && closed.data).toMatchObject({
      vus: 150,
      duration: 180_000,
      warmup: 2000,
      method: "POST",
    });
    const open = parse({ path: "/x", rate: 200, duration: "60s" });
    expect(open.success && loadBudgetMs(open.data)).toBe(2000 + 60_000 + 10_000);
  });

  it("needs exactly one of vus and rate", () => {
    expect(parse({ duration: "1s" }).success).toBe(false);
    expect(parse({ vus: 1, rate: 1, duration: "1s" }).success).toBe(false);
  });

  it("refuses runs above the safety caps unless allow_large is set", () => {
    expect(parse({ vus: 1001, duration: "1s" }).success).toBe(false);
    expect(parse({ rate: 60_000, duration: "1s" }).success).toBe(false);
    expect(parse({ rate: 10, duration: "2h" }).success).toBe(false);
    expect(parse({ vus: 1001, duration: "1s", allow_large: true }).success).toBe(true);
  });

  it("names an unknown route of the mix when the config loads", () => {
    const config = parse({ rate: 5, duration: "1s", mix: [{ name: "a", path: "/a" }] });
    if (!config.success) throw config.error;
    const ref = { text: "routes.b.p95", name: "routes", path: ["b", "p95"], args: [] };
    expect(loadProbe.checkRequested?.(config.data, [ref])).toEqual([
      'routes.b.p95: no route named "b" (routes: a)',
    ]);
  });
});

describe("the safety caps cover every knob", () => {
  it.each([
    [{ connections: 5000 }, "connections"],
    [{ max_in_flight: 20000, rate: 10 }, "max_in_flight"],
  ])("%j needs allow_large", (extra, key) => {
    const base = { target: "api", duration: "5s", ...("rate" in extra ? {} : { vus: 1 }) };
    const refused = loadConfigSchema.safeParse({ ...base, ...extra });
    expect(refused.success).toBe(false);
    expect(JSON.stringify(refused.error?.issues)).toContain(key);
    expect(loadConfigSchema.safeParse({ ...base, ...extra, allow_large: true }).success).toBe(true);
  });
});
