import { describe, expect, it } from "vitest";
import { closestName } from "./closest-name.js";

const CHECK_KEYS = ["item", "expect", "retries", "description", "http", "tls", "command", "file"];

describe("closestName", () => {
  it.each([
    ["retires", "retries"],
    ["htpp", "http"],
    ["expcet", "expect"],
    ["items", "item"],
    ["Retries", "retries"],
    ["comand", "command"],
  ])("suggests %s -> %s", (written, meant) => {
    expect(closestName(written, CHECK_KEYS)).toBe(meant);
  });

  it("suggests nothing when no candidate is close", () => {
    expect(closestName("extra", CHECK_KEYS)).toBeUndefined();
    expect(closestName("xyz", CHECK_KEYS)).toBeUndefined();
    expect(closestName("anything", [])).toBeUndefined();
  });

  it("takes the closest of several near candidates", () => {
    expect(closestName("pth", ["path", "port"])).toBe("path");
    expect(closestName("tiemout", ["timeout", "time_out_ms"])).toBe("timeout");
  });
});
