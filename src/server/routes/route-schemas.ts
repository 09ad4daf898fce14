import { GonogoError } from "../../core/errors.js";

/** JSON schemas the API's routes share (params of a service, a section, an item). */

export const serviceName = { type: "string", minLength: 1, maxLength: 100 } as const;
/** A section or an item: its id, or its title or text (URL-encoded). */
export const sectionOrItem = { type: "string", minLength: 1, maxLength: 1000 } as const;

export const nameParams = {
  type: "object",
  required: ["name"],
  properties: { name: serviceName },
} as const;

/**
 * Fastify's validator drops keys a body schema does not name (`removeAdditional`); a mistyped
 * key (`expire`) must not pass silently as an attestation that never expires, so a route that
 * changes what counts refuses it (400), in a `preValidation` hook, before the validator drops it.
 */
export function refuseUnknownKeys(known: readonly string[]) {
  return async function refuseUnknownKeysHook(request: { body: unknown }): Promise<void> {
    checkKeys(request.body, known);
  };
}

function checkKeys(body: unknown, known: readonly string[]): void {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return;
  const unknown = Object.keys(body).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new GonogoError(
      "usage",
      `body: unknown key${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")} (expected ${known.join(", ")})`,
    );
}
