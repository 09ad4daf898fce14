import { describe, expect, test } from "vitest";
import type { ObservableKind } from "../core/observation.js";
import { checkExpectation } from "./check.js";
import { parseExpectation } from "./parse.js";
import type { Expectation } from "./types.js";

function parsed(source: string): Expectation {
  const result = parseExpectation(source);
  if (!result.ok) throw new Error(result.error.pretty);
  return result.expectation;
}

function check(source: string, kind: ObservableKind): string | null {
  return checkExpectation(parsed(source), { kind, description: "test" });
}

describe("checkExpectation", () => {
  test("durations and sizes need a unit of their own dimension", () => {
    expect(check("latency < 300", "duration")).toBe('latency is a duration: write a unit, e.g. "300ms"?');
    expect(check("size < 10", "size")).toBe('size is a size: write a unit, e.g. "10MB"?');
    expect(check("latency < 90%", "duration")).toBe(
      'latency is a duration, not a percentage: write a unit, e.g. "90ms"?',
    );
    expect(check("latency < 10MB", "duration")).toBe("latency is a duration, but 10MB is a size");
    expect(check("size < 3s", "size")).toBe("size is a size, but 3s is a duration");
    expect(check('latency == "fast"', "duration")).toBe(
      "latency is a duration: compare it with a number and a unit, e.g. latency == 300ms",
    );
    expect(check('latency contains "1"', "duration")).toBe(
      "contains needs text or a list, but latency is a duration",
    );
    expect(check("latency < 0.3s", "duration")).toBeNull();
    expect(check("size <= 1.5GiB", "size")).toBeNull();
  });

  test("plain numbers take no unit, except % which is a ratio", () => {
    expect(check("status == 200ms", "number")).toBe(
      "status is a plain number with no unit: write 200, not 200ms",
    );
    expect(check('status == "200"', "number")).toBe(
      'status is a number: compare it with a number, not "200"',
    );
    expect(check('status contains "2"', "number")).toBe(
      "contains needs text or a list, but status is a number",
    );
    expect(check("status matches /2../", "number")).toBe(
      "matches needs text or a list, but status is a number",
    );
    expect(check("hit_rate >= 90%", "number")).toBeNull();
    expect(check("hit_rate >= 0.9", "number")).toBeNull();
  });

  test("text cannot be ordered", () => {
    expect(check("header.x < 5", "string")).toBe(
      "header.x is text: < needs a number; use ==, !=, contains or matches",
    );
    expect(check("body == true", "string")).toBe(
      'body is text: compare it with quoted text, e.g. body == "true"',
    );
    expect(check("header.age == 5s", "string")).toBe(
      "header.age is text: a number in it has no unit, write 5, not 5s",
    );
    expect(check('body contains "ok"', "string")).toBeNull();
    expect(check("body matches /ok/", "string")).toBeNull();
    expect(check("header.age == 5", "string")).toBeNull();
  });

  test("booleans take == and != with true or false", () => {
    expect(check("json.ready == 1", "boolean")).toBe(
      "json.ready is true or false: write json.ready == true or json.ready == false",
    );
    expect(check("json.ready > 0", "boolean")).toBe(
      "json.ready is true or false: write json.ready == true or json.ready == false",
    );
    expect(check('json.ready == "true"', "boolean")).not.toBeNull();
    expect(check("json.ready != false", "boolean")).toBeNull();
  });

  test("lists compare by length with a plain number, by membership with contains", () => {
    expect(check("missing == 0", "list")).toBeNull();
    expect(check("missing < 3", "list")).toBeNull();
    expect(check('security_headers contains "CSP"', "list")).toBeNull();
    expect(check("security_headers matches /^csp$/i", "list")).toBeNull();
    expect(check('security_headers == "CSP"', "list")).toBe(
      'security_headers is a list: use security_headers contains "CSP" to test membership',
    );
    expect(check('security_headers != "CSP"', "list")).toBe(
      'security_headers is a list: use security_headers !contains "CSP" to test membership',
    );
    expect(check("missing < 3ms", "list")).toBe(
      "missing is a list: compare its length with a plain number, not 3ms",
    );
    expect(check("missing == true", "list")).toBe(
      'missing is a list: compare its length with a number, or use contains "x"',
    );
  });

  test("kind any, an unknown observable and presence ops are left to run time", () => {
    expect(check("latency < 300", "any")).toBeNull();
    expect(checkExpectation(parsed("latency < 300"), undefined)).toBeNull();
    expect(check("latency exists", "duration")).toBeNull();
    expect(check("json.ready !exists", "boolean")).toBeNull();
  });
});
