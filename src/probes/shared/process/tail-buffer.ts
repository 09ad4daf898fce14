/**
 * Keeps the last `capacity` bytes written to it, so a command that prints gigabytes costs at most
 * `capacity` bytes of memory. `dropped` counts the bytes let go from the head.
 */
export class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  dropped = 0;

  constructor(readonly capacity: number) {}

  write(chunk: Buffer): void {
    // A chunk larger than the whole buffer: only its own tail can survive.
    const kept = chunk.length > this.capacity ? chunk.subarray(chunk.length - this.capacity) : chunk;
    this.dropped += chunk.length - kept.length;
    this.chunks.push(kept);
    this.size += kept.length;
    this.trimHead();
  }

  /** The kept bytes as UTF-8, without a character cut in half at the start. */
  toString(): string {
    const bytes = Buffer.concat(this.chunks, this.size);
    return bytes.subarray(this.dropped > 0 ? leadingContinuationBytes(bytes) : 0).toString("utf8");
  }

  private trimHead(): void {
    while (this.size > this.capacity) {
      const head = this.chunks[0];
      if (head === undefined) return;
      const excess = this.size - this.capacity;
      if (head.length <= excess) {
        this.chunks.shift();
        this.size -= head.length;
        this.dropped += head.length;
      } else {
        this.chunks[0] = head.subarray(excess);
        this.size -= excess;
        this.dropped += excess;
      }
    }
  }
}

/** UTF-8 continuation bytes (10xxxxxx) left at the start when a multi-byte character was cut. */
function leadingContinuationBytes(bytes: Buffer): number {
  let count = 0;
  while (count < 3 && count < bytes.length && ((bytes[count] ?? 0) & 0xc0) === 0x80) count++;
  return count;
}

/** The last `count` lines of `text`, for evidence a person reads (`lastLines("a\nb\nc\n", 2)` is "b\nc"). */
export function lastLines(text: string, count: number): string {
  const lines = text.replace(/\n$/, "").split("\n");
  return lines.slice(-count).join("\n");
}
