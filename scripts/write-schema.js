// `npm run schema`: writes schema/gonogo.schema.json, the JSON Schema of gonogo.yml that the
// package ships for editors (`gonogo init` points the config's yaml-language-server line at it).
// It is what `gonogo schema` prints; a test fails when the committed file is stale.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configJsonSchema } from "../dist/config/index.js";

const folder = fileURLToPath(new URL("../schema/", import.meta.url));
mkdirSync(folder, { recursive: true });
writeFileSync(`${folder}gonogo.schema.json`, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
process.stderr.write(`wrote ${folder}gonogo.schema.json\n`);
