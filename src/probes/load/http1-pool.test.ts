import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createNetServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, listenLocally } from "../../../test/support/local-server.js";
import { makeSelfSignedCertificate } from "../../../test/support/self-signed-certificate.js";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import type { ErrorKind } from "../shared/traffic/error-kind.js";
import { Http1Pool } from "./http1-pool.js";

interface Answer {
  status: number;
  kind: ErrorKind | null;
  body: string | null;
}

const request = (path: string, method = "GET") =>
  Buffer.from(`${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`, "latin1");

/** Sends `path` `times` times through `pool` and resolves with every answer, in the order they came. */
function send(
  pool: Http1Pool,
  path: string,
  options: { times?: number; method?: string; keepBody?: boolean; timeoutMs?: number } = {},
) {
  const times = options.times ?? 1;
  const answers: Answer[] = [];
  return new Promise<Answer[]>((resolve) => {
    for (let i = 0; i < times; i++)
      pool.send({
        request: request(path, options.method),
        deadline: performance.now() + (options.timeoutMs ?? 5000),
        headOnly: options.method === "HEAD",
        keepBody: options.keepBody ?? false,
        onAnswer: (status, kind, body) => {
          answers.push({ status, kind, body: body?.toString() ?? null });
          if (answers.length === times) resolve(answers);
        },
      });
  });
}

const endpoint = (server: LocalServer, tls: { rejectUnauthorized: boolean } | null = null) => ({
  host: "127.0.0.1",
  port: server.port,
  tls,
});

let server: LocalServer;
/** ~190 KB where every line differs: several socket reads, any mixed-up byte shows. */
const NUMBERED = Array.from({ length: 30_000 }, (_, i) => `line ${i}\n`).join("");

let connections = 0;
beforeAll(async () => {
  const http = createHttpServer((req, res) => {
    req.resume();
    if (req.url === "/chunked") {
      res.write("first ");
      res.end("second");
    } else if (req.url === "/close") res.writeHead(200, { connection: "close" }).end("bye");
    else if (req.url === "/hints") {
      res.writeEarlyHints({ link: "</style.css>; rel=preload" });
      res.end("after hints");
    } else if (req.url === "/big") res.end("x".repeat(3 * 1024 * 1024));
    else if (req.url === "/numbered") res.end(NUMBERED);
    else if (req.url === "/hang") return;
    else res.writeHead(200, { "content-length": "2" }).end(req.method === "HEAD" ? undefined : "ok");
  });
  http.on("connection", () => connections++);
  server = await listenLocally(http);
});
afterAll(async () => {
  await server.close();
});

describe("Http1Pool", () => {
  it("reads sized, chunked and 1xx-preceded responses whole, on kept-alive connections", async () => {
    const pool = new Http1Pool(endpoint(server), 2, 50);
    const before = connections;
    for (const [path, body] of [
      ["/", "ok"],
      ["/chunked", "first second"],
      ["/hints", "after hints"],
    ] as const) {
      expect(await send(pool, path, { times: 4, keepBody: true })).toEqual(
        Array(4).fill({ status: 200, kind: null, body }),
      );
    }
    pool.destroy();
    expect(connections - before).toBe(2);
  });

  it("reads no body after a HEAD, whatever its content-length says", async () => {
    const pool = new Http1Pool(endpoint(server), 1, 50);
    expect(await send(pool, "/", { method: "HEAD", times: 3 })).toEqual(
      Array(3).fill({ status: 200, kind: null, body: null }),
    );
    pool.destroy();
  });

  it("opens a new connection after a response that closes its own", async () => {
    const pool = new Http1Pool(endpoint(server), 1, 50);
    const before = connections;
    const answers = await send(pool, "/close", { times: 3 });
    expect(answers.map((a) => [a.status, a.kind])).toEqual(Array(3).fill([200, null]));
    expect(connections - before).toBe(3);
    pool.destroy();
  });

  it("keeps at most 1 MiB of a body a check reads", async () => {
    const pool = new Http1Pool(endpoint(server), 1, 50);
    const [answer] = await send(pool, "/big", { keepBody: true });
    expect(answer?.status).toBe(200);
    expect(answer?.body?.length).toBe(1024 * 1024);
    pool.destroy();
  });

  it("keeps a body that spans several reads byte for byte", async () => {
    const pool = new Http1Pool(endpoint(server), 1, 50);
    const [answer] = await send(pool, "/numbered", { keepBody: true });
    expect(answer?.body?.length).toBe(NUMBERED.length);
    expect(answer?.body === NUMBERED).toBe(true); // not toBe: a 190 KB diff helps nobody
    pool.destroy();
  });

  it("times out a request with no answer, and the one waiting behind it", async () => {
    const pool = new Http1Pool(endpoint(server), 1, 20);
    const started = performance.now();
    const answers = await send(pool, "/hang", { times: 2, timeoutMs: 200 });
    expect(answers.map((a) => a.kind)).toEqual(["timeout", "timeout"]);
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
    pool.destroy();
  });

  it("answers what is in flight or waiting when destroyed", async () => {
    const pool = new Http1Pool(endpoint(server), 1, 50);
    const answers = send(pool, "/hang", { times: 3 });
    setTimeout(() => pool.destroy(), 100);
    expect((await answers).map((a) => [a.status, a.kind])).toEqual(Array(3).fill([0, "other"]));
    expect(await send(pool, "/")).toEqual([{ status: 0, kind: "other", body: null }]);
  });

  it("reads a response that ends with the connection (no length, no chunks)", async () => {
    const raw = await listenLocally(
      createNetServer((socket) => {
        socket.once("data", () => socket.end("HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nuntil the end"));
      }),
    );
    const pool = new Http1Pool(endpoint(raw), 1, 50);
    expect(await send(pool, "/", { keepBody: true })).toEqual([
      { status: 200, kind: null, body: "until the end" },
    ]);
    pool.destroy();
    await raw.close();
  });

  it("counts a refused connection, a reset and bytes that are not HTTP by kind", async () => {
    const closed = await listenLocally(createNetServer());
    await closed.close();
    const refused = new Http1Pool(endpoint(closed), 1, 50);
    expect((await send(refused, "/"))[0]?.kind).toBe("refused");
    refused.destroy();

    const rude = await listenLocally(
      createNetServer((socket) => {
        socket.once("data", (data) => {
          if (data.includes("/reset")) socket.resetAndDestroy();
          else socket.write("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        });
      }),
    );
    const pool = new Http1Pool(endpoint(rude), 2, 50);
    expect((await send(pool, "/reset"))[0]?.kind).toBe("reset");
    expect((await send(pool, "/garbage"))[0]?.kind).toBe("other");
    pool.destroy();
    await rude.close();
  });

  it("answers each request once when a server answers twice, never giving the stray answer to the next request", async () => {
    const twice = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok";
    const server = await listenLocally(
      createNetServer((socket) => socket.on("data", () => socket.write(twice + twice))),
    );
    const pool = new Http1Pool(endpoint(server), 1, 20);
    const answers = await send(pool, "/", { times: 3, timeoutMs: 1000 });
    expect(answers).toHaveLength(3);
    expect(answers.every((a) => (a.status === 200 && a.kind === null) || a.kind === "other")).toBe(true);
    pool.destroy();
    await server.close();
  });

  it("speaks TLS to an https target, refusing an untrusted certificate unless insecure", async () => {
    const certificate = makeSelfSignedCertificate({ altNames: ["IP:127.0.0.1"] });
    const https = await listenLocally(
      createHttpsServer({ key: certificate.key, cert: certificate.cert }, (req, res) =>
        res.end(`secure, SNI ${(req.socket as import("node:tls").TLSSocket).servername || "none"}`),
      ),
      "https",
    );
    try {
      const strict = new Http1Pool(endpoint(https, { rejectUnauthorized: true }), 1, 50);
      expect((await send(strict, "/"))[0]).toMatchObject({ status: 0, kind: "other" });
      strict.destroy();
      const insecure = new Http1Pool(endpoint(https, { rejectUnauthorized: false }), 1, 50);
      expect(await send(insecure, "/", { keepBody: true })).toEqual([
        { status: 200, kind: null, body: "secure, SNI none" },
      ]);
      insecure.destroy();
      // A host name goes out as SNI (a CDN or ingress picks its certificate by it); an address never does.
      const named = new Http1Pool(
        { ...endpoint(https, { rejectUnauthorized: false }), host: "localhost" },
        1,
        50,
      );
      expect((await send(named, "/", { keepBody: true }))[0]?.body).toBe("secure, SNI localhost");
      named.destroy();
    } finally {
      await https.close();
      certificate.remove();
    }
  });
});
