import { describe, expect, it } from "vitest";
import { formatSelector, matchesLabels, parseSelector, type Selector } from "./selector.js";

function selector(text: string): Selector {
  const parsed = parseSelector(text);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed;
}

describe("parseSelector", () => {
  it("reads a bare metric name", () => {
    expect(selector(" bargain_redis_hit_rate ")).toEqual({ name: "bargain_redis_hit_rate", matchers: [] });
  });

  it("reads the four matchers, either quote, escapes and a trailing comma", () => {
    const parsed = selector(`x{route="/a,b", code != '500', path=~"/api/.*" ,method!~"GET|HEAD",}`);
    expect(parsed.matchers.map(({ label, op, value }) => [label, op, value])).toEqual([
      ["route", "=", "/a,b"],
      ["code", "!=", "500"],
      ["path", "=~", "/api/.*"],
      ["method", "!~", "GET|HEAD"],
    ]);
    expect(selector('x{m="say \\"hi\\""}').matchers[0]?.value).toBe('say "hi"');
    expect(formatSelector(parsed)).toBe('x{route="/a,b",code!="500",path=~"/api/.*",method!~"GET|HEAD"}');
  });

  it.each<[string, string]>([
    ["5xx", 'expected a metric name, found "5xx"'],
    ["x{route}", "expected =, !=, =~ or !~ after route"],
    ["x{route=/a}", 'expected a quoted value, found "/a}"'],
    ['x{route="/a"', 'expected "," or "}", found end of line'],
    ['x{a=~"("}', 'invalid regex "("'],
    ['x{a="1"} y', 'unexpected "y" after the selector'],
  ])("rejects %j", (text, message) => {
    const parsed = parseSelector(text);
    expect("error" in parsed && parsed.error).toContain(message);
  });
});

describe("matchesLabels", () => {
  const labels = { route: "/api/users", code: "200" };
  it("applies =, != and anchored regexes; a missing label is empty", () => {
    expect(matchesLabels(selector('x{route="/api/users"}').matchers, labels)).toBe(true);
    expect(matchesLabels(selector('x{code!="200"}').matchers, labels)).toBe(false);
    expect(matchesLabels(selector('x{route=~"/api/.*"}').matchers, labels)).toBe(true);
    expect(matchesLabels(selector('x{route=~"api"}').matchers, labels)).toBe(false);
    expect(matchesLabels(selector('x{code!~"5.."}').matchers, labels)).toBe(true);
    expect(matchesLabels(selector('x{method=""}').matchers, labels)).toBe(true);
  });
});
