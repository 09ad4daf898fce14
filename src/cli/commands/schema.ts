import { configJsonSchema } from "../../config/index.js";
import { reportJsonSchema } from "../../model/report-json-schema.js";

/**
 * `gonogo schema`: the JSON Schema of gonogo.yml, for editors (yaml-language-server); with
 * `--report`, that of the JSON report (schemaVersion 1), for whoever reads the reports.
 */
export async function runSchema(options: { report?: boolean } = {}): Promise<number> {
  const schema = options.report ? reportJsonSchema() : configJsonSchema();
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}
