// `npm run demo`: the quickstart service is started on a free port, gonogo verifies its launch
// checklist against it (the report and the verdict go to the terminal), and the service is stopped.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const checklist = "examples/quickstart/checklist.md";

async function startService() {
  const service = spawn(process.execPath, ["examples/quickstart/service.js"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: service.stdout });
  const timer = setTimeout(() => service.kill(), 10_000);
  for await (const line of lines) {
    const url = /^listening on (http:\/\/\S+)$/.exec(line)?.[1];
    if (url) {
      clearTimeout(timer);
      return { service, url };
    }
  }
  throw new Error("the quickstart service did not start (no 'listening on' line)");
}

const { service, url } = await startService();
console.log(`quickstart service: ${url}\n\n$ QUICKSTART_URL=${url} gonogo verify ${checklist}\n`);
const verify = spawnSync(process.execPath, ["bin/gonogo.js", "verify", checklist], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, QUICKSTART_URL: url },
});
service.kill("SIGTERM");
await once(service, "exit");

if (verify.status === 1) {
  console.log("\nThe NO-GO is the point of the demo: /api/config leaks a key, and that item is critical.");
  console.log("See examples/quickstart/README.md to fix it and watch the verdict turn GO.");
}
// GO (0) and NO-GO (1) both mean the demo ran; anything else (2: config or input error) is a failure.
process.exitCode = verify.status === 0 || verify.status === 1 ? 0 : (verify.status ?? 1);
