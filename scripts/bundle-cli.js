// Bundles the compiled CLI (dist/cli/main.js, written by tsc) into dist/bundle/, which
// bin/gonogo.js imports. Run by `npm run build`, after tsc.
//
// Why: loading ~140 small modules through Node's ESM loader (resolve, read, link each: 48 of
// dist/, 53 of markdown-it, commander...) was a fixed ~65 ms of CPU in every `gonogo` process,
// most of a small checklist's time (docs/benchmarks.md, "Fifth round: startup from a bundle").
// dist/ stays as tsc writes it: tests and benches import its modules directly.
//
// Rolldown rather than esbuild: it was already installed (vite's bundler, under vitest), it splits
// the commands' lazy `import()`s into chunks as written, so `status` still never loads the
// server, the probes or the drivers, and it needs no second toolchain.
//
// Layout, on which two modules depend:
// - dist/bundle/ is two folders below the package root, as dist/core/ is, so version.ts's
//   `require("../../package.json")` (relative to whichever chunk holds it) still finds package.json;
// - every chunk sits flat beside the entries, and sqlite-child.js is an entry of its own, so
//   sqlite-runner.ts's `new URL("./sqlite-child.js", import.meta.url)` finds the child it forks.
import { build } from "rolldown";

/**
 * The packages bundled: the one every command loads at startup (commander) and the ones `status`
 * loads (markdown-it and its dependencies, ~80 modules). Every other package stays an import from
 * node_modules: native addons (better-sqlite3), and the heavy packages only some commands load,
 * which stay behind their command's lazy import either way.
 */
const BUNDLED = new Set([
  "commander",
  "markdown-it",
  "entities",
  "linkify-it",
  "mdurl",
  "punycode.js",
  "uc.micro",
]);

function packageOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Rolldown's own helpers, which it bundles: it writes a tagged template that holds `</script` (the
 * dashboard's page layout) as a call to one, with the same strings, so that a bundle inlined in an
 * HTML page could not end its script early. Left external, it would be imported from a package
 * gonogo does not install. (`transform.plugins.taggedTemplateEscape: false` does not stop it in 1.2.)
 */
const BUNDLER_HELPERS = "@oxc-project/runtime";

function isExternal(id, importer) {
  if (id.startsWith("node:")) return true;
  if (packageOf(id) === BUNDLER_HELPERS) return false;
  const bare = importer !== undefined && !id.startsWith(".") && !id.startsWith("/");
  return bare && !BUNDLED.has(packageOf(id));
}

await build({
  input: { main: "dist/cli/main.js", "sqlite-child": "dist/probes/sql/sqlite-child.js" },
  platform: "node",
  external: isExternal,
  logLevel: "warn",
  output: {
    dir: "dist/bundle",
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "[name]-[hash].js",
    // Source maps back to dist/'s modules, for `node --enable-source-maps` when a stack needs
    // reading; not turned on by default (bin/gonogo.js says why). Names are kept (no
    // minification), and chunks are named after their first module, so a frame reads well anyway.
    sourcemap: true,
    // The sources they point to ship beside them (dist/ and node_modules/), so they are not copied in.
    sourcemapExcludeSources: true,
    cleanDir: true,
  },
});
