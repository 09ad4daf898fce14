import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.js";
import { errorBody } from "../error-reply.js";

const READY_TIMEOUT_MS = 2000;

/**
 * `/healthz`: 200 while the process answers (a liveness probe). `/readyz`: 200 when the store
 * answers a query within 2s, else 503 with why (a readiness probe takes the server out of rotation).
 */
export async function healthRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  app.get("/healthz", { schema: { tags: ["health"], summary: "The process is up" } }, async () => ({
    status: "ok",
  }));
  app.get(
    "/readyz",
    { schema: { tags: ["health"], summary: "The store answers a query (503 otherwise)" } },
    async (_request, reply) => {
      try {
        await withTimeout(context.store.listRuns({ limit: 1 }), READY_TIMEOUT_MS);
        return { status: "ready", store: context.store.backend };
      } catch (error) {
        const why = (error as Error).message ?? String(error);
        return reply.code(503).send(errorBody("unavailable", `the store does not answer: ${why}`));
      }
    },
  );
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms}ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
