// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are Dockerfile references, not JS templates
import { describe, expect, it } from "vitest";
import { expandBuildArgs } from "./expand-build-args.js";

describe("expandBuildArgs", () => {
  const args = new Map<string, string | undefined>([
    ["TAG", "22"],
    ["EMPTY", ""],
    ["UNSET", undefined],
  ]);

  it("substitutes values and defaults like docker build without --build-arg", () => {
    expect(expandBuildArgs("node:$TAG-${TAG}", args)).toBe("node:22-22");
    expect(expandBuildArgs("${UNSET:-20} ${EMPTY:-20} ${EMPTY-20} ${MISSING-20}", args)).toBe("20 20  20");
    expect(expandBuildArgs("${TAG:+set} ${EMPTY:+set} ${EMPTY+set} ${UNSET+set}", args)).toBe("set  set ");
  });

  it("keeps references whose value only exists at build time", () => {
    expect(expandBuildArgs("$UNSET/app:${MISSING}", args)).toBe("$UNSET/app:${MISSING}");
  });
});
