import { type JsonParts, layoutJson } from "./json-pieces.js";

// UTF-8 takes at most three bytes for one UTF-16 code unit (a surrogate pair: four for two).
const MAX_BYTES_PER_UNIT = 3;

/**
 * Exactly the UTF-8 bytes of `JSON.stringify(value, null, 2)` and a newline, encoded part by part
 * into one reused buffer of `bufferBytes` and handed to `write` each time it fills.
 *
 * Why not `writeJsonPieces` and `stream.write(piece)`: a piece is joined from its parts (a copy of
 * the whole report in strings) and then encoded into a fresh buffer per write (a second copy); on a
 * 20,000-item report those copies were a fifth of what `status --json` allocated. Here each part is
 * encoded once, into memory that is never given up.
 *
 * `write` gets a view of the buffer and must be done with it when it returns (a synchronous write).
 */
export function writeJsonBytes(
  value: unknown,
  write: (bytes: Uint8Array) => void,
  bufferBytes = 1 << 16,
): void {
  const out = new ByteWriter(write, bufferBytes);
  layoutJson(value, out);
  out.flush();
}

class ByteWriter implements JsonParts {
  private readonly buffer: Buffer;
  private readonly encoder = new TextEncoder();
  private used = 0;
  readonly batchChars: number;

  constructor(
    private readonly write: (bytes: Uint8Array) => void,
    bufferBytes: number,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.max(MAX_BYTES_PER_UNIT * 2, bufferBytes));
    // A batch of array elements fills about a quarter of the buffer, even if all of it were ASCII.
    this.batchChars = Math.max(1, this.buffer.length >> 2);
  }

  add(part: string): void {
    if (part.length * MAX_BYTES_PER_UNIT <= this.buffer.length - this.used) {
      this.used += this.buffer.write(part, this.used); // fits whatever its characters: no copy, no view
      return;
    }
    // May not fit: encode what fits, hand the buffer out, go on with the rest.
    let rest = part;
    for (;;) {
      const { read, written } = this.encoder.encodeInto(rest, this.buffer.subarray(this.used));
      this.used += written;
      if (read === rest.length) return;
      this.flush();
      rest = rest.slice(read);
    }
  }

  flush(): void {
    if (this.used === 0) return;
    this.write(this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}
