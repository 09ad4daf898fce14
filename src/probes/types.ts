import type { z } from "zod";

/**
 * A measured quantity with a dimension. Durations are always milliseconds and sizes always bytes,
 * so the expectation language can compare `latency < 0.3s` and `size < 1GB` without asking the probe.
 */
export interface Quantity {
  value: number;
  unit: "ms" | "B";
}

/**
 * One observed value. Plain numbers are dimensionless (a ratio such as a hit rate is 0.93, never 93);
 * a list compares by its length against a number (`missing == 0`) and by membership with `contains`.
 * `null` means the probe looked and found nothing (e.g. no Location header): an expectation on it is
 * an `error`, unless it asks `exists`.
 */
export type Observed = number | string | boolean | string[] | Quantity | null;

export type Observations = Record<string, Observed>;

/**
 * How an observation falls short of the whole it stands for: a body read to `max_body`, a command's
 * last 64 KiB, a count made on what was read. The probe says so; `expect/` then refuses every judgment
 * the unread part could overturn (an absence such as `!contains` above all) and lets stand only the
 * ones what was read settles (`contains` found). One rule for every probe, never a probe's own guess.
 * - `head`: text that is the start of the whole; `tail`: text that is its end.
 * - `at-least`: a number, size or duration measured on what was read; the whole is at least this.
 * - `unknown`: nothing can be said, not even whether it exists (a field of a body that is not JSON).
 */
export interface PartialObservation {
  part: "head" | "tail" | "at-least" | "unknown";
  /** What cut it, for the message: `the body was cut at max_body (1MiB)`. */
  limit: string;
  /** How to see the whole, when there is a way: `raise max_body in the check's http block`. */
  raise?: string;
}

/** Partial observations by the name they are reported under (`body`, `json.data[0].id`). */
export type PartialObservations = Record<string, PartialObservation>;

/**
 * What an observable holds, declared by the probe so expectations are checked at config load time:
 * `latency < 300` is rejected (hint: "300ms?") because `latency` is a duration.
 */
export type ObservableKind = "duration" | "size" | "number" | "string" | "boolean" | "list" | "any";

export interface ObservableSpec {
  kind: ObservableKind;
  description: string;
  /**
   * `path`: the name takes a dotted/bracket path (`json.data[0].id`, `header.content-type`);
   * `call`: the name takes arguments (`quantile(name, 0.95)`, `tables(ai)`).
   */
  form?: "plain" | "path" | "call";
}

/**
 * An observable named in an expectation, parsed once at config load.
 * `json.items[0].id`       -> { name: "json", path: ["items", 0, "id"], args: [] }
 * `quantile(lat, 0.95)`    -> { name: "quantile", path: [], args: ["lat", 0.95] }
 * `text` is the canonical spelling and the key under which the probe reports the value.
 */
export interface ObservableRef {
  text: string;
  name: string;
  path: (string | number)[];
  args: (string | number)[];
}

/** A named place a check points at, from `targets:` in gonogo.yml, with `${VAR}` already resolved. */
export interface Target {
  name: string;
  url?: string;
  path?: string;
  headers?: Record<string, string>;
}

export interface ProbeContext {
  /** Aborted at the check's timeout or on Ctrl-C; a probe must stop its work and free what it holds. */
  signal: AbortSignal;
  /** Timeout in milliseconds for the whole probe run (the engine also abandons a probe that ignores `signal`). */
  timeoutMs: number;
  /** Observables the check's expectations name; a probe computes at least these. */
  requested: ObservableRef[];
  /** All targets of the config, by name. */
  targets: Record<string, Target>;
  /** Directory of gonogo.yml (beside the checklist unless -c names another): relative paths resolve against it. */
  baseDir: string;
  /**
   * Where a long run reports live figures (a load test's req/s, p95 and errors each second). A probe
   * never writes to a terminal itself: whoever runs the check decides what to show. Absent: nobody watches.
   */
  progress?: (progress: ProbeProgress) => void;
  /** The environment child processes (command, k6) run with; the process's own when absent. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * A live report from a running probe: `figures` with a one-line summary (`load 12s/30s · 480 req/s
 * · p95 31ms · 0 errors`) and the numbers it shows, then `done` once, when the live figures end.
 */
export type ProbeProgress =
  | { type: "figures"; line: string; figures: Record<string, number | null> }
  | { type: "done" };

/**
 * What a probe returns: data, never a verdict. A probe that cannot measure (unreachable, timeout,
 * bad response) returns `error` with a message naming the target and the cause, and whatever it
 * did observe; the engine turns that into the check's `error` status.
 */
export interface ProbeResult {
  observations: Observations;
  /** Extra evidence kept in reports: output tails, redirect chains, matched secret kinds (redacted). */
  evidence?: Record<string, unknown>;
  /** Observations that hold only part of what they measure, and why; see PartialObservation. */
  partial?: PartialObservations;
  error?: string;
}

export interface Probe<C = unknown> {
  /** The key users write in a check: `http:`, `tls:`, `command:` ... */
  name: string;
  /** zod schema of the probe's block in gonogo.yml; strict (unknown keys are config errors). */
  configSchema: z.ZodType<C>;
  /**
   * What a `target:` named in this probe's block must have: a `url` (network probes) or a `path`
   * (file probes). The config loader checks it, so a target unfit for its probe stops the run early.
   */
  targetNeeds?: "url" | "path";
  /**
   * Why the target a check names cannot serve this probe (`postgress://` for `sql`), or undefined.
   * The config loader asks, so a mistyped scheme is a config error (exit 2) before anything runs.
   */
  checkTarget?(name: string, target: Target): string | undefined;
  /** Observable names this probe reports, keyed by name (the head of a path or call form). */
  observables: Record<string, ObservableSpec>;
  /**
   * Problems with the observables a check asks for, given its config ("`rows` needs a `query:`"),
   * found when gonogo.yml loads rather than when the check runs. Empty when all is well.
   */
  checkRequested?(config: C, requested: ObservableRef[]): string[];
  /**
   * Set by probes that generate load (`load`, `burst`): the time in ms a run commits to (warm-up +
   * duration + the wait for the last answers). The engine runs such checks one at a time, after the
   * light ones, and raises their timeout to cover this.
   */
  exclusiveMs?(config: C): number;
  run(config: C, ctx: ProbeContext): Promise<ProbeResult>;
}
