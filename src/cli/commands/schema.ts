import { configJsonSchema } from "../../config/index.js";

/** `gonogo schema`: the JSON Schema of gonogo.yml, for editors (yaml-language-server). */
export async function runSchema(): Promise<number> {
  process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  return 0;
}
