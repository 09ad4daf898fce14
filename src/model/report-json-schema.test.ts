import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { sampleAssessment } from "../../test/support/sample-assessment.js";
import { toJsonReport } from "../report/json.js";
import { reportJsonSchema } from "./report-json-schema.js";

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(reportJsonSchema());
const report = () => JSON.parse(JSON.stringify(toJsonReport({ ...sampleAssessment(), complete: true })));

describe("the JSON Schema of the JSON report", () => {
  it("accepts a report gonogo writes, as the zod model does", () => {
    expect(validate(report()), JSON.stringify(validate.errors)).toBe(true);
  });

  it("refuses an unknown key and a status outside the vocabulary, as the zod model does", () => {
    expect(validate({ ...report(), colour: "red" })).toBe(false);
    const wrong = report();
    wrong.items[0].status = "done";
    expect(validate(wrong)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(["/items/0/status"]);
  });

  it("is what ships: schema/report.schema.json is the current schema (npm run schema rewrites it)", () => {
    const shipped = readFileSync(new URL("../../schema/report.schema.json", import.meta.url), "utf8");
    expect(JSON.parse(shipped)).toEqual(reportJsonSchema());
  });
});
