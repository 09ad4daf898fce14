import type { ObservableRef } from "../../src/core/observation.js";
import type { ProbeContext, Target } from "../../src/probes/types.js";

/**
 * `json.data[0].id` -> { name: "json", path: ["data", 0, "id"] }. Enough of the expectation
 * language's ref syntax for probe tests, which must not depend on src/expect.
 */
export function observableRef(text: string): ObservableRef {
  const [name = "", ...rest] = text.split(".");
  const path = rest
    .join(".")
    .split(/\.|(?=\[)/)
    .filter((step) => step !== "")
    .map((step) => (/^\[\d+\]$/.test(step) ? Number(step.slice(1, -1)) : step));
  // `header.content-type`: a header name is one step even if it contained dots.
  return { text, name, path: name === "header" ? [rest.join(".")] : path, args: [] };
}

export interface ContextOptions {
  timeoutMs?: number;
  requested?: string[];
  targets?: Record<string, Omit<Target, "name">>;
  baseDir?: string;
  signal?: AbortSignal;
}

/** A ProbeContext as the engine would pass it; the signal fires at the timeout as the engine's does. */
export function probeContext(options: ContextOptions = {}): ProbeContext {
  const timeoutMs = options.timeoutMs ?? 2000;
  const targets = Object.fromEntries(
    Object.entries(options.targets ?? {}).map(([name, target]) => [name, { name, ...target }]),
  );
  return {
    signal: options.signal ?? AbortSignal.timeout(timeoutMs),
    timeoutMs,
    requested: (options.requested ?? []).map(observableRef),
    targets,
    baseDir: options.baseDir ?? process.cwd(),
  };
}
