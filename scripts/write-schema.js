// `npm run schema`: writes the JSON Schemas the package ships: schema/gonogo.schema.json, that of
// gonogo.yml for editors (`gonogo init` points the config's yaml-language-server line at it), and
// schema/report.schema.json, that of the JSON report (schemaVersion 1). They are what `gonogo
// schema` and `gonogo schema --report` print; a test fails when a committed file is stale.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configJsonSchema } from "../dist/config/index.js";
import { reportJsonSchema } from "../dist/model/report-json-schema.js";

const folder = fileURLToPath(new URL("../schema/", import.meta.url));
mkdirSync(folder, { recursive: true });
for (const [file, schema] of [
  ["gonogo.schema.json", configJsonSchema()],
  ["report.schema.json", reportJsonSchema()],
]) {
  writeFileSync(`${folder}${file}`, `${JSON.stringify(schema, null, 2)}\n`);
  process.stderr.write(`wrote ${folder}${file}\n`);
}
