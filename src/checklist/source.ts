import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { GonogoError } from "../core/errors.js";
import { describeFsFailure, readFailureKind, specialFileKind } from "../core/fs-failure.js";

/**
 * A checklist file as bytes plus the decoded text, with enough to map a (line, column) of the
 * text back to a byte offset: write-back touches tick bytes only, so it needs exact offsets.
 */
export interface ChecklistSource {
  path: string;
  bytes: Uint8Array;
  /** Decoded text without the BOM, line endings as in the file. */
  text: string;
  encoding: "utf-8" | "windows-1252";
  bom: boolean;
  lineEnding: "lf" | "crlf" | "cr" | "mixed" | "none";
  /** Lines of `text` without their terminators (`\r\n`, `\r` or `\n`, as markdown-it splits them). */
  lines: string[];
  /** Byte offset in `bytes` where each line starts. */
  lineStarts: number[];
  sha256: string;
  warnings: string[];
}

const BOM = [0xef, 0xbb, 0xbf];
const SNIFF_BYTES = 8000;

/** Reads a checklist file; throws GonogoError (exit 2) for a missing file, a directory or binary data. */
export async function readChecklistSource(path: string): Promise<ChecklistSource> {
  return decodeChecklistSource(path, await readChecklistBytes(path));
}

/** A checklist file's bytes; a missing file, a directory or a device is an input error (exit 2). */
export async function readChecklistBytes(path: string): Promise<Uint8Array> {
  const unreadable = (error: NodeJS.ErrnoException) => {
    const why = error.code === "ENOENT" ? "no such file" : describeFsFailure(error);
    throw new GonogoError(readFailureKind(error, "input"), `${path}: cannot read checklist: ${why}`, [], {
      cause: error,
    });
  };
  const info = await stat(path).catch(unreadable);
  if (info.isDirectory()) {
    throw new GonogoError("input", `${path}: is a directory, not a checklist file (name the .md file)`);
  }
  const kind = specialFileKind(info);
  if (kind !== null)
    throw new GonogoError(
      "input",
      `${path}: is ${kind}, not a checklist file: gonogo reads a file it can write ticks back to`,
    );
  const bytes = await readFile(path).catch(unreadable);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decodes bytes already in memory (tests and write-back use this directly). */
export function decodeChecklistSource(path: string, bytes: Uint8Array): ChecklistSource {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) {
    // Editors on Windows save "Unicode" as UTF-16; ticks there are two bytes wide, so convert first.
    throw new GonogoError("input", `${path}: is UTF-16 text; save it as UTF-8 and run gonogo again`);
  }
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) {
    throw new GonogoError("input", `${path}: looks like a binary file (it contains NUL bytes), not Markdown`);
  }
  const warnings: string[] = [];
  const bom = BOM.every((b, i) => bytes[i] === b);
  const body = bom ? bytes.subarray(3) : bytes;
  let encoding: ChecklistSource["encoding"] = "utf-8";
  let text: string;
  try {
    text = heapCopy(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body));
  } catch {
    encoding = "windows-1252";
    text = heapCopy(new TextDecoder("windows-1252").decode(body));
    warnings.push(`${path}: not valid UTF-8; read as Windows-1252`);
  }
  const { lines, lineEnding } = splitLines(text);
  // A UTF-8 character of two or more bytes is one or two UTF-16 units: as many units as bytes is ASCII.
  const oneBytePerChar = encoding === "windows-1252" || text.length === body.length;
  const lineStarts = computeLineStarts(lines, text, oneBytePerChar, bom ? 3 : 0);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { path, bytes, text, encoding, bom, lineEnding, lines, lineStarts, sha256, warnings };
}

/**
 * The same characters, held in V8's own heap. Why: Node hands out a decoded text of more than
 * about 1 MB as an external string, which V8 reads a character at a time through a runtime call,
 * and markdown-it reads every character with `charCodeAt`: on a 6.7 MB checklist that cost 565 M
 * instructions of 10 G (docs/benchmarks.md, fourth round). Slicing a concatenation copies the text
 * into one ordinary string first.
 */
function heapCopy(text: string): string {
  return `\n${text}`.slice(1);
}

function splitLines(text: string): { lines: string[]; lineEnding: ChecklistSource["lineEnding"] } {
  const lines = text.split(/\r\n|\r|\n/);
  // Which terminators occur, without an array of every one of them (a large file has many).
  const kinds = new Set<string>();
  if (text.includes("\r\n")) kinds.add("\r\n");
  if (/\r(?!\n)/.test(text)) kinds.add("\r");
  if (/(?<!\r)\n/.test(text)) kinds.add("\n");
  const lineEnding =
    kinds.size === 0
      ? "none"
      : kinds.size > 1
        ? "mixed"
        : kinds.has("\r\n")
          ? "crlf"
          : kinds.has("\r")
            ? "cr"
            : "lf";
  return { lines, lineEnding };
}

function computeLineStarts(lines: string[], text: string, oneBytePerChar: boolean, start: number): number[] {
  const starts: number[] = [];
  let charPos = 0;
  let bytePos = start;
  for (const line of lines) {
    starts.push(bytePos);
    charPos += line.length;
    bytePos += oneBytePerChar ? line.length : Buffer.byteLength(line, "utf8");
    const terminator = text.startsWith("\r\n", charPos) ? 2 : charPos < text.length ? 1 : 0;
    charPos += terminator;
    bytePos += terminator;
  }
  return starts;
}

export function encodedLength(s: string, encoding: ChecklistSource["encoding"]): number {
  // Windows-1252 maps every byte to exactly one UTF-16 unit, so characters are bytes.
  return encoding === "utf-8" ? Buffer.byteLength(s, "utf8") : s.length;
}

/** Byte offset of a character position (0-based line and column in `lines`). */
export function byteOffsetAt(source: ChecklistSource, line: number, column: number): number {
  const lineText = source.lines[line] ?? "";
  return (source.lineStarts[line] ?? 0) + encodedLength(lineText.slice(0, column), source.encoding);
}
