import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import type { Deadline } from "../shared/deadline.js";
import type { DatabaseSpec } from "./database-url.js";
import type { SqlOutcome, SqlPlan } from "./plan.js";
import type { SqliteReply, SqliteRequest } from "./sqlite-protocol.js";

// The child sits beside this file: sqlite-child.ts under the tests, sqlite-child.js once built.
const CHILD = new URL(`./sqlite-child${path.extname(new URL(import.meta.url).pathname)}`, import.meta.url);
const STDERR_TAIL = 2000;

/**
 * Runs the plan in a child process, because better-sqlite3 is synchronous: a runaway query (a
 * recursive CTE that never ends) blocks the thread that runs it, and neither a timer nor a worker's
 * `terminate()` can stop native code. A process can be killed, so the deadline holds.
 * The file is opened `readonly` unless the check says otherwise; either way the transaction is rolled back.
 */
export async function runSql(spec: DatabaseSpec, plan: SqlPlan, deadline: Deadline): Promise<SqlOutcome> {
  const child = fork(CHILD, {
    serialization: "advanced",
    execArgv: [],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
  });
  const onAbort = () => child.kill("SIGKILL");
  deadline.signal.addEventListener("abort", onAbort, { once: true });
  try {
    const reply = await exchange(child, requestFor(spec, plan), () => stderr);
    if (reply.ok) return reply.outcome;
    throw Object.assign(new Error(reply.message), { code: reply.code });
  } finally {
    deadline.signal.removeEventListener("abort", onAbort);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

function requestFor(spec: DatabaseSpec, plan: SqlPlan): SqliteRequest {
  return {
    file: spec.location,
    readOnly: plan.readOnly,
    busyTimeoutMs: plan.timeoutMs,
    query: plan.query,
    // SQLite has no boolean: true and false are stored and compared as 1 and 0.
    params: plan.params.map((param) => (typeof param === "boolean" ? Number(param) : param)),
    catalog: plan.catalog,
  };
}

function exchange(child: ChildProcess, request: SqliteRequest, stderr: () => string): Promise<SqliteReply> {
  return new Promise((resolve, reject) => {
    child.once("message", (reply) => resolve(reply as SqliteReply));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      const tail = stderr().trim();
      reject(new Error(`the SQLite process ended (${signal ?? `exit ${code}`})${tail ? `: ${tail}` : ""}`));
    });
    child.send(request);
  });
}
