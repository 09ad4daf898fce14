import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the target saw: its path and when it arrived and was answered (ms since epoch). */
export interface TargetHit {
  path: string;
  at: number;
  answeredAt: number | null;
}

/**
 * An HTTP target on 127.0.0.1 for job tests. It keeps its own log of request times (what the
 * load-overlap test asserts on), answers `/hang` only once the test releases it, and everything
 * else at once with 200.
 */
export async function startJobTarget() {
  const hits: TargetHit[] = [];
  const hanging: Array<() => void> = [];
  let released = false;
  const waiters: Array<() => void> = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const hit: TargetHit = { path: request.url ?? "", at: Date.now(), answeredAt: null };
    hits.push(hit);
    for (const wake of waiters.splice(0)) wake();
    const answer = () => {
      hit.answeredAt = Date.now();
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    };
    if (request.url === "/hang" && !released) hanging.push(answer);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    /** Resolves once `count` requests to `path` have arrived. */
    waitForHits(path: string, count: number): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (hits.filter((h) => h.path === path).length >= count) resolve();
          else waiters.push(check);
        };
        check();
      });
    },
    /** Forgets what it saw, and hangs `/hang` again until the next `release`. */
    reset() {
      hits.length = 0;
      released = false;
    },
    /** Answers the hanging requests, and every later one at once. */
    release() {
      released = true;
      for (const answer of hanging.splice(0)) answer();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
