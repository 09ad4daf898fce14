// `node --import ./record-packages.mjs script.js`: prints, as the process exits, the packages of
// node_modules that were loaded, one JSON line on stderr: `packages: ["yaml","zod"]`. Tests use it to
// see what a code path really imports (a static import graph cannot tell what runs).
import { registerHooks } from "node:module";

const packages = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    const inModules = resolved.url.split("/node_modules/").at(-1);
    if (inModules !== undefined && inModules !== resolved.url) {
      const parts = inModules.split("/");
      packages.add(parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]);
    }
    return resolved;
  },
});
process.on("exit", () => {
  process.stderr.write(`packages: ${JSON.stringify([...packages].sort())}\n`);
});
