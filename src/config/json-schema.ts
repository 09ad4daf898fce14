import { z } from "zod";
import { PROBES } from "../probes/registry.js";
import { checkCommonSchema, configSchema } from "./schema.js";

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType): JsonSchema {
  // `io: "input"`: editors complete what users write (strings like "5s"), not what the loader produces.
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

/**
 * The JSON Schema of gonogo.yml v1 for editors (yaml-language-server): the top level from the
 * config schema, and each check as its common keys plus exactly one probe block, each probe block
 * with the probe's own schema and `timeout`.
 */
export function configJsonSchema(): JsonSchema {
  const top = toSchema(configSchema);
  const common = toSchema(checkCommonSchema);
  const probes = [...PROBES.values()];
  const probeProperties = Object.fromEntries(
    probes.map((probe) => {
      const block = toSchema(probe.configSchema);
      const properties = {
        ...(block.properties as JsonSchema),
        timeout: { type: "string", description: "e.g. 5s, 10m" },
      };
      return [probe.name, { ...block, properties }];
    }),
  );
  const check = {
    type: "object",
    properties: { ...(common.properties as JsonSchema), ...probeProperties },
    required: ["item", "expect"],
    additionalProperties: false,
    oneOf: probes.map((probe) => ({ required: [probe.name] })),
  };
  const properties = {
    ...(top.properties as JsonSchema),
    checks: { type: "object", additionalProperties: check },
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://gonogo.dev/schema/gonogo-v1.json",
    title: "gonogo.yml, version 1",
    ...top,
    properties,
  };
}
