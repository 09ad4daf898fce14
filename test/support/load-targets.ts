// Test support: real servers on 127.0.0.1 with known behaviour, for the load and burst tests.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseObservableRef } from "../../src/expect/index.js";
import type { ProbeContext } from "../../src/probes/types.js";

/**
 * `/delay/<ms>`, `/status/<code>`, `/hang` (never answers), `/reset` (drops the socket),
 * `/mixed` (90% at 10ms, 10% at 60ms), `/limited` (429 with Retry-After after the 20th request).
 */
export async function startTarget(): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  let limitedCount = 0;
  let mixed = 0;
  const server = createServer((req, res) => {
    const [, route, arg] = (req.url ?? "/").split("/");
    req.resume();
    if (route === "delay") setTimeout(() => res.end("ok"), Number(arg));
    else if (route === "status") res.writeHead(Number(arg)).end("status");
    else if (route === "hang") return;
    else if (route === "reset") req.socket.destroy();
    else if (route === "mixed") setTimeout(() => res.end("ok"), mixed++ % 10 === 9 ? 60 : 10);
    else if (route === "limited") {
      if (++limitedCount <= 20) res.end("ok");
      else res.writeHead(429, { "retry-after": "1" }).end("slow down");
    } else res.end("ok");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const STALLING_SERVER = fileURLToPath(new URL("../../bench/stalling-server.cjs", import.meta.url));

/** Starts the stalling server in its own process, so the stall freezes it and not the generator. */
export async function startStallingTarget(stallMs = 200): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [STALLING_SERVER, String(stallMs)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    const url = /^listening on (\S+)$/.exec(line)?.[1];
    if (url) return { url, child };
  }
  throw new Error("the stalling server did not start");
}

/** A quick target ("ok" at once) in its own process: a stall of the test's own loop leaves it answering. */
export function startTargetProcess(): Promise<{ url: string; child: ChildProcess }> {
  return startStallingTarget(0);
}

export function probeContext(url: string, expressions: string[] = [], timeoutMs = 30_000): ProbeContext {
  const requested = expressions.map((text) => {
    const parsed = parseObservableRef(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.observable;
  });
  return {
    signal: new AbortController().signal,
    timeoutMs,
    requested,
    targets: { api: { name: "api", url } },
    baseDir: ".",
  };
}
