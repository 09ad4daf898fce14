import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { closedPort } from "./db-context.js";

/** A redis-server of the test's own, on a free port, with no persistence. */
export interface OwnRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` with extra arguments (`--requirepass secret`): for what the shared server
 * must not be put through, such as fresh statistics or a password. Resolves once it answers.
 */
export async function startRedisServer(args: string[] = [], password?: string): Promise<OwnRedis> {
  const port = await closedPort();
  const server = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", ...args],
    {
      stdio: "ignore",
    },
  );
  await waitUntilReady(port, password, server);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    },
  };
}

async function waitUntilReady(
  port: number,
  password: string | undefined,
  server: ChildProcess,
): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (server.exitCode !== null) throw new Error(`redis-server exited with ${server.exitCode}`);
    const client = new Redis({
      port,
      password,
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    client.on("error", () => undefined);
    const ready = await client
      .connect()
      .then(() => client.ping())
      .then(() => true)
      .catch(() => false);
    client.disconnect();
    if (ready) return;
    await sleep(20);
  }
  throw new Error(`redis-server on port ${port} did not answer`);
}
