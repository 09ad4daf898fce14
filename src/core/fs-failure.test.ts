import { describe, expect, it } from "vitest";
import { readFailureKind } from "./fs-failure.js";

const failure = (code: string) => Object.assign(new Error(code), { code });

describe("readFailureKind", () => {
  it("calls a file that is not there not-found, and any other failure what the caller says", () => {
    expect(readFailureKind(failure("ENOENT"), "input")).toBe("not-found");
    expect(readFailureKind(failure("ENOTDIR"), "config")).toBe("not-found");
    expect(readFailureKind(failure("EACCES"), "input")).toBe("input");
    expect(readFailureKind(failure("EISDIR"), "config")).toBe("config");
    expect(readFailureKind("not an error", "input")).toBe("input");
  });
});
