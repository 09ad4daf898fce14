import { describe, expect, it } from "vitest";
import { ERROR_KINDS, GonogoError, isGonogoError } from "./errors.js";

describe("GonogoError", () => {
  it("keeps the caught error as its cause, and the message a person reads as it was", () => {
    const low = Object.assign(new Error("ENOENT: no such file or directory, open 'k.pem'"), {
      code: "ENOENT",
    });
    const error = new GonogoError("not-found", "k.pem: cannot read the private key: ENOENT", [], {
      cause: low,
    });
    expect(error.cause).toBe(low);
    expect(error.message).toBe("k.pem: cannot read the private key: ENOENT");
    expect(error.kind).toBe("not-found");
    expect(error.details).toEqual([]);
    expect(isGonogoError(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
  });

  it("has no cause when it was not made from a caught error", () => {
    const error = new GonogoError("usage", "--limit 0: not a number of runs", ["a whole number"]);
    expect(Object.hasOwn(error, "cause")).toBe(false);
    expect(error.details).toEqual(["a whole number"]);
    expect(error.name).toBe("GonogoError");
  });

  it("carries a kind, not an exit status: the caller maps one to the other", () => {
    const error = new GonogoError("conflict", "x.md: changed since gonogo read it");
    expect(Object.keys(error)).not.toContain("exitCode");
    expect("exitCode" in error).toBe(false);
  });

  it("lists each kind once", () => {
    expect(new Set(ERROR_KINDS).size).toBe(ERROR_KINDS.length);
  });
});
