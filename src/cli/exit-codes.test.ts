import { describe, expect, it } from "vitest";
import { ERROR_KINDS } from "../core/errors.js";
import { EXIT_CODE_BY_KIND, EXIT_CODE_INTERNAL_ERROR, EXIT_CODE_USAGE, exitCodeOf } from "./exit-codes.js";

describe("exit code by error kind", () => {
  // The type makes a missing kind a compile error; this catches it at run time as well (vitest
  // does not type-check), and a kind mapped that no longer exists.
  it("maps every kind, and nothing else", () => {
    expect(Object.keys(EXIT_CODE_BY_KIND).sort()).toEqual([...ERROR_KINDS].sort());
    for (const kind of ERROR_KINDS) expect(Number.isInteger(exitCodeOf(kind)), kind).toBe(true);
  });

  // The README: 0 GO, 1 NO-GO, 2 usage/config/input error. A pipeline reads 1 as NO-GO, so no
  // error of any kind may exit 1 (or 0).
  it("exits 2 for every kind, as the README says", () => {
    for (const kind of ERROR_KINDS) expect([kind, exitCodeOf(kind)]).toEqual([kind, 2]);
    expect(EXIT_CODE_USAGE).toBe(2);
    expect(EXIT_CODE_INTERNAL_ERROR).toBe(2);
  });
});
