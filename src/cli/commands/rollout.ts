import { createHash, randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { decodeConfigText, type LoadedConfig, parseConfig, readConfigBytes } from "../../config/index.js";
import { writeFileAtomic } from "../../core/atomic-write.js";
import { GonogoError } from "../../core/errors.js";
import {
  type PersonCommand,
  recordRolloutCommand,
  rollbacksOf,
  rolloutSummary,
} from "../../pipeline/rollout-command.js";
import { toRolloutView } from "../../pipeline/rollout-view.js";
import { describeEntry } from "../../report/rollout-entry.js";
import { renderRolloutHtml } from "../../report/rollout-html.js";
import { type DriverDocument, driveRollout } from "../../rollout/driver.js";
import { isTerminal, type RolloutState } from "../../rollout/machine.js";
import {
  currentUser,
  openStore,
  type RolloutEventRecord,
  type Store,
  type StoredRollout,
} from "../../store/index.js";
import { type RolloutPlan, toRolloutPlan } from "../../verdict/rollout-plan.js";
import { createInterrupt } from "./_interrupt.js";
import { assertOutputPath } from "./_output-path.js";
import { formatDuration, withStore } from "./_store.js";

export interface RolloutOptions {
  store?: string;
  revision?: string;
  by?: string;
  json?: boolean;
  /** status: text, json or html. */
  format?: string;
  /** status: write the output to this file (atomically) instead of stdout. */
  out?: string;
  lease?: string;
}

export type { PersonCommand };

interface Rollout {
  loaded: LoadedConfig;
  plan: RolloutPlan;
  configSha256: string;
}

/** `<checklist-or-config>`: a gonogo.yml itself, or a checklist with gonogo.yml beside it. */
function configPathOf(target: string): string {
  return /\.ya?ml$/i.test(target) ? target : join(dirname(target), "gonogo.yml");
}

async function loadRollout(target: string): Promise<Rollout> {
  const path = configPathOf(target);
  const bytes = await readConfigBytes(path);
  const loaded = parseConfig(path, decodeConfigText(bytes), { env: process.env });
  const rollout = loaded.config.rollout;
  if (rollout === undefined)
    throw new GonogoError("config", `${path}: no rollout: section`, [
      "add rollout: with phases, gates and traffic (see docs/rollouts.md)",
    ]);
  const plan = toRolloutPlan(rollout, basename(dirname(resolve(path))));
  return { loaded, plan, configSha256: createHash("sha256").update(bytes).digest("hex") };
}

function open(target: string, options: RolloutOptions): Promise<Store> {
  return openStore({
    ...(options.store ? { store: options.store } : {}),
    checklistPath: configPathOf(target),
  });
}

const owner = () => `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

function leaseMs(options: RolloutOptions): number {
  const seconds = options.lease === undefined ? 30 : Number(options.lease);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new GonogoError("usage", `--lease ${options.lease}: a number of seconds, more than 0`);
  return seconds * 1000;
}

function exitCodeOf(state: RolloutState): number {
  return state.status === "succeeded" ? 0 : 1;
}

const stamp = () => new Date().toISOString().slice(11, 23);

/** `gonogo rollout start`: drives the rollout in the foreground until it succeeds, rolls back or escalates. */
export async function runRolloutStart(target: string, options: RolloutOptions): Promise<number> {
  const rollout = await loadRollout(target);
  const store = await open(target, options);
  const interrupt = createInterrupt();
  return withStore(store, async () => {
    interrupt.listen();
    try {
      const state = await driveRollout({
        store,
        loaded: rollout.loaded,
        plan: rollout.plan,
        revision: options.revision ?? rollout.configSha256.slice(0, 12),
        owner: owner(),
        leaseMs: leaseMs(options),
        signal: interrupt.signal,
        env: process.env,
        onNote: (line) => process.stderr.write(`${stamp()} ${line}\n`),
      });
      process.stderr.write(
        `rollout ${rollout.plan.name}: ${state.status}${state.reason ? `: ${state.reason}` : ""}\n`,
      );
      if (interrupt.signal.aborted) return 130;
      return exitCodeOf(state);
    } finally {
      interrupt.stop();
    }
  });
}

/**
 * `gonogo rollout promote|pause|resume|abort`: records the command for the process driving the
 * rollout; when none holds the lease, applies it here and takes the actions it asks for (an abort
 * rolls back and waits for the safe weight to be read back).
 */
export async function runRolloutCommand(
  command: PersonCommand,
  target: string,
  options: RolloutOptions,
): Promise<number> {
  const rollout = await loadRollout(target);
  const store = await open(target, options);
  return withStore(store, async () => {
    const { rollout: stored, driven } = await recordRolloutCommand(store, rollout.plan.name, command, {
      by: options.by ?? currentUser(),
      at: new Date(),
      hint: `start it: gonogo rollout start ${target}`,
    });
    const doc = stored.state as DriverDocument;
    if (driven) {
      process.stderr.write(
        `${command} recorded for ${stored.leaseOwner}, which drives ${rollout.plan.name}\n`,
      );
      return 0;
    }
    const state = await driveRollout({
      store,
      loaded: rollout.loaded,
      plan: rollout.plan,
      revision: doc.machine.revision,
      owner: owner(),
      leaseMs: leaseMs(options),
      signal: new AbortController().signal,
      env: process.env,
      until: "settled",
      onNote: (line) => process.stderr.write(`${stamp()} ${line}\n`),
    });
    process.stderr.write(
      `rollout ${rollout.plan.name}: ${state.status}${state.reason ? `: ${state.reason}` : ""}\n`,
    );
    if (!isTerminal(state.status))
      process.stderr.write(`no process drives it: run gonogo rollout start ${target} to go on\n`);
    return 0;
  });
}

/** What `gonogo rollout status --format` writes. */
const STATUS_FORMATS = ["text", "json", "html"] as const;
type StatusFormat = (typeof STATUS_FORMATS)[number];

function statusFormat(options: RolloutOptions): StatusFormat {
  const named = options.format ?? (options.json ? "json" : "text");
  if (options.json && named !== "json")
    throw new GonogoError("usage", `--json and --format ${named}: choose one (--json is --format json)`);
  if ((STATUS_FORMATS as readonly string[]).includes(named)) return named as StatusFormat;
  throw new GonogoError("usage", `--format ${named}: choose one of ${STATUS_FORMATS.join(", ")}`);
}

/**
 * `gonogo rollout status`: where the rollout stands and its timeline, every rollback's
 * breach-to-safe time; as text, JSON, or the HTML report with the timeline chart the dashboard
 * shows; `--out FILE` writes it there (atomically) instead of stdout.
 */
export async function runRolloutStatus(target: string, options: RolloutOptions): Promise<number> {
  const format = statusFormat(options);
  if (options.out)
    await assertOutputPath("--out", options.out, [{ path: configPathOf(target), what: "the config" }]);
  const rollout = await loadRollout(target);
  const store = await open(target, options);
  return withStore(store, async () => {
    const stored = await store.getRollout(rollout.plan.name);
    if (stored === undefined)
      throw new GonogoError("not-found", `no rollout ${rollout.plan.name} in ${store.location}`);
    const events = await store.listRolloutEvents(rollout.plan.name);
    const rendered = STATUS_RENDERERS[format](rollout.plan, stored, events);
    if (options.out) await writeFileAtomic(options.out, rendered);
    else process.stdout.write(rendered);
    return 0;
  });
}

type StatusRenderer = (plan: RolloutPlan, stored: StoredRollout, events: RolloutEventRecord[]) => string;

const STATUS_RENDERERS: Record<StatusFormat, StatusRenderer> = {
  json: (plan, stored, events) => {
    const { phaseIndex: _index, updatedAt: _updated, ...summary } = rolloutSummary(stored);
    const state = (stored.state as DriverDocument).machine;
    return `${JSON.stringify(
      {
        ...summary,
        name: plan.name,
        phase: plan.phases[state.phase]?.name ?? null,
        rollbacks: rollbacksOf(events),
        timeline: events.map((e) => ({ at: e.at, kind: e.kind, key: e.key, detail: e.detail })),
      },
      null,
      2,
    )}\n`;
  },
  html: (plan, stored, events) => {
    const view = toRolloutView(stored, events);
    const state = (stored.state as DriverDocument).machine;
    return renderRolloutHtml({ ...view, phase: plan.phases[state.phase]?.name ?? view.phase });
  },
  text: (plan, stored, events) => {
    const state = (stored.state as DriverDocument).machine;
    const lines = [
      `rollout ${plan.name} (revision ${state.revision}): ${state.status}`,
      `  phase ${plan.phases[state.phase]?.name ?? "-"}, weight wanted ${state.wantedWeight}, read back ${state.readWeight ?? "-"}`,
      ...(state.reason ? [`  ${state.reason}`] : []),
      ...rollbacksOf(events).map(
        (r) =>
          `  rollback at ${r.at}: breach to safe weight read back in ${formatDuration(r.breachToSafeMs)}`,
      ),
      "timeline:",
      ...events.map(timelineLine),
    ];
    return `${lines.join("\n")}\n`;
  },
};

function timelineLine(event: RolloutEventRecord): string {
  return `  ${event.at}  ${describeEntry(event.kind, event.detail)}`;
}
