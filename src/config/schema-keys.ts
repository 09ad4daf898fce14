import { z } from "zod";

/**
 * The keys a zod schema accepts for the mapping at `path` (an issue's path inside the value the
 * schema parsed), for suggesting the key a typo meant; empty when no object schema is there.
 * `schemaKeysAt(loadConfigSchema, ["mix", 0])` -> the keys of one route.
 */
export function schemaKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (current instanceof z.ZodObject && typeof segment === "string") {
      current = current.shape[segment] as z.ZodType | undefined;
    } else if (current instanceof z.ZodArray && typeof segment === "number") {
      current = current.element as z.ZodType;
    } else if (current instanceof z.ZodRecord) {
      current = current.valueType as z.ZodType;
    } else return [];
    current = current && unwrap(current);
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

/** Sees through optional(), default(), nullable() and the input side of a pipe. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else return current;
  }
}
