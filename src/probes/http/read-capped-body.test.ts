import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readCappedBody } from "./read-capped-body.js";

const stream = (...chunks: string[]) => Readable.from(chunks.map((chunk) => Buffer.from(chunk)));

describe("readCappedBody", () => {
  it("reads a body under the cap whole", async () => {
    expect(await readCappedBody(stream("ab", "cd"), 10)).toEqual({
      bytes: Buffer.from("abcd"),
      truncated: false,
    });
  });

  it("reads a body of exactly the cap as not truncated", async () => {
    expect(await readCappedBody(stream("ab", "cd"), 4)).toEqual({
      bytes: Buffer.from("abcd"),
      truncated: false,
    });
  });

  it("cuts inside a chunk and stops reading", async () => {
    const body = stream("ab", "cdef", "never read");
    expect(await readCappedBody(body, 3)).toEqual({ bytes: Buffer.from("abc"), truncated: true });
    expect(body.destroyed).toBe(true);
  });

  it("stops an endless stream at the cap", async () => {
    const endless = Readable.from(
      (function* () {
        for (;;) yield Buffer.alloc(1000, 1);
      })(),
    );
    const body = await readCappedBody(endless, 10_500);
    expect(body.bytes.length).toBe(10_500);
    expect(body.truncated).toBe(true);
  });
});
