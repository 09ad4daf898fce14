export interface CappedBody {
  /** At most `maxBytes` bytes: the start of the body. */
  bytes: Buffer;
  /** True when the body went on past `maxBytes` and reading stopped there. */
  truncated: boolean;
}

/**
 * Reads a response body up to `maxBytes` and stops, so a 1 GB or endless body costs at most the cap
 * in memory. Leaving the loop early destroys the stream (and with it the connection).
 * Rejects if the stream errors first (reset, abort at the deadline).
 */
export async function readCappedBody(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    const room = maxBytes - length;
    if (chunk.byteLength > room) {
      chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, room));
      return { bytes: Buffer.concat(chunks, maxBytes), truncated: true };
    }
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    length += chunk.byteLength;
  }
  return { bytes: Buffer.concat(chunks, length), truncated: false };
}
