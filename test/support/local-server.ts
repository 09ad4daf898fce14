import type { AddressInfo, Server, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** A server listening on 127.0.0.1 on a free port, which knows which client connections are still open. */
export interface LocalServer {
  /** `http://127.0.0.1:PORT` (or https://, tls:// ... as asked). */
  url: string;
  port: number;
  openConnections(): number;
  /** Resolves once every client connection has closed; rejects after `withinMs`. */
  waitForNoConnections(withinMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts `server` on 127.0.0.1:0. Works for net, http, https and tls servers: all emit `connection`
 * with the raw TCP socket, which is what tells whether the client hung up.
 */
export async function listenLocally(server: Server, scheme = "http"): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    openConnections: () => sockets.size,
    async waitForNoConnections(withinMs = 1000) {
      const deadline = Date.now() + withinMs;
      while (sockets.size > 0) {
        if (Date.now() > deadline)
          throw new Error(`${sockets.size} connection(s) still open after ${withinMs}ms`);
        await sleep(10);
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
