/**
 * Ctrl-C (or SIGTERM) as an abort: the first one stops the running checks and the report still
 * shows what was measured; a second one exits at once (130 or 143), and the command probe's exit
 * hook kills its process groups. Listening starts when the checks start and stops when they end,
 * so before and after, a signal does what it always does.
 */
export function createInterrupt(): { signal: AbortSignal; listen(): void; stop(): void } {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === "SIGINT" ? 130 : 143);
    process.stderr.write(
      `\ngonogo: ${signal}: stopping the running checks and reporting what was measured\n`,
    );
    controller.abort();
  };
  return {
    signal: controller.signal,
    listen() {
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
    },
    stop() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
