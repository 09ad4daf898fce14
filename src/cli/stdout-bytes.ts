import { writeSync } from "node:fs";
import { waitForStdoutReader } from "./blocking-stdout.js";

/**
 * A function that writes bytes to stdout before it returns, for output built in a reused buffer
 * (`writeJsonBytes`). Where stdout can be made to wait for its reader, the bytes go straight to the
 * file descriptor; elsewhere they are copied and queued on Node's stream, as any write is.
 *
 * A reader that goes away (`gonogo status --json | head`) ends the output quietly, as it did when
 * the output went through the stream: what it did not read was not wanted.
 */
export function stdoutBytes(): (bytes: Uint8Array) => void {
  if (!waitForStdoutReader()) return (bytes) => process.stdout.write(Buffer.from(bytes));
  const fd = (process.stdout as { fd?: number }).fd ?? 1;
  let readerGone = false;
  return (bytes) => {
    if (readerGone) return;
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EPIPE") throw error;
      readerGone = true;
    }
  };
}
