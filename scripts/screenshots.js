// `npm run screenshots`: regenerates docs/screenshots/dashboard-list.png, checklist.png and
// rollout.png. It starts a small local target (with a /metrics the rollout's gate reads), a small
// flag service and `gonogo serve` (dist/) on 127.0.0.1 with three services, records a few runs (one
// regression among them), drives a rollout with `gonogo rollout start` until its gate breaks and
// it rolls back, signs in with a token in Debian's Chromium (playwright-core; no browser is
// downloaded) and photographs the services list, a checklist page and the rollout's page.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "gonogo.js");
const out = join(root, "docs", "screenshots");

const statuses = new Map([
  ["/health", 200],
  ["/budget", 200],
  ["/headers", 200],
  ["/p95", 200],
]);
// The error ratio the rollout's gate reads at /metrics; raised mid-rollout to make it roll back.
let errorRatio = 0.004;
const target = createServer((request, response) => {
  if (request.url === "/metrics") {
    // A little noise, so the gate's values draw a line.
    const ratio = errorRatio * (0.8 + Math.random() * 0.4);
    response.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
    response.end(`# TYPE app_error_ratio gauge\napp_error_ratio ${ratio.toFixed(4)}\n`);
    return;
  }
  response.writeHead(statuses.get(request.url ?? "") ?? 404).end("ok");
});
await new Promise((resolve) => target.listen(0, "127.0.0.1", resolve));
const targetUrl = `http://127.0.0.1:${target.address().port}`;

// A feature-flag service: PUT sets a flag's rollout percentage, GET reads it back.
const flags = new Map();
const flagService = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => {
    body += chunk;
  });
  request.on("end", () => {
    if (request.method === "PUT") flags.set(request.url, Number(JSON.parse(body).percentage));
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ percentage: flags.get(request.url) ?? 0 }));
  });
});
await new Promise((resolve) => flagService.listen(0, "127.0.0.1", resolve));
const flagUrl = `http://127.0.0.1:${flagService.address().port}/api/flags/orders`;

const dir = mkdtempSync(join(tmpdir(), "gonogo-screenshots-"));
const write = (path, text) => {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), text);
};
write(
  "orders/LAUNCH.md",
  `# Orders API launch

## Reliability
- [x] Health endpoint answers 200
- [x] Error budget endpoint answers 200
- [ ] p95 latency endpoint answers 200

## Security
- [ ] Security headers endpoint answers 200
- [ ] Penetration test report reviewed

**Sign-off (Security Lead):** ____
`,
);
write(
  "orders/gonogo.yml",
  `version: 1
targets:
  api: { url: "\${ORDERS_URL}" }
checks:
  health: { item: Health endpoint answers 200, http: { target: api, path: /health }, expect: [status == 200] }
  budget: { item: Error budget endpoint answers 200, http: { target: api, path: /budget }, expect: [status == 200] }
  p95: { item: p95 latency endpoint answers 200, http: { target: api, path: /p95 }, expect: [status == 200] }
  headers: { item: Security headers endpoint answers 200, http: { target: api, path: /headers }, expect: [status == 200] }
  error-ratio: { item: Error budget endpoint answers 200, metrics: { target: api }, expect: ["value(app_error_ratio) < 0.05"] }
manual:
  - Penetration test report reviewed
gates:
  overall: 80%
  signoffs: { "Security": ["Security Lead"] }
rollout:
  defaults: { interval: 150ms, minSamples: 3, consecutivePasses: 3 }
  phases:
    - { name: canary, weight: 10, soak: 1s, gates: [ error-ratio ] }
    - { name: half, weight: 50, soak: 30s, gates: [ { check: error-ratio, critical: true } ] }
    - { name: full, weight: 100, soak: 1s, gates: [ error-ratio ] }
  traffic:
    set: { http: { method: PUT, url: "${flagUrl}", body: '{"percentage": {{weight}}}' } }
    read: { http: { method: GET, url: "${flagUrl}", field: percentage } }
`,
);
write("search/LAUNCH.md", "# Search launch\n\n## Index\n- [x] Index built\n- [x] Relevance reviewed\n");
write("search/gonogo.yml", "version: 1\nchecks: {}\n");
write("billing/LAUNCH.md", "# Billing launch\n\n## Ledger\n- [ ] Ledger reconciled\n");
write("billing/gonogo.yml", "version: 1\nchecks: {}\n");
write(
  "gonogo-server.yml",
  [
    "services:",
    "  - { name: orders-api, checklist: orders/LAUNCH.md, owner: payments }",
    "  - { name: search, checklist: search/LAUNCH.md, owner: discovery }",
    "  - { name: billing, checklist: billing/LAUNCH.md, owner: finance }",
    "",
  ].join("\n"),
);
const store = join(dir, "runs.db");

function cli(args) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`gonogo ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

const viewer = cli([
  "token",
  "create",
  "--name",
  "ana.diaz",
  "--role",
  "approver",
  "--signoff-role",
  "Security Lead",
  "--store",
  store,
]);
const runner = cli(["token", "create", "--name", "ci", "--role", "runner", "--store", store]);

const serve = spawn(process.execPath, [bin, "serve", "--port", "0", "--store", store], {
  cwd: dir,
  env: { ...process.env, NO_COLOR: "1", ORDERS_URL: targetUrl },
  stdio: ["ignore", "ignore", "pipe"],
});
const url = await new Promise((resolve, reject) => {
  let stderr = "";
  serve.stderr.on("data", (chunk) => {
    stderr += chunk;
    const found = /gonogo: serving on (http:\/\/\S+)\n/.exec(stderr)?.[1];
    if (found) resolve(found);
  });
  serve.on("close", (code) => reject(new Error(`gonogo serve exited ${code}:\n${stderr}`)));
});

/**
 * `gonogo rollout start` on orders: canary passes, half soaks a while, then the error ratio rises
 * past the gate and the rollout rolls back by itself (the command exits 1).
 */
async function rollOutUntilItBreaks() {
  const rollout = spawn(
    process.execPath,
    [bin, "rollout", "start", "orders/gonogo.yml", "--store", store, "--revision", "v2.4.1"],
    {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", ORDERS_URL: targetUrl },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  const exited = new Promise((resolve) => rollout.on("close", resolve));
  await new Promise((resolve, reject) => {
    rollout.stderr.on("data", (chunk) => {
      stderr += chunk;
      const afterHalf = stderr.split("soak of half starts")[1] ?? "";
      if ((afterHalf.match(/gate error-ratio: pass/g) ?? []).length >= 6) resolve();
    });
    exited.then(() => reject(new Error(`gonogo rollout start exited early:\n${stderr}`)));
  });
  errorRatio = 0.2;
  const code = await exited;
  if (code !== 1) throw new Error(`gonogo rollout start: exit ${code}, expected a rollback:\n${stderr}`);
}

async function verify(service) {
  const response = await fetch(`${url}/api/v1/checklists/${service}/runs`, {
    method: "POST",
    headers: { authorization: `Bearer ${runner}` },
  });
  if (response.status !== 201)
    throw new Error(`verify ${service}: ${response.status} ${await response.text()}`);
}

try {
  // A short history: ready, then the p95 endpoint and the error budget break.
  for (const step of [{}, {}, { "/p95": 500 }, { "/p95": 500, "/budget": 503 }]) {
    for (const [path, status] of Object.entries(step)) statuses.set(path, status);
    await verify("orders-api");
  }
  await verify("search");
  await verify("search");
  await rollOutUntilItBreaks();

  const browser = await chromium.launch({
    executablePath: process.env.GONOGO_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1120, height: 640 } });
    await page.goto(`${url}/sign-in`);
    await page.fill('input[name="token"]', viewer);
    await Promise.all([page.waitForURL(`${url}/`), page.click('button[type="submit"]')]);
    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: join(out, "dashboard-list.png"), fullPage: true });
    await page.goto(`${url}/checklists/orders-api`);
    await page.screenshot({ path: join(out, "checklist.png"), fullPage: true });
    await page.goto(`${url}/rollouts/orders`);
    // The page down to the timeline chart; the event table below it is long.
    const chart = await page.locator("#timeline").boundingBox();
    await page.setViewportSize({
      width: 1120,
      height: Math.ceil((chart?.y ?? 0) + (chart?.height ?? 640) + 24),
    });
    await page.screenshot({ path: join(out, "rollout.png") });
    process.stderr.write(`wrote dashboard-list.png, checklist.png and rollout.png in ${out}\n`);
  } finally {
    await browser.close();
  }
} finally {
  serve.kill("SIGTERM");
  target.close();
  flagService.close();
}
