import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBytes } from "../../test/support/checklist-bytes.js";
import { byteOffsetAt, decodeChecklistSource, readChecklistSource } from "./source.js";

describe("checklist source", () => {
  it("keeps a BOM out of the text and counts it in byte offsets", () => {
    const source = decodeChecklistSource(
      "a.md",
      Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("- [ ] a\n")]),
    );
    expect(source.bom).toBe(true);
    expect(source.text).toBe("- [ ] a\n");
    expect(byteOffsetAt(source, 0, 3)).toBe(6);
  });

  it("maps CRLF lines to their byte starts", () => {
    const source = decodeChecklistSource("a.md", new TextEncoder().encode("é\r\nb\r\n"));
    expect(source.lineEnding).toBe("crlf");
    expect(source.lineStarts).toEqual([0, 4, 7]);
  });

  it("finds the byte where each line starts, ASCII or not, with or without a BOM", () => {
    const unit = fc.constantFrom("a", " ", "\n", "\r\n", "\r", "é", "✅", "😀");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.boolean(), (text, bom) => {
        const bytes = new TextEncoder().encode(text);
        const source = decodeChecklistSource(
          "a.md",
          bom ? Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]) : bytes,
        );
        // Each line's start: the bytes of the text before it, terminators included.
        let before = 0;
        const expected = source.lines.map((line) => {
          const start = Buffer.byteLength(text.slice(0, before)) + (bom ? 3 : 0);
          before += line.length + (text.startsWith("\r\n", before + line.length) ? 2 : 1);
          return start;
        });
        expect(source.lineStarts).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads text that is not UTF-8 as Windows-1252, with a warning, ticks at their byte", () => {
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode("# Caf"),
      0xe9,
      0x0a,
      ...new TextEncoder().encode("- [ ] r"),
      0xe9,
      0x0a,
    ]);
    const checklist = parseBytes(bytes, "legacy.md");
    expect(checklist.source.encoding).toBe("windows-1252");
    expect(checklist.source.warnings).toEqual(["legacy.md: not valid UTF-8; read as Windows-1252"]);
    expect(checklist.title).toBe("Café");
    expect(checklist.items[0]?.tick?.offset).toBe(10);
    expect(bytes[10]).toBe(0x20);
  });

  it("refuses binary data, a directory and a missing file with one clear message", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gonogo-source-"));
    const binary = join(dir, "image.md");
    writeFileSync(binary, Uint8Array.from([0x89, 0x50, 0x00, 0x01]));
    await expect(readChecklistSource(binary)).rejects.toThrow(
      `${binary}: looks like a binary file (it contains NUL bytes), not Markdown`,
    );
    await expect(readChecklistSource(dir)).rejects.toThrow(`${dir}: is a directory, not a checklist file`);
    await expect(readChecklistSource(join(dir, "nope.md"))).rejects.toThrow(
      "nope.md: cannot read checklist: no such file",
    );
  });

  it("calls a missing checklist not-found and an unreadable one bad input, keeping the fs error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gonogo-source-"));
    await expect(readChecklistSource(join(dir, "nope.md"))).rejects.toMatchObject({
      kind: "not-found",
      message: `${join(dir, "nope.md")}: cannot read checklist: no such file`,
      cause: expect.objectContaining({ code: "ENOENT" }),
    });
    await expect(readChecklistSource(join(dir))).rejects.toMatchObject({ kind: "input" });
  });

  it("names UTF-16 text for what it is", () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0x2d, 0x00, 0x20, 0x00]);
    expect(() => decodeChecklistSource("win.md", bytes)).toThrow(
      "win.md: is UTF-16 text; save it as UTF-8 and run gonogo again",
    );
  });
});
