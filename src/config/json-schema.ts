import { z } from "zod";
import { PROBES } from "../probes/registry.js";
import { checkCommonSchema, configSchema, percentSchema } from "./schema.js";

type JsonSchema = Record<string, unknown>;

/**
 * A percentage as gates take it: a string from `0%` to `100%`, decimals allowed (`85%`, `85.5%`),
 * never a bare number (0.8 would read as 0.8%) and never above 100%. The loader says the same.
 */
export const PERCENT_PATTERN = "^\\s*0*(?:100(?:\\.0+)?|\\d{1,2}(?:\\.\\d+)?)\\s*%\\s*$";

/**
 * Where the JSON Schema must say something else than zod's own conversion would:
 * - a percentage (a string pattern, see PERCENT_PATTERN);
 * - no `format` on strings: any string in gonogo.yml may be `${BASE:-http://127.0.0.1}/healthz`,
 *   which the loader fills in from the environment before it checks the URL; an editor checking
 *   the format would reject a config the loader accepts.
 */
function adjust(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const json = ctx.jsonSchema;
  if (ctx.zodSchema === percentSchema) {
    for (const key of Object.keys(json)) delete json[key];
    Object.assign(json, {
      type: "string",
      pattern: PERCENT_PATTERN,
      description: "a percentage from 0% to 100%, written with %: 85% or 85.5%",
    });
  }
  if (json.type === "string" && "format" in json) {
    delete json.format;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text shows users the ${VAR} syntax.
    json.description ??= "${VAR} and ${VAR:-default} are filled in from the environment first";
  }
}

/**
 * One schema as JSON Schema, its `$defs` (zod emits them for recursive types such as a JSON body)
 * renamed under `prefix` and moved into `defs`, so schemas generated apart can live in one file.
 */
function toSchema(schema: z.ZodType, prefix: string, defs: JsonSchema): JsonSchema {
  // `io: "input"`: editors complete what users write (strings like "5s"), not what the loader produces.
  const generated = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    override: (ctx) => adjust(ctx as unknown as { zodSchema: unknown; jsonSchema: JsonSchema }),
  }) as JsonSchema;
  const { $schema: _drop, $defs: own = {}, ...rest } = generated;
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        key === "$ref" && typeof v === "string" ? v.replace("#/$defs/", `#/$defs/${prefix}.`) : rename(v),
      ]),
    );
  };
  for (const [name, def] of Object.entries(own as JsonSchema)) defs[`${prefix}.${name}`] = rename(def);
  return rename(rest) as JsonSchema;
}

/**
 * The JSON Schema of gonogo.yml v1 for editors (yaml-language-server): the top level from the
 * config schema, and each check as its common keys plus exactly one probe block, each probe block
 * with the probe's own schema and `timeout`.
 */
export function configJsonSchema(): JsonSchema {
  const defs: JsonSchema = {};
  const top = toSchema(configSchema, "config", defs);
  const common = toSchema(checkCommonSchema, "check", defs);
  const probes = [...PROBES.values()];
  const probeProperties = Object.fromEntries(
    probes.map((probe) => {
      const block = toSchema(probe.configSchema, probe.name, defs);
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
    $defs: defs,
  };
}
