import type { FastifyInstance } from "fastify";
import type { AuditEvent } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { type Page, type PageQuery, pageOf, pageQuerySchema } from "../pagination.js";
import { API_TOKEN } from "../require-token.js";

/**
 * `/api/v1/audit`: the append-only audit log, newest first (paginated; the cursor is an event's
 * `seq`). Approvers and admins only (`read-audit`): it says who vouched for what, from where.
 */
export async function auditRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  app.get<{ Querystring: PageQuery }>(
    "/api/v1/audit",
    {
      config: { action: "read-audit" },
      schema: {
        tags: ["audit"],
        security: API_TOKEN,
        summary:
          "The audit log, newest first (paginated; the cursor is an event's seq): attestations, waivers, sign-offs and their voiding, pushed reports, tokens, migrations, each with actor, role and address",
        querystring: pageQuerySchema,
      },
    },
    async (request): Promise<Page<AuditEvent>> => {
      const events = (await context.store.listAudit()).reverse();
      return pageOf(events, request.query, (event) => String(event.seq));
    },
  );
}
