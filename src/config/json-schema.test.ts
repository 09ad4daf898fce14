import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configJsonSchema } from "./json-schema.js";
import { loadConfig } from "./load-config.js";

// Formats checked as an editor (yaml-language-server) checks them: Ajv alone ignores `format`.
const validate = new Ajv2020({
  strict: false,
  allErrors: true,
  formats: { uri: (text: string) => URL.canParse(text) },
}).compile(configJsonSchema());
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

  it("accepts a URL written with ${VAR:-default}, as the loader does", async () => {
    const text = `version: 1
checks:
  health:
    item: "Health"
    http: { url: "\${BASE:-http://127.0.0.1:8080}/healthz" }
    expect: ["status == 200"]
`;
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    const path = join(mkdtempSync(join(tmpdir(), "gonogo-schema-")), "gonogo.yml");
    writeFileSync(path, text);
    expect((await loadConfig(path, {})).checks).toHaveLength(1);
  });

  it.each(["0%", "85%", "85.5%", "100%", "100.0%", "7 %"])("takes the percentage %s", (pct) => {
    const gates = { overall: pct, sections: { Security: pct }, tags: { "priority:must": pct } };
    expect(validate({ version: 1, gates }), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ["above 100%", "150%"],
    ["just above 100%", "100.5%"],
    ["without %", "85"],
    ["a bare number", 80],
    ["a ratio", 0.8],
    ["negative", "-5%"],
    ["not a number", "high"],
  ])("refuses a percentage %s (%s) in overall, sections and tags", (_, pct) => {
    expect(validate({ version: 1, gates: { overall: pct } })).toBe(false);
    expect(validate({ version: 1, gates: { sections: { Security: pct } } })).toBe(false);
    expect(validate({ version: 1, gates: { tags: { "priority:must": pct } } })).toBe(false);
  });

  it("is what ships: schema/gonogo.schema.json is the current schema (npm run schema rewrites it)", () => {
    const shipped = readFileSync(new URL("../../schema/gonogo.schema.json", import.meta.url), "utf8");
    expect(JSON.parse(shipped)).toEqual(configJsonSchema());
  });
});
