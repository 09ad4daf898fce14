import { createHash } from "node:crypto";
import { readFile, realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, relative } from "node:path";
import {
  type Checklist,
  decodeChecklistSource,
  parseChecklist,
  readChecklistBytes,
  writeTicks,
} from "../../checklist/index.js";
import { writeBackTicks } from "../../checklist/write-back.js";
import { readConfigBytes } from "../../config/index.js";
import { writeFileAtomic } from "../../core/atomic-write.js";
import { GonogoError } from "../../core/errors.js";
import { type VerifyOutcome, verifyChecklist } from "../../pipeline/index.js";
import { type Format, parseFormat, renderReport } from "../../report/formats.js";
import { renderGithubAnnotations } from "../../report/github-annotations.js";
import { type HistoryPoint, historyFromRuns } from "../../report/html.js";
import type { JsonReport } from "../../report/json.js";
import { colourWanted, createStyle } from "../../report/style.js";
import { checklistKey, currentUser, gitCommit, openStore, type Store } from "../../store/index.js";
import type { Assessment } from "../../verdict/assessment.js";
import { fillSignoffSlots } from "../../verdict/fill-signoff-slots.js";
import type { SignoffState } from "../../verdict/signoffs.js";
import { createInterrupt } from "./_interrupt.js";
import { assertOutputPath } from "./_output-path.js";
import { type PushTarget, pushReport, pushTarget, shownUrl } from "./_push-report.js";
import { printVerifyEvents, warn } from "./_verify-stderr.js";

export interface VerifyOptions {
  config?: string;
  format: string;
  out?: string;
  write?: boolean;
  verbose?: boolean;
  /** `--store LOCATION` (SQLite file or postgres:// URL); false with `--no-store`. */
  store?: string | false;
  /** `--progress`: a line on stderr as each check starts and ends, on a terminal or not. */
  progress?: boolean;
  /** `--push URL`: the service's URL on a readiness service (`https://host/api/v1/checklists/orders-api`). */
  push?: string;
  /** `--token`: the API token `--push` sends (default $GONOGO_TOKEN); never printed. */
  token?: string;
}

/** `gonogo verify`: runs the bound checks, prints the report and the verdict; 0 GO, 1 NO-GO. */
export async function runVerify(path: string, options: VerifyOptions): Promise<number> {
  const format = parseFormat(options.format);
  const push = pushTargetOf(options);
  const configPath = options.config ?? join(dirname(path), "gonogo.yml");
  if (options.out)
    await assertOutputPath("--out", options.out, [
      { path, what: "the checklist" },
      { path: configPath, what: "the config" },
    ]);
  const recording = options.store !== false;
  // Named with --store or GONOGO_STORE, rather than the default beside the checklist.
  const explicit = recording && Boolean(options.store ?? process.env.GONOGO_STORE);
  const provenance = recording ? { checklistKey: checklistKey(path), git: await gitCommit(path) } : undefined;
  // Opened by the pipeline once the checklist and config are known good; closed here, after the report.
  const opened: { store: Store | null } = { store: null };
  const interrupt = createInterrupt();
  try {
    const outcome = await verifyChecklist(
      {
        checklist: { path, bytes: () => readChecklistBytes(path) },
        config: { path: configPath, bytes: () => readConfigBytes(configPath) },
        env: process.env,
        ...(provenance && { provenance }),
      },
      {
        actor: currentUser(),
        store: async () => {
          opened.store = recording ? await openRunStore(path, options, explicit) : null;
          return opened.store;
        },
        signal: interrupt.signal,
        onEvent: printVerifyEvents({
          lines: options.progress ?? false,
          quietRecordFailure: explicit,
          onChecksStarted: interrupt.listen,
          onChecksFinished: interrupt.stop,
        }),
      },
    );
    const recorded = { store: opened.store, checklist: provenance?.checklistKey ?? path, explicit };
    const code = await showOutcome(outcome, recorded, format, options);
    if (push) await pushOutcome(push, outcome.report);
    return code;
  } finally {
    interrupt.stop();
    await opened.store?.close();
  }
}

/** `--push` and its token, checked before anything runs; `--token` alone is a usage error. */
function pushTargetOf(options: VerifyOptions): PushTarget | null {
  if (options.push === undefined) {
    if (options.token !== undefined) throw new GonogoError("usage", "--token goes with --push URL");
    return null;
  }
  return pushTarget(options.push, options.token, process.env);
}

/** Sends the report to the readiness service; a push that fails fails the command (exit 2). */
async function pushOutcome(push: PushTarget, report: JsonReport): Promise<void> {
  const runId = await pushReport(push, report);
  warn(`pushed the report to ${shownUrl(push.service)}: run #${runId}`);
}

/** The store a run was recorded in, and how the checklist is known there. */
interface RunStore {
  store: Store | null;
  checklist: string;
  /** Named with --store or GONOGO_STORE: a run it could not keep fails the command. */
  explicit: boolean;
}

/** Prints the report, the record line and annotations, writes ticks back; the exit code. */
async function showOutcome(
  outcome: VerifyOutcome,
  recorded: RunStore,
  format: Format,
  options: VerifyOptions,
): Promise<number> {
  const { assessment } = outcome;
  const path = assessment.checklist.source.path;
  // The HTML report charts readiness over this checklist's stored runs, this one included.
  const history =
    format === "html" && recorded.store
      ? historyFromRuns(await recorded.store.listRuns({ checklist: recorded.checklist, limit: 50 }))
      : [];
  const rendered = render(outcome.report, format, options, history);
  if (options.out) await writeFileAtomic(options.out, rendered);
  else process.stdout.write(rendered);
  for (const line of outcome.diagnostics) if (line.kind === "run-recorded") warn(line.message);
  if (process.env.GITHUB_ACTIONS === "true") {
    // Annotations must not corrupt JSON or JUnit on stdout: then they go to stderr, which the runner also reads.
    const machineOutput = !options.out && (format === "json" || format === "junit" || format === "html");
    const stream = machineOutput ? process.stderr : process.stdout;
    stream.write(renderGithubAnnotations(outcome.report, { file: repoRelative(path) }));
  }

  if (options.write) {
    if (!outcome.complete)
      process.stderr.write(
        "gonogo: --write skipped: the run was interrupted, so its evidence is incomplete\n",
      );
    else await writeBack(assessment, outcome.boundItemIds);
  }
  assertRecorded(outcome, recorded.explicit);
  return assessment.verdict?.verdict === "GO" ? 0 : 1;
}

/**
 * A store named with --store or GONOGO_STORE that could not keep the run (a full disk) fails the
 * command, after the report: the user asked for a record and there is none. The default store
 * beside the checklist is a convenience, and its failure stays a warning.
 */
function assertRecorded(outcome: VerifyOutcome, explicit: boolean): void {
  if (explicit && outcome.recordFailure !== null)
    throw new GonogoError("unavailable", `${outcome.recordFailure}; run #${outcome.runId} was not recorded`);
}

/**
 * Opens the store the run is recorded in. A store named with --store or GONOGO_STORE must open
 * (exit 2 otherwise); the default file beside the checklist is a convenience: if it cannot be
 * written (a read-only checkout), the run goes on unrecorded.
 */
async function openRunStore(path: string, options: VerifyOptions, explicit: boolean): Promise<Store | null> {
  try {
    return await openStore({ checklistPath: path, ...(options.store ? { store: options.store } : {}) });
  } catch (error) {
    if (explicit) throw error;
    warn(`${(error as Error).message}; this run is not recorded`);
    return null;
  }
}

/** GitHub resolves annotation paths from the repository root, which is where a workflow runs. */
function repoRelative(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

function render(report: JsonReport, format: Format, options: VerifyOptions, history: HistoryPoint[]): string {
  const style = createStyle(options.out === undefined && colourWanted(process.stdout));
  return renderReport(format, report, { style, verbose: options.verbose ?? false, history });
}

/** Bound items take the tick their evidence earned: pass/attested ticked, fail/error unticked. */
async function writeBack(assessment: Assessment, boundItemIds: string[]): Promise<void> {
  const wanted = new Map<string, boolean>();
  for (const id of new Set(boundItemIds)) {
    const status = assessment.statuses.get(id);
    if (status === "pass" || status === "attested") wanted.set(id, true);
    if (status === "fail" || status === "error") wanted.set(id, false);
  }
  const signed = await writeBackWithSignoffs(assessment.checklist, wanted, assessment.signoffs ?? []);
  if (signed) return;
  const changed = await writeBackTicks(assessment.checklist, wanted);
  process.stderr.write(
    `gonogo: --write: ${changed} tick${changed === 1 ? "" : "s"} updated in ${assessment.checklist.source.path}\n`,
  );
}

/**
 * With valid sign-offs for blank slots: fills the slots, then sets the ticks, in one atomic write.
 * The filled bytes are parsed again so tick offsets after a filled slot stay exact. Returns false
 * (nothing done) when no slot is to be filled.
 */
async function writeBackWithSignoffs(
  checklist: Checklist,
  wanted: Map<string, boolean>,
  signoffs: SignoffState[],
): Promise<boolean> {
  const path = await realpath(checklist.source.path);
  const current = new Uint8Array(await readFile(path));
  const { bytes, filled } = fillSignoffSlots(checklist, current, signoffs);
  if (filled === 0) return false;
  if (createHash("sha256").update(current).digest("hex") !== checklist.source.sha256) {
    throw new GonogoError(
      "conflict",
      `${path}: changed since gonogo read it; not written (run verify again)`,
    );
  }
  const refilled = parseChecklist(decodeChecklistSource(checklist.source.path, bytes));
  const changes = refilled.items
    .filter((item) => item.tick !== null && wanted.has(item.id) && wanted.get(item.id) !== item.checked)
    .map((item) => ({ item, checked: wanted.get(item.id) as boolean }));
  await writeFileAtomic(path, changes.length > 0 ? writeTicks(bytes, changes) : bytes);
  const ticks = `${changes.length} tick${changes.length === 1 ? "" : "s"}`;
  process.stderr.write(
    `gonogo: --write: ${ticks} updated, ${filled} sign-off slot${filled === 1 ? "" : "s"} filled in ${checklist.source.path}\n`,
  );
  return true;
}
