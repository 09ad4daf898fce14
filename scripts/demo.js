// `npm run demo`: gonogo on the bundled example, as a new user would run it.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/gonogo.js", import.meta.url));
const root = fileURLToPath(new URL("..", import.meta.url));
const checklist = "examples/quickstart/checklist.md";

console.log(`$ gonogo status ${checklist}\n`);
const run = spawnSync(process.execPath, [bin, "status", checklist], { stdio: "inherit", cwd: root });
process.exitCode = run.status ?? 1;
