import type { FastifyInstance } from "fastify";
import { GonogoError } from "../../core/errors.js";
import {
  PERSON_COMMANDS,
  type PersonCommand,
  recordRolloutCommand,
  rolloutSummary,
} from "../../pipeline/rollout-command.js";
import { loadRolloutView } from "../../pipeline/rollout-view.js";
import { renderRolloutHtml } from "../../report/rollout-html.js";
import type { ServerContext } from "../context.js";
import { type PageQuery, pageOf, pageQuerySchema } from "../pagination.js";
import { API_TOKEN, actorOf, auditContextOf } from "../require-token.js";

const rolloutParams = {
  type: "object",
  required: ["name"],
  properties: { name: { type: "string", minLength: 1, maxLength: 200 } },
} as const;

/**
 * `/api/v1/rollouts`: the rollouts in the store, where each stands and its timeline; `POST
 * .../:name/{promote,pause,resume,abort}` records a person's command for the process driving the
 * rollout, as `gonogo rollout promote` does (202: the driver applies it on its next step).
 */
export async function rolloutRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store } = context;

  app.get<{ Querystring: PageQuery }>(
    "/api/v1/rollouts",
    {
      config: { action: "read" },
      schema: {
        tags: ["rollouts"],
        security: API_TOKEN,
        summary:
          "The rollouts in the store, by name (paginated; the cursor is a rollout's name): status, phase, weights",
        querystring: pageQuerySchema,
      },
    },
    async (request) => {
      const all = (await store.listRollouts()).map(rolloutSummary);
      return pageOf(all, request.query, (rollout) => rollout.name);
    },
  );

  app.get<{ Params: { name: string }; Querystring: { format: "json" | "html" } }>(
    "/api/v1/rollouts/:name",
    {
      config: { action: "read" },
      schema: {
        tags: ["rollouts"],
        security: API_TOKEN,
        summary:
          "Where the rollout stands, its timeline (phases, gates, actions, commands) and each rollback's breach-to-safe time; ?format=html: the rollout's HTML report with the timeline chart",
        params: rolloutParams,
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { format: { type: "string", enum: ["json", "html"], default: "json" } },
        },
      },
    },
    async (request, reply) => {
      const view = await loadRolloutView(store, request.params.name);
      if (view === undefined)
        throw new GonogoError(
          "not-found",
          `no rollout ${request.params.name} (GET /api/v1/rollouts lists them)`,
        );
      if (request.query.format === "html")
        return reply
          .type("text/html; charset=utf-8")
          .send(renderRolloutHtml(view, { generatedAt: context.now() }));
      return view;
    },
  );

  for (const command of PERSON_COMMANDS) steerRoute(app, context, command);
}

function steerRoute(app: FastifyInstance, context: ServerContext, command: PersonCommand): void {
  app.post<{ Params: { name: string } }>(
    `/api/v1/rollouts/:name/${command}`,
    {
      config: { action: "steer-rollout" },
      schema: {
        tags: ["rollouts"],
        security: API_TOKEN,
        summary: `Records "${command}" for the process driving the rollout (202; it applies the command on its next step), audited with actor, role and address`,
        params: rolloutParams,
      },
    },
    async (request, reply) => {
      const by = actorOf(request.principal);
      const { driven, rollout } = await recordRolloutCommand(context.store, request.params.name, command, {
        by,
        at: context.now(),
        context: auditContextOf(request),
      });
      return reply.code(202).send({
        rollout: rollout.name,
        command,
        by,
        // No process holds the lease: the command waits for `gonogo rollout start` (or a CLI command) to apply it.
        drivenBy: driven ? rollout.leaseOwner : null,
      });
    },
  );
}
