/**
 * Exactly what `JSON.stringify(value, null, 2)` prints, plus a newline, handed out in pieces of
 * about `pieceChars` characters instead of as one string.
 *
 * Why not one string: on a checklist of 20,000 items the report is 10 MB of JSON, and building it
 * in one piece (then copying it into a buffer for stdout) touched about 60 MB of fresh memory, most
 * of `status --json`'s page faults and a fifth of its time on this machine (docs/benchmarks.md).
 * Here each element of the report's arrays is stringified on its own, so the memory it takes is
 * short-lived and reused. JSON.stringify still writes every value: this module only lays out the
 * outer objects and arrays the way it would, and a property test holds the two to the same bytes.
 */
const GAP = "  ";
// 64 Ki characters: under V8's large-object size, so each piece is young garbage in reused memory
// (1 Mi pieces went to fresh large-object pages: twice the page faults).
// The report's own objects and arrays (depth 0 and 1) are laid out here; anything deeper is small.
const LAYOUT_DEPTH = 2;
// Elements of the report's arrays given to one JSON.stringify at most (see `layoutInBatches`).
const MAX_BATCH = 1024;

export function* jsonPieces(value: unknown, pieceChars = 1 << 16): Generator<string> {
  const pieces: string[] = [];
  writeJsonPieces(value, (piece) => pieces.push(piece), pieceChars);
  yield* pieces;
}

/** As `jsonPieces`, handing each piece to `write` as soon as it is full (no generator: it costs per part). */
export function writeJsonPieces(value: unknown, write: (piece: string) => void, pieceChars = 1 << 16): void {
  const out = new PieceWriter(write, pieceChars);
  layoutJson(value, out);
  out.flush();
}

/** Where the layout puts the report's text, part by part, in order. */
export interface JsonParts {
  add(part: string): void;
  /** How many characters a batch of array elements should come to. */
  readonly batchChars: number;
}

/** Lays `value` out into `out` as `JSON.stringify(value, null, 2)` and a newline; the caller flushes `out`. */
export function layoutJson(value: unknown, out: JsonParts): void {
  layout(value, "", 0, out);
  out.add("\n");
}

class PieceWriter implements JsonParts {
  private parts: string[] = [];
  private size = 0;
  readonly batchChars: number;

  constructor(
    private readonly write: (piece: string) => void,
    private readonly pieceChars: number,
  ) {
    this.batchChars = Math.max(1, pieceChars >> 2);
  }

  add(part: string): void {
    this.parts.push(part);
    this.size += part.length;
    if (this.size >= this.pieceChars) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.write(this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }
}

function layout(value: unknown, indent: string, depth: number, out: JsonParts): void {
  if (depth < LAYOUT_DEPTH && Array.isArray(value) && value.length > 0) {
    const inner = indent + GAP;
    out.add("[\n");
    if (depth + 1 === LAYOUT_DEPTH) {
      layoutInBatches(value, indent, out);
    } else {
      for (let i = 0; i < value.length; i++) {
        out.add(i === 0 ? inner : `,\n${inner}`);
        // An element JSON cannot hold (undefined, a function) is written null, as JSON.stringify does.
        if (isWritable(value[i])) layout(value[i], inner, depth + 1, out);
        else out.add("null");
      }
    }
    out.add(`\n${indent}]`);
    return;
  }
  if (depth < LAYOUT_DEPTH && isPlainObject(value)) {
    const inner = indent + GAP;
    let first = true;
    for (const key of Object.keys(value)) {
      const field = value[key];
      if (!isWritable(field)) continue;
      out.add(first ? `{\n${inner}${JSON.stringify(key)}: ` : `,\n${inner}${JSON.stringify(key)}: `);
      first = false;
      layout(field, inner, depth + 1, out);
    }
    out.add(first ? "{}" : `\n${indent}}`);
    return;
  }
  out.add(indent === "" ? (JSON.stringify(value, null, 2) ?? "null") : stringifyIndented(value, indent));
}

/**
 * The elements of `array` (whose own brackets are at `indent`) as the loop above would write them,
 * several to one JSON.stringify: a batch is stringified as an array at `indent` and its brackets cut
 * off. One call per element (20,000 report items) cost more in calls and wrapping than in writing.
 * Batches grow or shrink to about a quarter of a piece, whatever the elements' size.
 */
function layoutInBatches(array: unknown[], indent: string, out: JsonParts): void {
  const head = "[\n".length;
  const tail = `\n${indent}]`.length;
  let size = 8;
  for (let start = 0; start < array.length; ) {
    const batch = array.slice(start, start + size);
    const text = stringifyIndented(batch, indent);
    if (start > 0) out.add(",\n");
    out.add(text.slice(head, text.length - tail));
    start += batch.length;
    size = Math.max(1, Math.min(MAX_BATCH, Math.floor((size * out.batchChars) / text.length)));
  }
}

/**
 * `JSON.stringify(value, null, 2)` with every line after the first indented by `indent` (a whole
 * number of GAPs): the value is stringified inside as many one-element arrays as `indent` has GAPs,
 * which JSON.stringify indents just so, and the arrays' own brackets are cut off. Indenting the text
 * afterwards (`replaceAll("\n", ...)`) wrote each item's JSON twice.
 */
function stringifyIndented(value: unknown, indent: string): string {
  let wrapped = value;
  let prefix = 0;
  let suffix = 0;
  for (let level = 1; level * GAP.length <= indent.length; level++) {
    wrapped = [wrapped];
    prefix += 2 + level * GAP.length; // "[\n" and the indent of the next level
    suffix += 2 + (level - 1) * GAP.length; // "\n", the indent of this level and "]"
  }
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(prefix, text.length - suffix);
}

/** What JSON.stringify writes as a property (it leaves out the rest). */
function isWritable(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}

/** An object JSON.stringify lays out by its own keys: no toJSON of its own to call first. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return (
    (proto === Object.prototype || proto === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function"
  );
}
