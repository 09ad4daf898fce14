import { describe, expect, it } from "vitest";
import { z } from "zod";
import { schemaKeysAt } from "./schema-keys.js";

const route = z.strictObject({ path: z.string(), weight: z.number().default(1) });
const schema = z
  .strictObject({
    target: z.string().optional(),
    mix: z.array(route).min(1).optional(),
    check: z.strictObject({ status: z.number() }).default({ status: 200 }),
    routes: z.record(z.string(), route).optional(),
  })
  .refine((c) => c.target !== undefined);

describe("schemaKeysAt", () => {
  it("lists the keys of the object at the top, through refine()", () => {
    expect(schemaKeysAt(schema, [])).toEqual(["target", "mix", "check", "routes"]);
  });

  it("follows optional, default, arrays and records down to a nested object", () => {
    expect(schemaKeysAt(schema, ["mix", 0])).toEqual(["path", "weight"]);
    expect(schemaKeysAt(schema, ["check"])).toEqual(["status"]);
    expect(schemaKeysAt(schema, ["routes", "home"])).toEqual(["path", "weight"]);
  });

  it("is empty where no object schema is", () => {
    expect(schemaKeysAt(schema, ["target"])).toEqual([]);
    expect(schemaKeysAt(schema, ["nowhere", 1])).toEqual([]);
  });
});
