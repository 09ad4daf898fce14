import helmet from "@fastify/helmet";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import { TOOL } from "../core/version.js";
import type { Store } from "../store/index.js";
import type { ServerContext } from "./context.js";
import { installErrorReplies } from "./error-reply.js";
import { createMetrics } from "./metrics.js";
import { API_TOKEN_SCHEME, requireToken } from "./require-token.js";
import { checklistRoutes } from "./routes/checklists.js";
import { gateRoutes } from "./routes/gates.js";
import { healthRoutes } from "./routes/health.js";
import { metricsRoutes } from "./routes/metrics.js";
import { openapiRoutes } from "./routes/openapi.js";
import { runRoutes } from "./routes/runs.js";
import type { ServerConfig } from "./server-config.js";
import { servicesOf } from "./service-runs.js";

/** Request bodies are small JSON documents; anything larger is refused (413) before it is read. */
export const DEFAULT_BODY_LIMIT = 256 * 1024;

export interface AppOptions {
  /** The environment `${VAR}` in the services' gonogo.yml reads (the CLI passes its own). */
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  /** Lines for the server's log (internal errors); the CLI writes them to stderr. */
  log?: (line: string) => void;
  bodyLimit?: number;
}

/**
 * The readiness service as a Fastify instance, not yet listening: health, metrics, OpenAPI and
 * API v1 over `store` for the services `serverConfig` names. The caller listens and closes it,
 * and closes the store after; closing aborts running verifications (they record what they measured).
 *
 * @example const app = await buildApp(store, await loadServerConfig("gonogo-server.yml")); await app.listen({ port: 0 });
 */
export async function buildApp(
  store: Store,
  serverConfig: ServerConfig,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT });
  const services = servicesOf(serverConfig.services);
  const shutdown = new AbortController();
  const context: ServerContext = {
    store,
    config: serverConfig,
    services,
    metrics: createMetrics(store, services),
    env: options.env ?? {},
    now: options.now ?? (() => new Date()),
    shutdown: shutdown.signal,
  };
  app.addHook("preClose", async () => shutdown.abort(new Error("the server is shutting down")));
  installErrorReplies(app, options.log ?? (() => {}));
  requireToken(app, store, context.now);
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    context.metrics.observeRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  await app.register(helmet);
  await app.register(swagger, {
    openapi: {
      info: {
        title: "gonogo",
        description: "Production readiness as code: the readiness service's API",
        version: TOOL.version,
      },
      components: { securitySchemes: API_TOKEN_SCHEME },
    },
  });
  await healthRoutes(app, context);
  await metricsRoutes(app, context);
  await openapiRoutes(app);
  await checklistRoutes(app, context);
  await runRoutes(app, context);
  await gateRoutes(app, context);
  return app;
}
