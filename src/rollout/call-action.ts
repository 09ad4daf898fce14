import { spawn } from "node:child_process";
import type { ReadBack, RolloutAction } from "../config/index.js";
import type { Redactor } from "../redact/create-redactor.js";

/** What an action answered, as the timeline keeps it (secrets masked, the body cut short). */
export interface ActionResponse {
  ok: boolean;
  /** HTTP status, or the command's exit code. */
  status: number | null;
  body: string;
  error?: string;
  durationMs: number;
}

const MAX_BODY = 1000;

/** `{{weight}}` (and `{{ weight }}`) in a URL, body or command: the weight being set. */
export function fillWeight(text: string, weight: number): string {
  return text.replace(/\{\{\s*weight\s*\}\}/g, String(weight));
}

/**
 * Calls a traffic, read-back or escalation action: an HTTP request or a shell command (`sh -c`,
 * so users write what they would type). Written here rather than reusing a probe: probes measure
 * and never change anything, while these calls change where traffic goes. A failure is a value.
 */
export async function callAction(
  action: RolloutAction | ReadBack,
  vars: { weight: number; reason?: string },
  options: { redact: Redactor; signal?: AbortSignal; env?: Readonly<Record<string, string | undefined>> },
): Promise<ActionResponse> {
  const started = performance.now();
  const done = (r: Omit<ActionResponse, "durationMs">): ActionResponse => ({
    ...r,
    body: options.redact(r.body).slice(0, MAX_BODY),
    ...(r.error !== undefined && { error: options.redact(r.error) }),
    durationMs: Math.round(performance.now() - started),
  });
  if ("http" in action) {
    const http = action.http;
    const signal = AbortSignal.any([
      AbortSignal.timeout(http.timeout),
      ...(options.signal ? [options.signal] : []),
    ]);
    try {
      const response = await fetch(fillWeight(http.url, vars.weight), {
        method: http.method,
        headers: { "content-type": "application/json", ...http.headers },
        ...(http.body !== undefined && http.method !== "GET" && { body: fillWeight(http.body, vars.weight) }),
        signal,
      });
      const body = await response.text();
      return done({ ok: response.ok, status: response.status, body });
    } catch (error) {
      return done({
        ok: false,
        status: null,
        body: "",
        error: `${http.method} ${http.url}: ${(error as Error).message}`,
      });
    }
  }
  return runCommand(fillWeight(action.command.run, vars.weight), action.command.timeout, vars, options).then(
    done,
  );
}

function runCommand(
  run: string,
  timeoutMs: number,
  vars: { weight: number; reason?: string },
  options: { signal?: AbortSignal; env?: Readonly<Record<string, string | undefined>> },
): Promise<Omit<ActionResponse, "durationMs">> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", run], {
      env: {
        ...(options.env ?? process.env),
        GONOGO_WEIGHT: String(vars.weight),
        GONOGO_REASON: vars.reason ?? "",
      },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: timeoutMs,
      ...(options.signal !== undefined && { signal: options.signal }),
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (out.length < MAX_BODY * 4) out += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (err.length < MAX_BODY * 4) err += chunk.toString("utf8");
    });
    child.on("error", (error) =>
      resolve({ ok: false, status: null, body: out, error: `${run}: ${error.message}` }),
    );
    child.on("close", (code, signal) => {
      if (code === 0) resolve({ ok: true, status: 0, body: out });
      else
        resolve({
          ok: false,
          status: code,
          body: out,
          error: `${run}: ${signal ? `killed by ${signal}` : `exit ${code}`}${err.trim() ? `: ${err.trim().slice(-300)}` : ""}`,
        });
    });
  });
}

/** The weight a read-back answered: a number in the JSON body at `field`, or the whole body. */
export function weightIn(response: ActionResponse, field: string | undefined): number | { error: string } {
  if (!response.ok) return { error: response.error ?? `status ${response.status}` };
  let value: unknown = response.body.trim();
  if (field !== undefined) {
    try {
      value = field
        .split(".")
        .reduce<unknown>(
          (v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
          JSON.parse(response.body),
        );
    } catch {
      return { error: `the read-back body is not JSON: ${response.body.slice(0, 80)}` };
    }
  }
  const weight =
    typeof value === "number"
      ? value
      : typeof value === "string" && value !== ""
        ? Number(value)
        : Number.NaN;
  if (!Number.isFinite(weight))
    return {
      error: `no weight${field ? ` at ${field}` : ""} in the read-back: ${response.body.slice(0, 80)}`,
    };
  return weight;
}
