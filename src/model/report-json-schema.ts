import { z } from "zod";
import { reportModel } from "./report.js";

/**
 * The JSON Schema of the JSON report, schemaVersion 1, made from the model itself (never written
 * by hand): objects refuse keys the model does not name, as the tests' reports are held to.
 * `gonogo schema --report` prints it; `npm run schema` writes it to schema/report.schema.json.
 */
export function reportJsonSchema(): Record<string, unknown> {
  const { $schema: _drop, ...generated } = z.toJSONSchema(reportModel.report, { io: "output" }) as Record<
    string,
    unknown
  >;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://gonogo.dev/schema/report-v1.json",
    title: "gonogo JSON report, schemaVersion 1",
    ...generated,
  };
}
