#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm run build`, which `npm ci` runs through `prepare`).
// It needs the Node of package.json's engines: say so plainly rather than fail on a missing API.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(`gonogo: needs Node.js 22.19 or newer; this is ${process.version}\n`);
  process.exit(2);
}
// V8 keeps the code it compiles for gonogo's modules (and markdown-it's) in a cache in the temp
// directory, so a later run skips compiling them: startup is most of a small checklist's time
// (docs/benchmarks.md, third round). NODE_DISABLE_COMPILE_CACHE=1 turns it off; a cache that cannot
// be written only costs that saving.
const { enableCompileCache } = await import("node:module");
enableCompileCache?.();
await import("../dist/cli/main.js");
