import type { FastifyInstance } from "fastify";

/** `/openapi.json`: the OpenAPI document @fastify/swagger builds from the route schemas. */
export async function openapiRoutes(app: FastifyInstance): Promise<void> {
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
