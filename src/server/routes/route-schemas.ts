/** JSON schemas the API's routes share (params of a service, a section, an item). */

export const serviceName = { type: "string", minLength: 1, maxLength: 100 } as const;
/** A section or an item: its id, or its title or text (URL-encoded). */
export const sectionOrItem = { type: "string", minLength: 1, maxLength: 1000 } as const;

export const nameParams = {
  type: "object",
  required: ["name"],
  properties: { name: serviceName },
} as const;
