import { describe, expect, it } from "vitest";
import { isFloating, parseImageRef } from "./image-ref.js";

describe("parseImageRef", () => {
  it("tells a tag from a registry port and a digest", () => {
    expect(parseImageRef("localhost:5000/app:1.2@sha256:ab")).toEqual({
      ref: "localhost:5000/app:1.2@sha256:ab",
      tag: "1.2",
      digest: "sha256:ab",
    });
    expect(parseImageRef("localhost:5000/app")).toMatchObject({ tag: null, digest: null });
  });

  it("calls latest, untagged and undigested references floating", () => {
    const floating = ["node", "node:latest", "ghcr.io/org/app:latest", "localhost:5000/app"];
    const pinned = ["node:22", "node@sha256:ab", "node:latest@sha256:ab", "scratch", "$BASE", "node:$TAG"];
    expect(floating.map((ref) => isFloating(parseImageRef(ref)))).toEqual(floating.map(() => true));
    expect(pinned.map((ref) => isFloating(parseImageRef(ref)))).toEqual(pinned.map(() => false));
  });
});
