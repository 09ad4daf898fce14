import { createServer, type Server } from "node:http";

/**
 * A small real feature-flag service for rollout tests: an admin API that stores a rollout
 * percentage per flag (`PUT /api/flags/<name>` with `{"percentage": n}`, `GET` reads it back), and
 * counts the writes, so a test sees whether an action was repeated. `stuck` makes writes answer 200
 * yet change nothing, as a flag system that silently ignores a change.
 */
export interface FlagService {
  url: string;
  percentage(name: string): number | undefined;
  writes: { name: string; percentage: number; at: number }[];
  stuck: boolean;
  close(): Promise<void>;
}

export async function startFlagService(): Promise<FlagService> {
  const flags = new Map<string, number>();
  const service: Omit<FlagService, "url" | "close"> = {
    percentage: (name) => flags.get(name),
    writes: [],
    stuck: false,
  };
  const server: Server = createServer((request, response) => {
    const match = /^\/api\/flags\/([\w.-]+)$/.exec(request.url ?? "");
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (match === null) return answer(404, { error: "no such flag route" });
    const name = match[1] as string;
    if (request.method === "GET") return answer(200, { name, percentage: flags.get(name) ?? 0 });
    if (request.method !== "PUT") return answer(405, { error: "GET or PUT" });
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      const percentage = Number((JSON.parse(body || "{}") as { percentage?: unknown }).percentage);
      if (!Number.isFinite(percentage) || percentage < 0 || percentage > 100)
        return answer(400, { error: "percentage 0-100" });
      service.writes.push({ name, percentage, at: Date.now() });
      if (!service.stuck) flags.set(name, percentage);
      answer(200, { name, percentage: flags.get(name) ?? 0 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return Object.assign(service as FlagService, {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
