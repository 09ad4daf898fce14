import { createHash } from "node:crypto";
import { readFile, realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, relative } from "node:path";
import {
  type Checklist,
  decodeChecklistSource,
  loadChecklist,
  parseChecklist,
  writeTicks,
} from "../../checklist/index.js";
import { writeBackTicks } from "../../checklist/write-back.js";
import { type LoadedConfig, loadConfig } from "../../config/index.js";
import { writeFileAtomic } from "../../core/atomic-write.js";
import type { CheckResult } from "../../core/check-result.js";
import { GonogoError } from "../../core/errors.js";
import { broadWaiverWarnings } from "../../engine/broad-waivers.js";
import { itemOutcomes } from "../../engine/item-outcomes.js";
import { bindPlan, type Plan } from "../../engine/plan.js";
import { createProgress } from "../../engine/progress.js";
import { runPlan } from "../../engine/run-plan.js";
import { createRedactor } from "../../redact/create-redactor.js";
import { renderGithubAnnotations } from "../../report/github-annotations.js";
import { type HistoryPoint, historyFromRuns, renderHtml } from "../../report/html.js";
import { type JsonReport, renderJson, toJsonReport } from "../../report/json.js";
import { renderJunit } from "../../report/junit.js";
import { renderMarkdown } from "../../report/markdown.js";
import { colourWanted, createStyle } from "../../report/style.js";
import { renderText } from "../../report/text.js";
import {
  checklistKey,
  currentUser,
  gitCommit,
  openStore,
  type Signoff,
  type Store,
} from "../../store/index.js";
import { type RunRecorder, startRunRecorder } from "../../store/run-recorder.js";
import { type Assessment, assessChecklist } from "../../verdict/assessment.js";
import { fillSignoffSlots } from "../../verdict/fill-signoff-slots.js";
import { decideVerdict } from "../../verdict/gates.js";
import {
  type AttestationRecord,
  applyManualEvidence,
  type WaiverRecord,
} from "../../verdict/manual-evidence.js";
import { statusChanges } from "../../verdict/regressions.js";
import { bindSignoffGates } from "../../verdict/signoff-gates.js";
import { judgeSignoffs, type SignoffState } from "../../verdict/signoffs.js";
import { assertOutputPath } from "./_output-path.js";

export const FORMATS = ["text", "json", "junit", "markdown", "html"] as const;
type Format = (typeof FORMATS)[number];

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
}

/** `gonogo verify`: runs the bound checks, prints the report and the verdict; 0 GO, 1 NO-GO. */
export async function runVerify(path: string, options: VerifyOptions): Promise<number> {
  const format = parseFormat(options.format);
  const configPath = options.config ?? join(dirname(path), "gonogo.yml");
  if (options.out)
    await assertOutputPath("--out", options.out, [
      { path, what: "the checklist" },
      { path: configPath, what: "the config" },
    ]);
  const checklist = await loadChecklist(path);
  const loaded = await loadConfig(configPath);
  const plan = bindPlan(checklist, loaded);
  bindSignoffGates(checklist, loaded.config, loaded.path);
  warnExpiredWaivers(plan);
  for (const warning of broadWaiverWarnings(plan)) warn(warning);
  const redact = createRedactor(loaded.secrets);
  const session = await openSession(checklist, loaded, options, redact);
  try {
    return await verifyWith(plan, session, format, options);
  } finally {
    await session?.store.close();
  }
}

async function verifyWith(
  plan: Plan,
  session: StoreSession | null,
  format: Format,
  options: VerifyOptions,
): Promise<number> {
  const { checklist } = plan;
  const path = checklist.source.path;
  // Results arrive with secrets masked (runPlan masks them as they leave each check), before
  // anything renders them: escaping in a report format could hide a secret from a pass over the
  // rendered text. The checklist's own text and ids are not touched.
  const { results, interrupted } = await runInterruptibly(plan, session?.recorder, options.progress);
  const outcomes = itemOutcomes(plan, results);
  const manual = session
    ? applyManualEvidence(outcomes.own, outcomes.checks, new Set(checklist.items.map((i) => i.id)), session)
    : undefined;
  const scored = assessChecklist(checklist, manual?.own ?? outcomes.own, outcomes.checks);
  const signoffs = session ? await reviewSignoffs(session, scored, interrupted) : undefined;
  const recorded: Assessment = {
    ...scored,
    ...(manual ? { attestations: manual.attestations } : {}),
    ...(signoffs ? { signoffs } : {}),
  };
  const verdict = decideVerdict(recorded, plan, { interrupted });
  const assessment: Assessment = { ...recorded, verdict, complete: !interrupted, critical: plan.critical };
  const recordLine = session ? await recordOutcome(session, toJsonReport(assessment), interrupted) : null;
  // The HTML report charts readiness over this checklist's stored runs, this one included.
  const history =
    format === "html" && session
      ? historyFromRuns(await session.store.listRuns({ checklist: session.checklist, limit: 50 }))
      : [];
  const report = render(assessment, format, options, history);
  if (options.out) await writeFileAtomic(options.out, report);
  else process.stdout.write(report);
  if (recordLine) warn(recordLine);
  if (process.env.GITHUB_ACTIONS === "true") {
    // Annotations must not corrupt JSON or JUnit on stdout: then they go to stderr, which the runner also reads.
    const machineOutput = !options.out && (format === "json" || format === "junit" || format === "html");
    const stream = machineOutput ? process.stderr : process.stdout;
    stream.write(renderGithubAnnotations(assessment, { file: repoRelative(path) }));
  }

  if (options.write) {
    if (interrupted)
      process.stderr.write(
        "gonogo: --write skipped: the run was interrupted, so its evidence is incomplete\n",
      );
    else
      await writeBack(
        assessment,
        plan.checks.flatMap((c) => c.itemIds),
      );
  }
  assertRecorded(session);
  return assessment.verdict?.verdict === "GO" ? 0 : 1;
}

/**
 * A store named with --store or GONOGO_STORE that could not keep the run (a full disk) fails the
 * command, after the report: the user asked for a record and there is none. The default store
 * beside the checklist is a convenience, and its failure stays a warning.
 */
function assertRecorded(session: StoreSession | null): void {
  const failure = session?.explicit ? session.recorder.failure : null;
  if (session && failure !== null)
    throw new GonogoError("input", `${failure}; run #${session.recorder.runId} was not recorded`);
}

/**
 * Runs the plan; the first Ctrl-C (or SIGTERM) stops the running checks and the report still shows
 * what was measured. A second one exits at once: the command probe's exit hook kills its process groups.
 */
async function runInterruptibly(
  plan: Plan,
  recorder?: RunRecorder,
  progressLines = false,
): Promise<{ results: Map<string, CheckResult>; interrupted: boolean }> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === "SIGINT" ? 130 : 143);
    process.stderr.write(
      `\ngonogo: ${signal}: stopping the running checks and reporting what was measured\n`,
    );
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    // Created once the handlers above are installed: its first line promises that Ctrl-C is handled.
    const progress = createProgress(process.stderr, plan.checks.length, { lines: progressLines });
    const onEvent: typeof progress = (event) => {
      progress(event);
      // Each result is stored as it arrives, so a run killed half way keeps what it measured.
      if (event.type === "end") recorder?.record(event.result);
    };
    const results = await runPlan(plan, { signal: controller.signal, onEvent });
    return { results, interrupted: controller.signal.aborted };
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** GitHub resolves annotation paths from the repository root, which is where a workflow runs. */
function repoRelative(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

function parseFormat(format: string): Format {
  if ((FORMATS as readonly string[]).includes(format)) return format as Format;
  throw new GonogoError(
    "usage",
    `--format ${format}: not a report format (choose one of ${FORMATS.join(", ")})`,
  );
}

function render(
  assessment: Assessment,
  format: Format,
  options: VerifyOptions,
  history: HistoryPoint[],
): string {
  switch (format) {
    case "html":
      return renderHtml(assessment, { history });
    case "json":
      return renderJson(assessment);
    case "junit":
      return renderJunit(assessment);
    case "markdown":
      return renderMarkdown(assessment);
    default: {
      const toFile = options.out !== undefined;
      const style = createStyle(!toFile && colourWanted(process.stdout));
      return renderText(assessment, { style, verbose: options.verbose ?? false });
    }
  }
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
      "write-conflict",
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

/** The store a run is recorded in, with what it holds for this checklist. */
interface StoreSession {
  store: Store;
  /** Named with --store or GONOGO_STORE, rather than the default beside the checklist. */
  explicit: boolean;
  checklist: string;
  recorder: RunRecorder;
  attestations: AttestationRecord[];
  waivers: WaiverRecord[];
  signoffs: Signoff[];
}

const warn = (message: string) => process.stderr.write(`gonogo: ${message}\n`);

/** A waiver past its date counts for nothing: say so, or an item would silently count again. */
function warnExpiredWaivers(plan: Plan): void {
  const text = new Map(plan.checklist.items.map((item) => [item.id, item.text]));
  for (const [itemId, waiver] of plan.waivers) {
    if (waiver.expired)
      warn(
        `waiver of "${text.get(itemId) ?? itemId}" in ${plan.config.path} expired ${waiver.until}: it no longer waives the item`,
      );
  }
}

/**
 * Opens the store and starts recording. A store named with --store or GONOGO_STORE must open
 * (exit 2 otherwise); the default file beside the checklist is a convenience: if it cannot be
 * written (a read-only checkout), the run goes on unrecorded.
 */
async function openSession(
  checklist: Checklist,
  loaded: LoadedConfig,
  options: VerifyOptions,
  redact: <T>(value: T) => T,
): Promise<StoreSession | null> {
  if (options.store === false) return null;
  const path = checklist.source.path;
  const explicit = Boolean(options.store ?? process.env.GONOGO_STORE);
  let store: Store;
  try {
    store = await openStore({ checklistPath: path, ...(options.store ? { store: options.store } : {}) });
  } catch (error) {
    if (explicit) throw error;
    warn(`${(error as Error).message}; this run is not recorded`);
    return null;
  }
  const key = checklistKey(path);
  const [attestations, waivers, signoffs, git, configBytes] = await Promise.all([
    store.listAttestations(key),
    store.listWaivers(key),
    store.listSignoffs(key),
    gitCommit(path),
    readFile(loaded.path),
  ]);
  const recorder = await startRunRecorder(
    store,
    {
      checklist: key,
      checklistSha256: checklist.source.sha256,
      configHash: createHash("sha256").update(configBytes).digest("hex"),
      gitCommit: git && git.dirty === false ? git.commit : null,
      runBy: redact(currentUser()),
      startedAt: new Date().toISOString(),
    },
    // A store named on purpose that cannot keep the run fails the command at the end (assertRecorded), in one line.
    explicit ? () => undefined : warn,
  );
  // An attestation names the run's commit as the source tree it verified: with tracked files
  // changed since, it is not, and the run must not claim it.
  if (git && git.dirty !== false) {
    const why =
      git.dirty === true ? "tracked files differ from" : "git could not tell whether tracked files match";
    warn(
      `${why} commit ${git.commit.slice(0, 12)}: this run is recorded without a commit (commit, then verify, to attest one)`,
    );
  }
  return { store, explicit, checklist: key, recorder, attestations, waivers, signoffs };
}

/** Judges recorded sign-offs against this run; a regression voids one for good (a complete run only). */
async function reviewSignoffs(
  session: StoreSession,
  assessment: Assessment,
  interrupted: boolean,
): Promise<SignoffState[]> {
  const { checklist, statuses } = assessment;
  const runId = session.recorder.runId;
  const { states, voids } = judgeSignoffs(
    session.signoffs,
    checklist.sections,
    checklist.items,
    statuses,
    runId,
    !interrupted,
  );
  const at = new Date().toISOString();
  for (const v of voids) {
    await session.store.voidSignoff(v.id, { at, runId, reason: v.reason, actor: currentUser() });
    const signoff = states.find((s) => s.id === v.id);
    warn(`sign-off of "${signoff?.section}" by ${signoff?.by} (${signoff?.role}) is ${v.reason}`);
  }
  return states;
}

/** Stores the run's report; returns the line saying what regressed since the previous complete run. */
async function recordOutcome(
  session: StoreSession,
  report: JsonReport,
  interrupted: boolean,
): Promise<string | null> {
  const { store, recorder } = session;
  await recorder.finish(report, !interrupted);
  // The recorder said once what failed; "recorded" would now be untrue.
  if (recorder.failure !== null) return null;
  for (const a of report.attestations ?? []) {
    if (a.reason.startsWith("expired"))
      warn(`attestation of "${a.itemText}" by ${a.by} ${a.reason}: not attested`);
  }
  const previous = await store.latestCompleteRun(session.checklist, recorder.runId).catch(() => undefined);
  const regressed = previous?.report
    ? statusChanges(previous.report.items, report.items).filter((c) => c.direction === "regressed")
    : [];
  const changes = regressed.map((c) => `"${c.after.text}" ${c.before.status} → ${c.after.status}`);
  const since = previous ? `; since run #${previous.id}: ` : "";
  const what = previous
    ? changes.length > 0
      ? `${changes.length} regressed: ${changes.join(", ")}`
      : "nothing regressed"
    : "";
  return `run #${recorder.runId} recorded${interrupted ? " (incomplete)" : ""}${since}${what}`;
}
