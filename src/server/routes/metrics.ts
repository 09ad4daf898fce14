import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.js";

/** `/metrics`: the Prometheus exposition of the server's registry. */
export async function metricsRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { registry } = context.metrics;
  app.get(
    "/metrics",
    { schema: { tags: ["health"], summary: "Prometheus metrics" } },
    async (_request, reply) => {
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    },
  );
}
