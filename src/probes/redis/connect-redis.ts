import type { Redis } from "ioredis";
import type { Deadline } from "../shared/deadline.js";
import type { RedisEndpoint } from "./redis-url.js";

/**
 * A connection that gives up at once: no retries, no offline queue, no reconnect; closed when the
 * deadline fires, which fails whatever command is pending. AUTH is sent here rather than by
 * ioredis, which only warns when a password is given to a server that has none: a URL whose
 * credentials the server rejects is an error, whichever way they are wrong.
 */
export async function connectRedis(
  endpoint: RedisEndpoint,
  timeoutMs: number,
  deadline: Deadline,
): Promise<Redis> {
  const { Redis } = await import("ioredis");
  const client = new Redis({
    host: endpoint.host,
    port: endpoint.port,
    ...(endpoint.tls && { tls: { servername: endpoint.host } }),
    // RESP2: no HELLO before our own AUTH (RESP3's HELLO fails with NOAUTH and closes the connection).
    protocol: 2,
    disableClientInfo: true,
    lazyConnect: true,
    enableReadyCheck: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    reconnectOnError: () => false,
    connectTimeout: timeoutMs,
  });
  // ioredis rejects a failed connect with "Connection is closed."; the socket's own error says why.
  let socketError: unknown;
  client.on("error", (error) => {
    socketError ??= error;
  });
  // disconnect() alone ends the socket politely and waits up to 2 s for a silent server to answer.
  const onAbort = () => {
    (client.stream as typeof client.stream | undefined)?.destroy();
    client.disconnect();
  };
  deadline.signal.addEventListener("abort", onAbort, { once: true });
  client.once("end", () => deadline.signal.removeEventListener("abort", onAbort));
  try {
    await client.connect();
    if (endpoint.password !== undefined) await authenticate(client, endpoint.username, endpoint.password);
    if (endpoint.db !== 0) await client.select(endpoint.db);
    return client;
  } catch (error) {
    client.disconnect();
    throw client.status === "end" && socketError !== undefined ? socketError : error;
  }
}

async function authenticate(client: Redis, username: string | undefined, password: string): Promise<void> {
  if (username === undefined) await client.auth(password);
  else await client.auth(username, password);
}
