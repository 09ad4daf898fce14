import type { TargetOverrides } from "../config/index.js";
import type { ProbePolicy } from "../core/probe-policy.js";
import type { TargetLock } from "../core/target-lock.js";
import { bindPlan } from "../engine/plan.js";
import { createRedactor } from "../redact/create-redactor.js";
import { type JsonReport, toJsonReport } from "../report/json.js";
import type { Store } from "../store/index.js";
import type { Assessment } from "../verdict/assessment.js";
import { bindSignoffGates } from "../verdict/signoff-gates.js";
import { assessRun } from "./assess-run.js";
import { createEventSink, type Diagnostic, type VerifyEvent } from "./events.js";
import { finishRecording, type Regressions } from "./finish-recording.js";
import { warnAboutWaivers } from "./plan-warnings.js";
import { runChecks } from "./run-checks.js";
import { type ItemSelection, selectChecks, selectsSome } from "./select-checks.js";
import { readChecklist, readConfig, type Source } from "./sources.js";
import { type GitState, startRecording } from "./start-recording.js";

/** What to verify: the documents, the environment the config reads, and what to narrow or override. */
export interface VerifyInput {
  /** The Markdown checklist. */
  checklist: Source;
  /** gonogo.yml; relative paths in it (files, a command's `cwd`) resolve against its folder. */
  config: Source;
  /** What `${VAR}` in the config reads, and what command and k6 checks run with (the CLI passes its own environment). */
  env: Readonly<Record<string, string | undefined>>;
  /** Fields replacing those of targets the config names (a canary's URL), validated like the file's. */
  targets?: TargetOverrides;
  /** Verify only these items' checks; the run is then recorded incomplete and its verdict is NO-GO. */
  select?: ItemSelection;
  /**
   * How the store knows the checklist (`checklistKey`) and the commit it is checked out at
   * (`gitCommit`); defaults: the checklist's path, no commit. Only a store uses them.
   */
  provenance?: { checklistKey: string; git: GitState | null; jobId?: string };
}

/** Who runs it, where it is recorded, and the ways the caller sees and steers it. */
export interface VerifyContext {
  /** Who ran it: kept with the run and with any sign-off it voids. */
  actor: string;
  /**
   * Where the run, its evidence and voided sign-offs are recorded, and where attestations, waivers
   * and sign-offs are read from; none: nothing is read or recorded. A function is called once the
   * checklist and the config are known good, so a config error never creates a store. The caller
   * closes it.
   */
  store?: Store | null | (() => Promise<Store | null>);
  /** The clock: run times, sign-off voids, and whether waivers and attestations have expired. */
  now?: () => Date;
  /** Aborting stops the running checks; the outcome then shows what was measured (`complete: false`). */
  signal?: AbortSignal;
  /** Told of each step as it happens (see VerifyEvent); must not throw. */
  onEvent?: (event: VerifyEvent) => void;
  /**
   * What checks may not do here: probe kinds refused (a server does not run `command` checks for
   * whoever asks) and addresses refused (cloud metadata). Absent: everything runs, as on a laptop.
   */
  policy?: ProbePolicy;
  /** Held by each load check around its run, keyed by its target, so load tests of several processes never overlap. */
  targetLock?: TargetLock;
}

export interface VerifyOutcome {
  /** The JSON report (schemaVersion 1), as recorded. */
  report: JsonReport;
  /** The checklist as read (its bytes, tick offsets, sign-off slots) with every item's status: what `--write` needs. */
  assessment: Assessment;
  /** False when the run was aborted or narrowed to a selection: not every check ran to the end. */
  complete: boolean;
  /** The recorded run's number; null without a store. */
  runId: number | null;
  /** Why the store could not keep the run (its first failed write); null when it did, or without a store. */
  recordFailure: string | null;
  /** What regressed since the previous complete run; null when the run was not recorded. */
  regressions: Regressions | null;
  /** Every warning and note of the run, in order, as they were also sent as events. */
  diagnostics: Diagnostic[];
  /** The items a check is bound to: the ticks `--write` may set. */
  boundItemIds: string[];
}

/**
 * The one verification every caller runs: reads the checklist and the config, binds the checks,
 * runs them, applies recorded attestations, waivers and sign-offs, decides the verdict and records
 * the run. Config and input problems throw a GonogoError (exit 2) before anything runs; a failing
 * check is a result. Touches nothing of the process: what it needs comes in, what it says goes to
 * `onEvent`.
 *
 * @example
 * const outcome = await verifyChecklist(
 *   { checklist: { path: "launch.md", bytes }, config: { path: "gonogo.yml", bytes: yml }, env: {} },
 *   { actor: "ci", store, signal: AbortSignal.timeout(60_000) },
 * );
 */
export async function verifyChecklist(input: VerifyInput, context: VerifyContext): Promise<VerifyOutcome> {
  const now = context.now ?? (() => new Date());
  const signal = context.signal ?? new AbortController().signal;
  const sink = createEventSink(context.onEvent);
  const checklist = await readChecklist(input.checklist);
  const { loaded, sha256 } = await readConfig(input.config, {
    env: input.env,
    ...(input.targets !== undefined && { targets: input.targets }),
  });
  const plan = bindPlan(checklist, loaded, now());
  bindSignoffGates(checklist, loaded.config, loaded.path);
  const selected = selectsSome(input.select) ? selectChecks(plan, input.select) : null;
  warnAboutWaivers(plan, sink);
  // Results arrive with secrets masked (runPlan masks them as they leave each check); the actor is
  // masked too, should it be one. The checklist's own text and ids are not touched.
  const redact = createRedactor(loaded.secrets);
  const store = typeof context.store === "function" ? await context.store() : (context.store ?? null);
  const recording = store
    ? await startRecording(
        store,
        {
          checklist,
          checklistKey: input.provenance?.checklistKey ?? checklist.source.path,
          configSha256: sha256,
          git: input.provenance?.git ?? null,
          jobId: input.provenance?.jobId ?? null,
          actor: context.actor,
          now,
          redact,
        },
        sink,
      )
    : null;
  const { results, interrupted } = await runChecks(plan, selected?.checks ?? plan.checks, {
    signal,
    env: input.env,
    recorder: recording?.recorder ?? null,
    sink,
    policy: context.policy,
    targetLock: context.targetLock,
  });
  for (const skipped of selected?.skipped ?? []) results.set(skipped.id, skipped);
  const assessment = await assessRun(plan, {
    results,
    interrupted,
    selection: selected?.description ?? null,
    recording,
    actor: context.actor,
    now,
    sink,
  });
  const report = toJsonReport(assessment);
  const regressions = recording
    ? await finishRecording(recording, report, assessment.complete ?? false, sink)
    : null;
  return {
    report,
    assessment,
    complete: assessment.complete ?? false,
    runId: recording?.recorder.runId ?? null,
    recordFailure: recording?.recorder.failure ?? null,
    regressions,
    diagnostics: sink.diagnostics,
    boundItemIds: [...new Set(plan.checks.flatMap((c) => c.itemIds))],
  };
}
