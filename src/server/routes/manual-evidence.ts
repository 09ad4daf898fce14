import type { FastifyInstance } from "fastify";
import { GonogoError } from "../../core/errors.js";
import { parseDuration } from "../../core/units.js";
import { attestationExpiry, attestItems, isEvidenceUrl } from "../../pipeline/attest-items.js";
import { checkWaiver, waiveItems } from "../../pipeline/waive-items.js";
import type { Principal } from "../auth/index.js";
import type { ServerContext } from "../context.js";
import { API_TOKEN, actorOf, auditContextOf, authorize } from "../require-token.js";
import { findServiceItem, loadServiceDocuments, rolesForItem } from "../service-documents.js";
import { findService } from "../service-runs.js";
import { refuseUnknownKeys, sectionOrItem, serviceName } from "./route-schemas.js";

interface AttestBody {
  evidence?: string;
  note?: string;
  expires?: string;
}

interface WaiveBody {
  reason: string;
  expires: string;
}

const itemParams = {
  type: "object",
  required: ["name", "item"],
  properties: { name: serviceName, item: sectionOrItem },
} as const;

const text = (max: number) => ({ type: "string", minLength: 1, maxLength: max }) as const;

/**
 * A waiver's last day from `expires`: a date (`2026-12-31`) as it is, or a duration (`30d`) from
 * now, to the day it ends on (UTC); `checkWaiver` then refuses a past or unreal date.
 */
function waiverUntil(expires: string, now: Date): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(expires)) return expires;
  const ms = parseDuration(expires);
  if (ms === null || ms <= 0)
    throw new GonogoError(
      "usage",
      `expires ${expires}: expected a last day (YYYY-MM-DD) or a duration such as 30d`,
    );
  const until = new Date(now.getTime() + ms);
  if (Number.isNaN(until.getTime()))
    throw new GonogoError("usage", `expires ${expires}: too far away to be a date`);
  return until.toISOString().slice(0, 10);
}

/**
 * `POST /api/v1/checklists/:name/items/:item/attestations` and `.../waivers`: a token vouches
 * for a manual item, or says it does not apply, as `gonogo attest` and `gonogo waive` do. An item
 * in a section `gates.signoffs` names needs a token holding one of that section's sign-off roles.
 */
export async function manualEvidenceRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store, services } = context;

  /** The service, the one item named, and the token's right to speak for it (404, then 403). */
  async function resolveItem(
    name: string,
    spec: string,
    action: "attest" | "waive",
    principal: Principal | null,
  ) {
    const service = findService(services, name);
    const documents = await loadServiceDocuments(service, context.env);
    const item = findServiceItem(service, documents.checklist, spec);
    authorize(principal, action, { signoffRoles: rolesForItem(documents, item) });
    return { service, item };
  }

  app.post<{ Params: { name: string; item: string }; Body: AttestBody }>(
    "/api/v1/checklists/:name/items/:item/attestations",
    {
      config: { action: "attest" },
      preValidation: refuseUnknownKeys(["evidence", "note", "expires"]),
      schema: {
        tags: ["manual evidence"],
        security: API_TOKEN,
        summary:
          "Attest an item (its id or text): the token vouches for it until expires (a duration such as 30d, a last day YYYY-MM-DD or an ISO time; none: no expiry), with evidence (a URL) and a note (201)",
        params: itemParams,
        body: {
          type: "object",
          additionalProperties: false,
          properties: { evidence: text(2000), note: text(2000), expires: text(40) },
        },
      },
    },
    async (request, reply) => {
      const { params, body } = request;
      const { service, item } = await resolveItem(params.name, params.item, "attest", request.principal);
      const now = context.now();
      const expiresAt = attestationExpiry(body.expires, now, { label: "expires", dates: true });
      if (body.evidence !== undefined && !isEvidenceUrl(body.evidence))
        throw new GonogoError(
          "usage",
          `evidence ${JSON.stringify(body.evidence)}: expected a URL (https://...); the API keeps no files`,
        );
      const [attestation] = await attestItems(store, {
        checklist: service.key,
        items: [item],
        by: actorOf(request.principal),
        at: now,
        expiresAt,
        evidence: body.evidence ?? null,
        note: body.note ?? null,
        audit: auditContextOf(request),
      });
      return reply.code(201).send({ attestation });
    },
  );

  app.post<{ Params: { name: string; item: string }; Body: WaiveBody }>(
    "/api/v1/checklists/:name/items/:item/waivers",
    {
      config: { action: "waive" },
      preValidation: refuseUnknownKeys(["reason", "expires"]),
      schema: {
        tags: ["manual evidence"],
        security: API_TOKEN,
        summary:
          "Waive an item (its id or text): not applicable, for a reason, through expires (a last day YYYY-MM-DD or a duration such as 30d) (201)",
        params: itemParams,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["reason", "expires"],
          properties: { reason: text(2000), expires: text(40) },
        },
      },
    },
    async (request, reply) => {
      const { params, body } = request;
      const { service, item } = await resolveItem(params.name, params.item, "waive", request.principal);
      const now = context.now();
      const by = actorOf(request.principal);
      const nameOf = (field: string) => (field === "until" ? "expires" : field);
      const waiver = checkWaiver(
        { item: item.id, reason: body.reason, by, until: waiverUntil(body.expires, now) },
        now,
        nameOf,
      );
      const [recorded] = await waiveItems(store, {
        checklist: service.key,
        items: [item],
        waiver: { reason: waiver.reason, by, until: waiver.until },
        at: () => now,
        audit: auditContextOf(request),
      });
      return reply.code(201).send({ waiver: recorded });
    },
  );
}
