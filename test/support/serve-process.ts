import { type ChildProcess, spawn } from "node:child_process";
import { BIN, runCli } from "./run-cli.js";

/** A `gonogo serve` process listening on a free port, as a user starts it. */
export interface ServeProcess {
  /** `http://127.0.0.1:PORT`, read from the listening line. */
  url: string;
  child: ChildProcess;
  /** `fetch` of a path on the server, with no token. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** `fetch` of a path on the server, sending `Authorization: Bearer <token>`. */
  fetchAs(token: string, path: string, init?: RequestInit): Promise<Response>;
  /** What it printed on stderr so far. */
  stderr(): string;
  /** SIGTERM; resolves with its exit code once it has exited. */
  stop(): Promise<number | null>;
}

const LISTENING = /gonogo: serving on (http:\/\/\S+)\n/;

/**
 * Starts `gonogo serve --port 0 ...args` and resolves once `gonogo: serving on http://HOST:PORT`
 * is on stderr; rejects with what it printed if it exits before.
 */
export function startServe(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], {
    ...(options.cwd && { cwd: options.cwd }),
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
      const url = LISTENING.exec(stderr)?.[1];
      if (url === undefined) return;
      child.stderr?.removeAllListeners("data");
      child.stderr?.on("data", (more) => {
        stderr += more;
      });
      resolve({
        url,
        child,
        fetch: (path, init) => fetch(`${url}${path}`, init),
        fetchAs: (token, path, init) => fetch(`${url}${path}`, withToken(token, init)),
        stderr: () => stderr,
        stop: () => {
          if (child.exitCode === null) child.kill("SIGTERM");
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`gonogo serve exited ${code} before listening:\n${stderr}`)));
  });
}

function withToken(token: string, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  return { ...init, headers };
}

/**
 * `gonogo token create --name NAME --role ROLE --store STORE [--signoff-role R ...]`, as an
 * operator makes one: the token it printed.
 */
export async function createToken(
  store: string,
  name: string,
  role: string,
  signoffRoles: string[] = [],
): Promise<string> {
  const roles = signoffRoles.flatMap((r) => ["--signoff-role", r]);
  const created = await runCli([
    "token",
    "create",
    "--name",
    name,
    "--role",
    role,
    "--store",
    store,
    ...roles,
  ]);
  if (created.code !== 0) throw new Error(`gonogo token create exited ${created.code}:\n${created.stderr}`);
  return created.stdout.trim();
}
