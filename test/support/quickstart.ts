import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const QUICKSTART_DIR = fileURLToPath(new URL("../../examples/quickstart/", import.meta.url));

/** Starts the quickstart service on a free port and returns its URL and a stop function. */
export async function startQuickstart(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ["service.js"], {
    cwd: QUICKSTART_DIR,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const url = /^listening on (http:\/\/\S+)$/.exec(line)?.[1];
    if (url) {
      return {
        url,
        stop: async () => {
          if (child.exitCode === null) {
            child.kill("SIGTERM");
            await once(child, "exit");
          }
        },
      };
    }
  }
  throw new Error("quickstart service did not print its URL");
}

/** The quickstart items whose targets are latencies, which a busy machine can honestly miss. */
export const QUICKSTART_LATENCY_ITEMS = [
  "/healthz returns 200 in under 300ms",
  "/api/orders p95 latency under 200ms at 50 requests per second",
];
