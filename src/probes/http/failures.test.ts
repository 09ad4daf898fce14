import { createServer as createHttpServer, type ServerResponse } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type LocalServer, listenLocally } from "../../../test/support/local-server.js";
import { probeContext } from "../../../test/support/probe-context.js";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import httpProbe from "./index.js";
import { run as runHttp } from "./runner.js";

const opened: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
});

async function serve(server: Parameters<typeof listenLocally>[0]): Promise<LocalServer> {
  const local = await listenLocally(server);
  opened.push(local);
  return local;
}

/** Runs the probe with a 1s timeout; returns its result and how long it took. */
async function probe(url: string, config: Record<string, unknown> = {}, signal?: AbortSignal) {
  const startedAt = performance.now();
  const context = probeContext({ timeoutMs: 1000, ...(signal && { signal }) });
  const result = await runHttp(httpProbe.configSchema.parse({ url, ...config }), context);
  return { result, elapsedMs: performance.now() - startedAt };
}

/** Writes 16 KiB chunks as fast as the client reads them, until the client goes away. */
function streamForever(response: ServerResponse, chunk = Buffer.alloc(16 * 1024, "y"), everyMs = 0): void {
  response.writeHead(200, { "content-type": "text/plain" });
  const write = () => {
    if (response.destroyed) return;
    if (everyMs > 0) setTimeout(() => response.write(chunk, write), everyMs);
    else if (response.write(chunk)) setImmediate(write);
    else response.once("drain", write);
  };
  write();
}

describe("http probe when the server misbehaves", () => {
  it("times out on a server that never answers, and hangs up", async () => {
    const server = await serve(createHttpServer(() => {}));
    const { result, elapsedMs } = await probe(`${server.url}/health`);
    expect(result.error).toBe(`GET ${server.url}/health: timed out after 1s`);
    expect(result.observations).toEqual({});
    expect(elapsedMs).toBeLessThan(GAVE_UP_WITHIN_MS);
    await server.waitForNoConnections();
  });

  it("reports a connection reset by the server", async () => {
    const server = await serve(
      createTcpServer((socket) => socket.once("data", () => socket.resetAndDestroy())),
    );
    // A reset, not the 1 s timeout: the message says which.
    const { result } = await probe(`${server.url}/`);
    expect(result.error).toBe(`GET ${server.url}/: connection reset by peer`);
    await server.waitForNoConnections();
  });

  it("reports a server that closes the connection without answering", async () => {
    const server = await serve(createTcpServer((socket) => socket.once("data", () => socket.destroy())));
    const { result } = await probe(`${server.url}/`);
    expect(result.error).toBe(
      `GET ${server.url}/: connection closed by the server before a complete response`,
    );
    await server.waitForNoConnections();
  });

  it("reports a refused connection", async () => {
    const server = await listenLocally(createTcpServer());
    await server.close();
    const { result } = await probe(`${server.url}/health`);
    expect(result.error).toBe(`GET ${server.url}/health: connection refused`);
  });

  it("reports a failed DNS lookup", async () => {
    const { result } = await probe("http://no-such-host.invalid/health");
    expect(result.error).toMatch(
      /^GET http:\/\/no-such-host\.invalid\/health: DNS lookup failed for no-such-host\.invalid/,
    );
  });

  it("reads an endless body up to max_body, reports it truncated and returns at once", async () => {
    const server = await serve(createHttpServer((_request, response) => streamForever(response)));
    // Returned at max_body, not at the 1 s timeout (that would be an error).
    const { result } = await probe(`${server.url}/stream`, { max_body: "256KiB" });
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({ status: 200, size: { value: 262144, unit: "B" } });
    expect(result.evidence).toMatchObject({ truncated: true });
    await server.waitForNoConnections();
  });

  it("times out on an endless body too slow to reach max_body, keeping the status it saw", async () => {
    const slow = (_request: unknown, response: ServerResponse) =>
      streamForever(response, Buffer.from("z"), 50);
    const server = await serve(createHttpServer(slow));
    const { result, elapsedMs } = await probe(`${server.url}/trickle`);
    expect(result.error).toBe(`GET ${server.url}/trickle: timed out after 1s`);
    expect(result.observations).toEqual({ status: 200 });
    expect(elapsedMs).toBeLessThan(GAVE_UP_WITHIN_MS);
    await server.waitForNoConnections();
  });

  it("stops at once when the engine aborts (Ctrl-C)", async () => {
    const server = await serve(createHttpServer(() => {}));
    const ctrlC = new AbortController();
    setTimeout(() => ctrlC.abort(), 100);
    // Aborted, not timed out at 1 s: the message says which.
    const { result } = await probe(`${server.url}/`, {}, ctrlC.signal);
    expect(result.error).toBe(`GET ${server.url}/: aborted`);
    await server.waitForNoConnections();
  });
});
