/**
 * Makes writes to stdout wait for the reader when stdout is a pipe, for commands that print one
 * large document and exit.
 *
 * Why: Node opens a stdout pipe non-blocking, so a write the reader has not yet taken is queued in
 * the process. A 20,000-item `status --json` writes its 21 MB report faster than `jq` (or any
 * reader) drains a 64 KiB pipe, and all of it was held as buffers until exit: a quarter more CPU
 * time than the same run into a file, in page faults and collections (docs/benchmarks.md, fifth
 * round). A blocking pipe holds one piece at a time, as a file does.
 *
 * Node has no public switch for this; the handle's `setBlocking` is what Node itself calls for
 * Windows pipes and for terminals, and what long-standing CLIs call for the same reason. Where a
 * handle lacks it (a file, a future Node), nothing changes but memory.
 * Not for `serve` or `worker`: a slow log reader must not stall a server.
 *
 * True when a write to stdout's file descriptor now completes before it returns: a pipe or a
 * terminal made blocking, or a file (which Node writes synchronously, and has no such handle).
 */
export function waitForStdoutReader(): boolean {
  const handle = (process.stdout as { _handle?: { setBlocking?: (blocking: boolean) => number } })._handle;
  if (handle === undefined) return true;
  return handle.setBlocking?.(true) === 0;
}
