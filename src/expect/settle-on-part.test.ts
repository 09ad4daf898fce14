import { describe, expect, test } from "vitest";
import type { Observations, PartialObservation } from "../core/observation.js";
import { evaluateExpectation } from "./evaluate.js";
import { parseExpectation } from "./parse.js";
import type { ExpectationResult } from "./types.js";

const HEAD: PartialObservation = {
  part: "head",
  limit: "the body was cut at max_body (1MiB)",
  raise: "raise max_body in the check's http block",
};
const TAIL: PartialObservation = {
  part: "tail",
  limit: "only the last 64KiB of stdout were kept",
  raise: "raise max_output in the check's command block",
};
const FLOOR: PartialObservation = { part: "at-least", limit: "the body was cut at max_body (1MiB)" };

function judge(source: string, observations: Observations, cut: PartialObservation): ExpectationResult {
  const parsed = parseExpectation(source);
  if (!parsed.ok) throw new Error(parsed.error.pretty);
  const name = parsed.expectation.observable.text;
  return evaluateExpectation(parsed.expectation, observations, { partial: { [name]: cut } });
}

const verdict = (result: ExpectationResult) => (result.error !== undefined ? "error" : result.ok);

describe("text read only in part (the start of a body cut at its limit)", () => {
  const body = { body: "status: ok\nversion: 1.4\n" };

  test("an absence is never a pass: it is an error naming the limit and the key to raise", () => {
    const result = judge('body !contains "AKIA"', body, HEAD);
    expect(result).toEqual({
      expr: 'body !contains "AKIA"',
      ok: false,
      actual: '"status: ok\\nversion: 1.4\\n"',
      error:
        'cannot judge body !contains "AKIA" on part of body: the body was cut at max_body (1MiB), and the part not read could change the answer; raise max_body in the check\'s http block',
    });
    expect(verdict(judge("body !matches /AKIA[0-9A-Z]{16}/", body, HEAD))).toBe("error");
  });

  test("what was found in the part read settles presence and absence alike", () => {
    expect(verdict(judge('body contains "ok"', body, HEAD))).toBe(true);
    expect(verdict(judge('body !contains "ok"', body, HEAD))).toBe(false);
    expect(verdict(judge("body matches /version: \\d/", body, HEAD))).toBe(true);
    expect(verdict(judge("body !matches /version/", body, HEAD))).toBe(false);
    // Not found in what was read: it may be in the rest.
    expect(verdict(judge('body contains "healthy"', body, HEAD))).toBe("error");
  });

  test("a match that leans on the cut does not count", () => {
    // `$` matches where the read part ends, which is not where the body ends.
    expect(verdict(judge("body matches /1\\.4\\n$/", body, HEAD))).toBe("error");
    expect(verdict(judge("body matches /ok$/m", body, HEAD))).toBe(true);
    const cutMidWord = { body: "version: 1.4 build" };
    expect(verdict(judge("body matches /build\\b/", cutMidWord, HEAD))).toBe("error");
    expect(verdict(judge("body matches /build/", cutMidWord, HEAD))).toBe(true);
  });

  test("equality of text cut short is never known", () => {
    expect(verdict(judge('body == "status: ok\\nversion: 1.4\\n"', body, HEAD))).toBe("error");
    expect(verdict(judge('body != "maintenance"', body, HEAD))).toBe("error");
  });

  test("exists holds for a value read in part; a value not seen is not judged absent", () => {
    expect(verdict(judge("body exists", body, HEAD))).toBe(true);
    expect(verdict(judge("body !exists", body, HEAD))).toBe(false);
    expect(verdict(judge("body !exists", {}, HEAD))).toBe("error");
  });
});

describe("text of which only the end was kept (a command's output tail)", () => {
  const stdout = { stdout: "passing\n15 passing\nDone\n" };

  test("absence is an error, presence passes when found", () => {
    expect(judge('stdout !contains "FAIL"', stdout, TAIL).error).toContain(
      "only the last 64KiB of stdout were kept, and the part not read could change the answer; raise max_output",
    );
    expect(verdict(judge('stdout contains "15 passing"', stdout, TAIL))).toBe(true);
  });

  test("an anchor at the start of what was kept is not the start of the output", () => {
    expect(verdict(judge("stdout matches /^passing/", stdout, TAIL))).toBe("error");
    expect(verdict(judge("stdout matches /^Done/m", stdout, TAIL))).toBe(true);
    expect(verdict(judge("stdout matches /passing/", stdout, TAIL))).toBe(true);
  });

  test("text read as a number is not settled by a part", () => {
    expect(verdict(judge("stdout == 3", { stdout: "3" }, TAIL))).toBe("error");
  });
});

describe("a count or duration measured on what was read is a floor", () => {
  test("secrets == 0 on a body cut short is an error, not a pass", () => {
    expect(judge("secrets == 0", { secrets: 0 }, FLOOR)).toMatchObject({
      ok: false,
      actual: "0",
      error:
        "cannot judge secrets == 0 on part of secrets: the body was cut at max_body (1MiB), and the part not read could change the answer",
    });
  });

  test("outcomes no larger whole could change stand", () => {
    const size = { size: { value: 1_048_576, unit: "B" as const } };
    expect(verdict(judge("size > 1KB", size, FLOOR))).toBe(true);
    expect(verdict(judge("size < 1KB", size, FLOOR))).toBe(false);
    expect(verdict(judge("size < 10MB", size, FLOOR))).toBe("error");
    expect(verdict(judge("secrets > 0", { secrets: 2 }, FLOOR))).toBe(true);
    expect(verdict(judge("secrets == 1", { secrets: 2 }, FLOOR))).toBe(false);
    expect(verdict(judge("latency < 300ms", { latency: { value: 20, unit: "ms" } }, FLOOR))).toBe("error");
    expect(verdict(judge("latency < 300ms", { latency: { value: 400, unit: "ms" } }, FLOOR))).toBe(false);
  });
});

describe("a value that could not be read at all", () => {
  const unreadable: PartialObservation = {
    part: "unknown",
    limit: "the body is not JSON: Unexpected token 'o'",
  };

  test("!exists is an error, as is every other judgment", () => {
    expect(judge("json.debug !exists", {}, unreadable)).toEqual({
      expr: "json.debug !exists",
      ok: false,
      actual: "missing",
      error:
        "cannot judge json.debug !exists: json.debug could not be read (the body is not JSON: Unexpected token 'o')",
    });
    expect(verdict(judge("json.debug exists", {}, unreadable))).toBe("error");
    expect(verdict(judge("json.debug == 1", {}, unreadable))).toBe("error");
  });
});
