import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration.js";
import { lastLines, TailBuffer } from "./tail-buffer.js";

describe("TailBuffer", () => {
  it("keeps the last bytes written, in order", () => {
    const tail = new TailBuffer(5);
    for (const part of ["abc", "def", "gh"]) tail.write(Buffer.from(part));
    expect(tail.toString()).toBe("defgh");
    expect(tail.dropped).toBe(3);
  });

  it("keeps the tail of a chunk larger than itself", () => {
    const tail = new TailBuffer(4);
    tail.write(Buffer.from("0123456789"));
    expect(tail.toString()).toBe("6789");
    expect(tail.dropped).toBe(6);
  });

  it("holds no more than its capacity however much is written", () => {
    const tail = new TailBuffer(64 * 1024);
    const chunk = Buffer.alloc(64 * 1024 - 1, "x");
    for (let i = 0; i < 160; i++) tail.write(chunk);
    expect(Buffer.byteLength(tail.toString())).toBe(64 * 1024);
    expect(tail.dropped).toBe(160 * chunk.length - 64 * 1024);
  });

  it("does not start with half a character", () => {
    const tail = new TailBuffer(3);
    tail.write(Buffer.from("ab€c")); // € is 3 bytes: the kept 3 bytes start inside it
    expect(tail.toString()).toBe("c");
  });
});

describe("lastLines", () => {
  it("keeps the last lines without the final newline", () => {
    expect(lastLines("a\nb\nc\n", 2)).toBe("b\nc");
    expect(lastLines("", 40)).toBe("");
  });
});

describe("formatDuration", () => {
  it("writes budgets the way users write them", () => {
    expect([250, 1000, 1500, 5000, 90_000, 600_000, 7_200_000].map(formatDuration)).toEqual([
      "250ms",
      "1s",
      "1.5s",
      "5s",
      "90s",
      "10m",
      "2h",
    ]);
  });
});
