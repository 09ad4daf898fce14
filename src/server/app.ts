import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import { TOOL } from "../core/version.js";
import type { Store } from "../store/index.js";
import { authCache } from "./auth/auth-cache.js";
import { describeRateLimited } from "./auth-failures.js";
import type { ServerContext } from "./context.js";
import { installErrorReplies } from "./error-reply.js";
import { createMetrics, type ServerMetrics, serverJobMetrics } from "./metrics.js";
import { pageRoutes } from "./pages/page-routes.js";
import { reportCache } from "./report-cache.js";
import { API_PREFIX, API_TOKEN_SCHEME, requireToken, type TokenCheckOptions } from "./require-token.js";
import { auditRoutes } from "./routes/audit.js";
import { checklistRoutes } from "./routes/checklists.js";
import { GATES_PREFIX, gateRoutes } from "./routes/gates.js";
import { healthRoutes } from "./routes/health.js";
import { manualEvidenceRoutes } from "./routes/manual-evidence.js";
import { metricsRoutes } from "./routes/metrics.js";
import { notificationRoutes } from "./routes/notifications.js";
import { openapiRoutes } from "./routes/openapi.js";
import { reportRoutes } from "./routes/reports.js";
import { rolloutRoutes } from "./routes/rollouts.js";
import { runRoutes } from "./routes/runs.js";
import { signoffRoutes } from "./routes/signoffs.js";
import { installSecurityHeaders } from "./security-headers.js";
import type { ServerConfig } from "./server-config.js";
import { type ServerJobs, startServerJobs } from "./server-jobs.js";
import { servicesOf } from "./service-runs.js";
import { installBrowserAuth } from "./session/install-browser-auth.js";

/** Request bodies are small JSON documents; anything larger is refused (413) before it is read. */
export const DEFAULT_BODY_LIMIT = 256 * 1024;

export interface AppOptions {
  /** The environment `${VAR}` in the services' gonogo.yml reads (the CLI passes its own). */
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  /** Lines for the server's log (internal errors); the CLI writes them to stderr. */
  log?: (line: string) => void;
  bodyLimit?: number;
  /** The token check's cache and failure budget; defaults in `require-token.ts`. */
  tokenCheck?: TokenCheckOptions;
  /** The job queue runs go through (`startServerJobs`); default: an in-process queue this app runs and stops itself. */
  jobs?: ServerJobs;
  /** The server's metrics, when the caller made them (to count deliveries of the notifier its jobs hold). */
  metrics?: ServerMetrics;
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
  const now = options.now ?? (() => new Date());
  const env = options.env ?? {};
  const ownJobs = options.jobs === undefined;
  let metrics: ServerMetrics | undefined = options.metrics;
  const jobs =
    options.jobs ??
    (await startServerJobs({
      store,
      storeUrl: store.location,
      config: { ...serverConfig, jobs: { ...serverConfig.jobs, shutdownGraceMs: 0 } },
      services,
      env,
      now,
      log: options.log ?? (() => {}),
      work: true,
      schedule: false,
      onDeliverySettled: (channel, status) => metrics?.countDelivery(channel, status),
      metrics: serverJobMetrics(() => metrics),
    }));
  metrics ??= createMetrics(store, services, jobs.skipped);
  const context: ServerContext = {
    store,
    config: serverConfig,
    services,
    metrics,
    reports: reportCache(store),
    env,
    now,
    shutdown: shutdown.signal,
    jobs,
  };
  app.addHook("preClose", async () => {
    shutdown.abort(new Error("the server is shutting down"));
    if (ownJobs) await jobs.stop();
  });
  installErrorReplies(app, options.log ?? (() => {}));
  installSecurityHeaders(app);
  // Browser sign-in first: its cookie parsing and session lookup run before requireToken's hook.
  await installBrowserAuth(app, context);
  // One memory of verified tokens for the API and the controller gates: a gate is polled often.
  const tokenCheck = { ...options.tokenCheck, cache: options.tokenCheck?.cache ?? authCache() };
  const checkToken = await requireToken(app, store, context.now, tokenCheck);
  // The server's own time for each answer, for a client or a benchmark to read (RFC: Server-Timing).
  // Callback hooks, not async ones: every request runs them, and an async hook costs a promise each.
  app.addHook("onSend", (_request, reply, payload, done) => {
    reply.header("server-timing", `app;dur=${reply.elapsedTime.toFixed(2)}`);
    done(null, payload);
  });
  app.addHook("onResponse", (request, reply, done) => {
    const route = request.routeOptions.url ?? "unmatched";
    context.metrics.observeRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "gonogo",
        description: "Production readiness as code: the readiness service's API",
        version: TOOL.version,
      },
      components: { securitySchemes: API_TOKEN_SCHEME },
    },
    // The routes whose token check counts wrong tokens (`requireToken`, the gates) can answer 429.
    transform: describeRateLimited([API_PREFIX, GATES_PREFIX]),
  });
  await healthRoutes(app, context);
  await metricsRoutes(app, context);
  await openapiRoutes(app);
  await checklistRoutes(app, context);
  await runRoutes(app, context);
  await notificationRoutes(app, context);
  await pageRoutes(app, context);
  await signoffRoutes(app, context);
  await manualEvidenceRoutes(app, context);
  await reportRoutes(app, context);
  await auditRoutes(app, context);
  await gateRoutes(app, context, checkToken);
  await rolloutRoutes(app, context);
  return app;
}
