import type { IncomingHttpHeaders } from "node:http";
import { createServer } from "node:http";
import { type LocalServer, listenLocally } from "./local-server.js";

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as the signature covers it. */
  body: string;
}

/** A webhook receiver on 127.0.0.1: records each request, answers what `answer` says (default 200). */
export interface NotificationReceiver extends LocalServer {
  received: ReceivedRequest[];
  /** Resolves once `count` requests have arrived on `path` (any path when omitted); rejects after `withinMs`. */
  waitForCount(count: number, path?: string, withinMs?: number): Promise<ReceivedRequest[]>;
}

export async function startReceiver(
  answer: (request: ReceivedRequest, index: number) => number = () => 200,
): Promise<NotificationReceiver> {
  const received: ReceivedRequest[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = {
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(entry);
      const status = answer(entry, received.length - 1);
      response
        .writeHead(status, { "content-type": "text/plain" })
        .end(status === 200 ? "ok" : "receiver down");
      for (const wake of waiters) wake();
    });
  });
  const local = await listenLocally(server);
  const onPath = (path?: string) => received.filter((r) => path === undefined || r.path === path);
  return Object.assign(local, {
    received,
    waitForCount(count: number, path?: string, withinMs = 30_000) {
      return new Promise<ReceivedRequest[]>((resolve, reject) => {
        const check = () => {
          if (onPath(path).length < count) return;
          done();
          resolve(onPath(path));
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(
              `the receiver got ${onPath(path).length} requests on ${path ?? "any path"}, not ${count}, within ${withinMs}ms`,
            ),
          );
        }, withinMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  });
}
