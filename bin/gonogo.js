#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm run build`, which `npm ci` runs through `prepare`).
// It needs the Node of package.json's engines: say so plainly rather than fail on a missing API.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(`gonogo: needs Node.js 22.19 or newer; this is ${process.version}\n`);
  process.exit(2);
}
await import("../dist/cli/main.js");
