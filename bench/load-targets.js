// The fixed local targets of bench/load.js: nginx serving a small file (or node:http where nginx is
// absent), and a node server whose whole process freezes 200ms every second.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const STALLING_SERVER = fileURLToPath(new URL("./stalling-server.cjs", import.meta.url));

export const have = (command) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;

/** `taskset -c <core>` in front of a command when taskset exists. */
export function pinned(core, command, args) {
  return have("taskset") ? ["taskset", ["-c", String(core), command, ...args]] : [command, args];
}

async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUp(url) {
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(50);
  }
  throw new Error(`target ${url} did not come up`);
}

const NODE_TARGET = `require("node:http").createServer((q, s) => s.end("hello from the bench target\\n"))
  .listen(Number(process.env.PORT), "127.0.0.1");`;

/** nginx (one worker) on `core`, or node:http when nginx is not installed. */
export async function startFixedTarget(core) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  if (!have("nginx")) {
    const [cmd, args] = pinned(core, process.execPath, ["-e", NODE_TARGET]);
    const child = spawn(cmd, args, { env: { ...process.env, PORT: String(port) }, stdio: "inherit" });
    await waitUp(url);
    return { name: "node:http (nginx absent)", url, stop: () => child.kill() };
  }
  const dir = mkdtempSync(join(tmpdir(), "gonogo-bench-nginx-"));
  mkdirSync(join(dir, "www"));
  writeFileSync(join(dir, "www", "index.html"), "hello from the bench target\n");
  writeFileSync(
    join(dir, "nginx.conf"),
    `daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; client_body_temp_path ${dir};
  proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server { listen 127.0.0.1:${port}; root ${dir}/www; } }`,
  );
  const [cmd, args] = pinned(core, "nginx", ["-c", join(dir, "nginx.conf"), "-p", dir]);
  const child = spawn(cmd, args, { stdio: "inherit" });
  await waitUp(url);
  return { name: "nginx (1 worker)", url, stop: () => child.kill() };
}

/** The stalling server of the load probe's tests, on `core`. */
export async function startStallingTarget(core) {
  const port = await freePort();
  const [cmd, args] = pinned(core, process.execPath, [STALLING_SERVER, "200"]);
  const child = spawn(cmd, args, { env: { ...process.env, PORT: String(port) }, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/`;
  await waitUp(url);
  return { name: "node, frozen 200ms every second", url, stop: () => child.kill() };
}
