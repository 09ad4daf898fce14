/**
 * `JSON.stringify(value, null, 2)`, byte for byte, written as chunks of about 64 KiB.
 *
 * Why not JSON.stringify itself: with an indent V8 leaves its fast path (four times slower on a
 * 20,000-item report), and the one string it returns is UTF-16 throughout as soon as a single
 * "≥" or "✅" appears anywhere, so printing it re-encodes all of it. Chunks are encoded one by one:
 * only those holding such a character pay for it. Strings, numbers and keys are still written by
 * JSON.stringify, so escaping is the engine's own.
 */
const CHUNK_CHARS = 1 << 16;

export function prettyJsonChunks(value: unknown): string[] {
  const writer = new PrettyJsonWriter();
  writer.write(resolve(value, ""), 0);
  return writer.finish();
}

/** What JSON.stringify serialises in place of `value`: the result of its `toJSON`, if it has one. */
function resolve(value: unknown, key: string): unknown {
  if (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  ) {
    return (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  return value;
}

/** Values JSON.stringify leaves out of an object (and writes as `null` in an array). */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/** The text of null, a string, a number or a boolean; undefined for anything else. */
function primitiveText(value: unknown): string | undefined {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    default:
      return undefined;
  }
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

class PrettyJsonWriter {
  private readonly chunks: string[] = [];
  private chunk = "";
  private readonly newlines: string[] = [];
  private readonly keys = new Map<string, string>();

  finish(): string[] {
    if (this.chunk !== "") this.chunks.push(this.chunk);
    return this.chunks;
  }

  write(value: unknown, depth: number): void {
    const primitive = primitiveText(value);
    if (primitive !== undefined) this.emit(primitive);
    else if (typeof value !== "object" || value === null) {
      // A bigint throws as JSON.stringify throws; at the top level, undefined writes nothing.
      if (typeof value === "bigint") JSON.stringify(value);
    } else if (Array.isArray(value)) this.writeArray(value, depth);
    else if (isPlainObject(value)) this.writeObject(value as Record<string, unknown>, depth);
    // Boxed primitives, Maps, class instances: rare in a report; the engine's own answer, indented.
    else this.emit(JSON.stringify(value, null, 2).replaceAll("\n", this.newline(depth)));
  }

  private writeArray(array: unknown[], depth: number): void {
    if (array.length === 0) {
      this.emit("[]");
      return;
    }
    const inner = this.newline(depth + 1);
    for (let i = 0; i < array.length; i++) {
      this.emit(i === 0 ? `[${inner}` : `,${inner}`);
      const item = resolve(array[i], String(i));
      if (isOmitted(item)) this.emit("null");
      else this.write(item, depth + 1);
    }
    this.emit(`${this.newline(depth)}]`);
  }

  private writeObject(object: Record<string, unknown>, depth: number): void {
    const inner = this.newline(depth + 1);
    let first = true;
    for (const key of Object.keys(object)) {
      const item = resolve(object[key], key);
      if (isOmitted(item)) continue;
      this.emit(`${first ? "{" : ","}${inner}${this.key(key)}`);
      first = false;
      this.write(item, depth + 1);
    }
    this.emit(first ? "{}" : `${this.newline(depth)}}`);
  }

  private emit(text: string): void {
    this.chunk += text;
    if (this.chunk.length >= CHUNK_CHARS) {
      this.chunks.push(this.chunk);
      this.chunk = "";
    }
  }

  private newline(depth: number): string {
    let text = this.newlines[depth];
    if (text === undefined) {
      text = `\n${"  ".repeat(depth)}`;
      this.newlines[depth] = text;
    }
    return text;
  }

  /** `"key": `, quoted once per distinct key (a report repeats a dozen keys thousands of times). */
  private key(key: string): string {
    let text = this.keys.get(key);
    if (text === undefined) {
      text = `${JSON.stringify(key)}: `;
      this.keys.set(key, text);
    }
    return text;
  }
}
