import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configJsonSchema } from "./json-schema.js";

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(configJsonSchema());
const quickstart = parse(
  readFileSync(new URL("../../examples/quickstart/gonogo.yml", import.meta.url), "utf8"),
);

describe("the JSON Schema of gonogo.yml", () => {
  it("accepts the quickstart's config", () => {
    expect(validate(quickstart), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects an unknown probe key, a check with two probes, an unknown top-level key", () => {
    const check = { item: "x", expect: ["status == 200"] };
    expect(validate({ version: 1, checks: { c: { ...check, htpp: { target: "api" } } } })).toBe(false);
    expect(
      validate({ version: 1, checks: { c: { ...check, http: { target: "api" }, tls: { target: "api" } } } }),
    ).toBe(false);
    expect(validate({ version: 1, extra: true })).toBe(false);
  });

  it("describes every probe's block, with timeout, for editor completion", () => {
    const schema = configJsonSchema() as {
      properties: {
        checks: { additionalProperties: { properties: Record<string, { properties: object }> } };
      };
    };
    const probes = schema.properties.checks.additionalProperties.properties;
    for (const name of ["http", "tls", "command", "file", "dockerfile"]) {
      expect(Object.keys(probes[name]?.properties ?? {})).toContain("timeout");
    }
  });
});
