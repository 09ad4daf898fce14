import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const SHIPPED = join("node_modules", "gonogo", "schema", "gonogo.schema.json");

/**
 * The first line of a gonogo.yml that `init` writes: it points yaml-language-server (the YAML
 * extension of VS Code and other editors) at the JSON Schema the package ships, for completion
 * and checking as one types. The path is relative to gonogo.yml, so it holds in every clone of
 * the repository: the nearest `node_modules/gonogo` at or above gonogo.yml's folder (a monorepo
 * installs it at the root), else where `npm install --save-dev gonogo` beside gonogo.yml puts it.
 * Not a URL: a schema fetched from the network need not match the version installed.
 */
export function schemaModeline(configPath: string): string {
  const folder = dirname(resolve(configPath));
  let path = `./${SHIPPED.split(sep).join("/")}`;
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, SHIPPED))) {
      const found = relative(folder, join(dir, SHIPPED)).split(sep).join("/");
      path = found.startsWith("..") ? found : `./${found}`;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  return `# yaml-language-server: $schema=${path}\n`;
}
