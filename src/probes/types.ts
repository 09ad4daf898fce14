import type { z } from "zod";
import type {
  ObservableRef,
  ObservableSpec,
  Observations,
  PartialObservations,
} from "../core/observation.js";
import type { NetworkPolicy } from "../core/probe-policy.js";

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
  /** Addresses the probe may not connect to (a server's policy); absent: any. Probes that connect out honour it. */
  network?: NetworkPolicy;
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

/**
 * A probe's definition: what gonogo.yml may say to it and what it observes, with cheap imports only,
 * so loading and validating a config never loads a driver. The work itself lives in the probe's
 * `runner.ts` (a `ProbeRunner`), imported by `loadRunner` when a check is about to run: see
 * "Adding a probe" in docs/architecture.md.
 */
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
  /**
   * Imports the probe's runner and the drivers it holds: `loadRunner: () => import("./runner.js")`.
   * The engine calls it before a check's clock starts, so loading never eats into a timeout.
   */
  loadRunner(): Promise<ProbeRunner<C>>;
}

/** What a probe's `runner.ts` exports: the measurement, with whatever drivers it needs. */
export interface ProbeRunner<C> {
  run(config: C, ctx: ProbeContext): Promise<ProbeResult>;
}
