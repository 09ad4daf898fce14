import { describe, expect, it } from "vitest";
import { HTTP_STATUS_BY_KIND, httpStatusOf } from "./error-http-status.js";
import { ERROR_KINDS, type ErrorKind } from "./errors.js";

describe("HTTP status by error kind", () => {
  // The type makes a missing kind a compile error; this catches it at run time as well (vitest
  // does not type-check), and a kind mapped that no longer exists.
  it("maps every kind, and nothing else", () => {
    expect(Object.keys(HTTP_STATUS_BY_KIND).sort()).toEqual([...ERROR_KINDS].sort());
    for (const kind of ERROR_KINDS) expect(Number.isInteger(httpStatusOf(kind)), kind).toBe(true);
  });

  it("answers a wrong request with a 4xx and only gonogo's own failure with a 5xx", () => {
    const expected: Record<ErrorKind, number> = {
      usage: 400,
      input: 422,
      config: 422,
      "not-found": 404,
      conflict: 409,
      unavailable: 503,
      output: 500,
      unauthenticated: 401,
      forbidden: 403,
    };
    for (const kind of ERROR_KINDS) expect([kind, httpStatusOf(kind)]).toEqual([kind, expected[kind]]);
  });
});
