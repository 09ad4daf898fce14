import { describe, expect, test } from "vitest";
import { cut, renderActual } from "./render.js";

describe("renderActual", () => {
  test("numbers and quantities", () => {
    expect(renderActual({ kind: "duration", value: 412 })).toBe("412ms");
    expect(renderActual({ kind: "size", value: 2_300_000 })).toBe("2.3MB");
    expect(renderActual({ kind: "number", value: 0.93 }, "%")).toBe("93%");
    expect(renderActual({ kind: "number", value: 0.93 })).toBe("0.93");
  });

  test("text is quoted with escapes, and cut to 120 characters", () => {
    expect(renderActual({ kind: "string", value: "text/html" })).toBe('"text/html"');
    expect(renderActual({ kind: "string", value: 'say "hi"\n' })).toBe('"say \\"hi\\"\\n"');
    const long = renderActual({ kind: "string", value: "y".repeat(121) });
    expect(long).toBe(`"${"y".repeat(119)}…"`);
  });

  test("lists show their size and items", () => {
    expect(renderActual({ kind: "list", value: [] })).toBe("0 items");
    expect(renderActual({ kind: "list", value: ["a"] })).toBe("1 item: a");
    expect(renderActual({ kind: "list", value: ["a", "b", "c"] })).toBe("3 items: a, b, c");
    const many = renderActual({ kind: "list", value: Array.from({ length: 100 }, (_, i) => `item${i}`) });
    expect(Array.from(many)).toHaveLength(120);
    expect(many.startsWith("100 items: item0, item1")).toBe(true);
    expect(many.endsWith("…")).toBe(true);
  });

  test("booleans", () => {
    expect(renderActual({ kind: "boolean", value: false })).toBe("false");
  });
});

describe("cut", () => {
  test("never splits a character made of two UTF-16 units", () => {
    expect(cut("😀😀😀", 2)).toBe("😀…");
    expect(cut("abc", 3)).toBe("abc");
  });
});
