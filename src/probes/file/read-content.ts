import { open } from "node:fs/promises";

const NEWLINE = Buffer.from("\n");

export interface Content {
  text: string;
  /** Bytes left unread because the cap was reached. */
  truncatedBytes: number;
}

/**
 * The files' contents one after another, reading at most `capBytes` in all so a huge match costs
 * no more memory than the cap. A newline is put between files that do not end in one, so
 * `content contains` never matches across two files.
 */
export async function readContent(
  files: { absolute: string; size: number }[],
  capBytes: number,
  signal: AbortSignal,
): Promise<Content> {
  const parts: Buffer[] = [];
  let remaining = capBytes;
  let truncatedBytes = 0;
  for (const file of files) {
    signal.throwIfAborted();
    const separator = needsSeparator(parts.at(-1)) && remaining > 1 ? NEWLINE : null;
    const part = await readHead(file.absolute, Math.min(file.size, remaining - (separator?.length ?? 0)));
    truncatedBytes += file.size - part.length;
    if (part.length === 0) continue;
    if (separator !== null) parts.push(separator);
    parts.push(part);
    remaining -= part.length + (separator?.length ?? 0);
  }
  return { text: Buffer.concat(parts).toString("utf8"), truncatedBytes };
}

function needsSeparator(previous: Buffer | undefined): boolean {
  return previous !== undefined && previous.at(-1) !== NEWLINE[0];
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  if (bytes <= 0) return Buffer.alloc(0);
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
