import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { GonogoError } from "../../core/errors.js";
import { bearerToken, decide } from "../auth/index.js";
import type { ServerContext } from "../context.js";
import { errorBody } from "../error-reply.js";
import { createGateEvaluations, type GateAnswer } from "../gate-evaluations.js";
import { API_TOKEN, type PresentedTokenCheck } from "../require-token.js";
import { findService } from "../service-runs.js";

/** The controller endpoints, outside `/api/v1/`: their own token check (below). */
export const GATES_PREFIX = "/v1/";

const FLAGGER_HOOKS = [
  "rollout",
  "pre-rollout",
  "confirm-rollout",
  "confirm-traffic-increase",
  "confirm-promotion",
  "rollback",
] as const;
type FlaggerHook = (typeof FLAGGER_HOOKS)[number];

/** Flagger's webhook payload (flagger `CanaryWebhookPayload`): it does not say which hook calls. */
interface FlaggerPayload {
  name?: unknown;
  namespace?: unknown;
  phase?: unknown;
  checksum?: unknown;
  metadata?: Record<string, unknown> | null;
}

/**
 * The answer's shape (`GateAnswer`), for the OpenAPI document and for Fastify to serialize it with
 * a compiled serializer instead of JSON.stringify: a controller polls this route.
 */
const GATE_ANSWER_SCHEMA = {
  type: "object",
  required: ["verdict", "reason", "rollout", "phase", "revision", "checks"],
  properties: {
    verdict: { type: "string", enum: ["pass", "fail", "pending", "inconclusive"] },
    reason: { type: "string" },
    rollout: { type: "string" },
    phase: { type: ["string", "null"] },
    revision: { type: "string" },
    checks: {
      type: "array",
      items: {
        type: "object",
        required: ["check", "critical", "verdict", "samples", "consecutivePasses", "failures", "last"],
        properties: {
          check: { type: "string" },
          critical: { type: "boolean" },
          verdict: { type: "string" },
          samples: { type: "integer" },
          consecutivePasses: { type: "integer" },
          failures: { type: "integer" },
          last: { type: "string" },
        },
      },
    },
  },
} as const;

/**
 * What each Flagger hook answers for a verdict. Flagger counts any status above 202 as "no" and
 * retries a 5xx, dropping the reason: a "no" is a 4xx with the reason in the body, never a 5xx.
 * The rollback hook is inverted: 200 asks Flagger to roll back now.
 */
export function flaggerStatus(hook: FlaggerHook, verdict: GateAnswer["verdict"]): number {
  if (hook === "rollback") return verdict === "fail" ? 200 : 409;
  if (verdict === "pass") return 200;
  if (hook.startsWith("confirm-")) return verdict === "fail" ? 412 : 423;
  return 412;
}

/**
 * `GET /v1/gates/{rollout}/{phase}?revision=` for Argo Rollouts' `web` metric provider and
 * `POST /v1/flagger/{hookType}` for Flagger's webhooks. `{rollout}` is a service of
 * gonogo-server.yml; its gonogo.yml's `rollout:` gives the phase's gates. Both need a token of the
 * runner role or above (reading a gate runs its checks): `Authorization: Bearer`, or for Flagger,
 * which cannot send headers, `metadata.token` in the webhook. Argo always gets 200 with the verdict
 * in the body (a non-2xx is an Error to Argo); 503 only when gonogo itself cannot answer.
 */
export async function gateRoutes(
  app: FastifyInstance,
  context: ServerContext,
  // The API's token check (`requireToken`): its memory of verified tokens, so a controller polling
  // a gate pays no scrypt hash per request, and its budget of wrong tokens per address.
  checkToken: PresentedTokenCheck,
): Promise<void> {
  const evaluations = createGateEvaluations(context);

  /** A runner token, or 401/403 (thrown); an address over its budget of wrong tokens gets 429 (answered here). */
  async function requireRunner(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    const fromMetadata = (request.body as FlaggerPayload | undefined)?.metadata?.token;
    const presented =
      bearerToken(request.headers.authorization) ??
      (typeof fromMetadata === "string" ? fromMetadata : undefined);
    if (presented === undefined)
      throw new GonogoError(
        "unauthenticated",
        "a gate answers a runner token: Authorization: Bearer <token> (Flagger: metadata.token)",
      );
    // Null: the address is over its budget of wrong tokens and has been answered 429.
    const principal = await checkToken(request, reply, presented);
    // Answered already (429): returning the reply stops Fastify before the handler.
    if (principal === null) return reply;
    const decision = decide(principal, "run");
    if (!decision.allowed) throw new GonogoError("forbidden", decision.reason);
    return undefined;
  }

  async function answerOr503(
    reply: FastifyReply,
    work: () => Promise<GateAnswer>,
  ): Promise<GateAnswer | undefined> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof GonogoError && (error.kind === "not-found" || error.kind === "config")) {
        // A gate that names nothing known, or a broken gonogo.yml, is a "fail" with its reason: never a pass.
        return {
          verdict: "fail",
          reason: [error.message, ...(error.details ?? [])].join("; "),
          rollout: "",
          phase: null,
          revision: "",
          checks: [],
        };
      }
      reply
        .code(503)
        .send(errorBody("unavailable", `gonogo cannot evaluate the gate: ${(error as Error).message}`));
      return undefined;
    }
  }

  app.get<{ Params: { rollout: string; phase: string }; Querystring: { revision?: string } }>(
    "/v1/gates/:rollout/:phase",
    {
      schema: {
        tags: ["rollouts"],
        summary: "Argo Rollouts web provider: the phase's gate verdict (always 200; read {$.verdict})",
        security: API_TOKEN,
        response: { 200: GATE_ANSWER_SCHEMA },
      },
      preHandler: requireRunner,
    },
    async (request, reply) => {
      const { rollout, phase } = request.params;
      const revision = request.query.revision ?? "unknown";
      const answer = await answerOr503(reply, async () =>
        evaluations.answer(findService(context.services, rollout), phase, revision),
      );
      if (answer !== undefined) return reply.code(200).send(answer);
    },
  );

  app.post<{ Params: { hookType: string }; Body: FlaggerPayload }>(
    "/v1/flagger/:hookType",
    {
      schema: {
        tags: ["rollouts"],
        summary: "Flagger webhook: 200 pass, 412 fail, 423 pending; rollback: 200 roll back, 409 not",
        security: API_TOKEN,
      },
      preHandler: requireRunner,
    },
    async (request, reply) => {
      const hook = request.params.hookType as FlaggerHook;
      if (!FLAGGER_HOOKS.includes(hook))
        throw new GonogoError(
          "not-found",
          `no Flagger hook "${request.params.hookType}" (hooks: ${FLAGGER_HOOKS.join(", ")})`,
        );
      const body = request.body ?? {};
      const metadata = body.metadata ?? {};
      const name =
        typeof metadata.rollout === "string"
          ? metadata.rollout
          : typeof body.name === "string"
            ? body.name
            : "";
      const phase = typeof metadata.phase === "string" ? metadata.phase : undefined;
      const revision = typeof body.checksum === "string" && body.checksum !== "" ? body.checksum : "unknown";
      const answer = await answerOr503(reply, async () =>
        evaluations.answer(findService(context.services, name), phase, revision),
      );
      if (answer === undefined) return;
      return reply
        .code(flaggerStatus(hook, answer.verdict))
        .send({ ...answer, hook, flaggerPhase: body.phase ?? null });
    },
  );
}
