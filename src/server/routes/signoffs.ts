import type { FastifyInstance } from "fastify";
import { loadChecklist } from "../../checklist/index.js";
import { findSection, signOffSection } from "../../pipeline/sign-off-section.js";
import type { ServerContext } from "../context.js";
import { API_TOKEN, actorOf, auditContextOf, authorize } from "../require-token.js";
import { loadServiceDocuments, refreshServiceFiles } from "../service-documents.js";
import { findService } from "../service-runs.js";
import { signoffSlots } from "../signoff-slots.js";
import { nameParams, refuseUnknownKeys, sectionOrItem, serviceName } from "./route-schemas.js";

interface SignoffBody {
  role: string;
}

/**
 * `/api/v1/checklists/:name/signoffs`: the sign-off slots and who filled them; `POST
 * .../sections/:section/signoffs`: the token signs a section off, as `gonogo signoff` does.
 */
export async function signoffRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store, services } = context;

  app.get<{ Params: { name: string } }>(
    "/api/v1/checklists/:name/signoffs",
    {
      config: { action: "read" },
      schema: {
        tags: ["signoffs"],
        security: API_TOKEN,
        summary:
          "The sign-off slots (roles gates.signoffs requires per section, and the document's slot lines): who signed, when, in which run, valid or void and why",
        params: nameParams,
      },
    },
    async (request) => {
      const service = findService(services, request.params.name);
      const documents = await loadServiceDocuments(service, context.env);
      const run = await store.latestCompleteRun(service.key);
      return { checklist: service.name, ...(await signoffSlots(store, service.key, run, documents)) };
    },
  );

  app.post<{ Params: { name: string; section: string }; Body: SignoffBody }>(
    "/api/v1/checklists/:name/sections/:section/signoffs",
    {
      config: { action: "signoff" },
      preValidation: refuseUnknownKeys(["role"]),
      schema: {
        tags: ["signoffs"],
        security: API_TOKEN,
        summary:
          "Sign a section off in a role the token holds, as it stood in the latest complete run (201; 409 without one). The section is its id or its title",
        params: {
          type: "object",
          required: ["name", "section"],
          properties: { name: serviceName, section: sectionOrItem },
        },
        body: {
          type: "object",
          additionalProperties: false,
          required: ["role"],
          properties: { role: { type: "string", minLength: 1, maxLength: 200, pattern: "\\S" } },
        },
      },
    },
    async (request, reply) => {
      const service = findService(services, request.params.name);
      const role = request.body.role.trim();
      authorize(request.principal, "signoff", { signoffRoles: [role] });
      // The document alone: a sign-off needs no gonogo.yml, as with gonogo signoff.
      await refreshServiceFiles(service);
      const checklist = await loadChecklist(service.checklistPath);
      const section = findSection(checklist, request.params.section, `${service.name}'s checklist`);
      const { signoff, tally } = await signOffSection(store, {
        checklist: service.key,
        section,
        by: actorOf(request.principal),
        role,
        at: context.now(),
        audit: auditContextOf(request),
      });
      return reply.code(201).send({ signoff, approved: Object.fromEntries(tally) });
    },
  );
}
