import { basename, dirname, resolve } from "node:path";
import { decodeConfigText, type LoadedConfig, parseConfig, readConfigBytes } from "../config/index.js";
import { evaluateGatePolicy } from "../pipeline/evaluate-gate.js";
import {
  foldGate,
  type GateCounters,
  type GateVerdict,
  NO_COUNTS,
  phaseVerdict,
} from "../verdict/rollout-gates.js";
import { type PhasePlan, type RolloutPlan, toRolloutPlan } from "../verdict/rollout-plan.js";
import type { ServerContext } from "./context.js";
import { refreshServiceFiles } from "./service-documents.js";
import type { Service } from "./service-runs.js";
import { serverPolicy } from "./verify-service.js";

/** What a controller is told: the verdict, why, and each gate as it stands. */
export interface GateAnswer {
  verdict: GateVerdict;
  reason: string;
  rollout: string;
  phase: string | null;
  revision: string;
  checks: {
    check: string;
    critical: boolean;
    verdict: string;
    samples: number;
    consecutivePasses: number;
    failures: number;
    last: string;
  }[];
}

/** What the store keeps of a gate's tally: each gate's counters and when it was last evaluated. */
interface GateStateDocument {
  counters: Record<string, GateCounters>;
  evaluatedAt: Record<string, number>;
}

const EMPTY: GateStateDocument = { counters: {}, evaluatedAt: {} };

/** This process's copy of one stored tally, and what it is doing with it. */
interface Entry {
  key: string;
  firstAt: number;
  document: GateStateDocument;
  version: number;
  /** When this copy was read from the store. */
  readAt: number;
  reading: boolean;
  running: boolean;
  usedAt: number;
}

const MAX_ENTRIES = 1000;
const CONFIG_TTL_MS = 5000;
/** How stale this process's copy may be before it reads the store again (in the background). */
const SYNC_MS = 250;
/** Saves that lose a compare-and-set are retried on the fresh state, this many times. */
const SAVE_ATTEMPTS = 5;

/**
 * The gate verdicts the controller endpoints answer with. Answers come from what is cached and are
 * fast: a request never waits for a check. It starts, in the background, the evaluations whose
 * interval has passed, and folds their results with the same rules as `gonogo rollout`
 * (`verdict/rollout-gates.ts`). The tally lives in the store (`gate_states`), so every server
 * process behind a load balancer answers from one soak start and one set of counters: the soak
 * counts from the first request for that revision anywhere, an evaluation is claimed by one process
 * (compare-and-set on the tally's version) and counted once, and a new revision starts from
 * nothing. Each process answers from its own copy, read again when older than `SYNC_MS`.
 * Answering twice changes nothing but the clock.
 */
export function createGateEvaluations(context: ServerContext) {
  const entries = new Map<string, Entry>();
  const configs = new Map<string, { loaded: LoadedConfig; at: number }>();
  const { store } = context;
  const iso = (ms: number) => new Date(ms).toISOString();
  // The plan of each loaded config, made once: a controller polls, the config changes rarely.
  const plans = new WeakMap<LoadedConfig, RolloutPlan>();

  /** The service's config read within the TTL, if any: a polled gate's fast path, no promise. */
  function freshConfig(service: Service): LoadedConfig | undefined {
    const cached = configs.get(service.name);
    if (cached && context.now().getTime() - cached.at < CONFIG_TTL_MS) return cached.loaded;
    return undefined;
  }

  async function loadConfig(service: Service): Promise<LoadedConfig> {
    const now = context.now().getTime();
    await refreshServiceFiles(service);
    const bytes = await readConfigBytes(service.configPath);
    const loaded = parseConfig(service.configPath, decodeConfigText(bytes), { env: context.env });
    configs.set(service.name, { loaded, at: now });
    return loaded;
  }

  async function read(entry: Entry): Promise<void> {
    const now = context.now().getTime();
    // Created by the first read of this process (the first request anywhere starts the soak);
    // after that a plain read, no insert attempt every SYNC_MS.
    const stored =
      entry.version < 0
        ? await store.openGateState(entry.key, { at: iso(now), state: EMPTY })
        : await store.getGateState(entry.key);
    if (stored === undefined || stored.version < entry.version) return;
    entry.firstAt = Date.parse(stored.firstAt);
    entry.document = stored.state as GateStateDocument;
    entry.version = stored.version;
    entry.readAt = now;
  }

  /**
   * Applies `change` to the stored tally, re-reading and re-applying when another process saved
   * first; `change` answers null when, on the fresh state, there is nothing to do. True when saved.
   */
  async function save(entry: Entry, change: (document: GateStateDocument) => GateStateDocument | null) {
    for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      const changed = change(entry.document);
      if (changed === null) return false;
      const at = context.now().getTime();
      if (await store.saveGateState(entry.key, entry.version, { at: iso(at), state: changed })) {
        entry.document = changed;
        entry.version += 1;
        entry.readAt = at;
        return true;
      }
      await read(entry);
    }
    return false;
  }

  function sync(entry: Entry): void {
    if (entry.reading || context.now().getTime() - entry.readAt < SYNC_MS) return;
    entry.reading = true;
    read(entry)
      .catch(() => undefined)
      .finally(() => {
        entry.reading = false;
      });
  }

  async function evaluate(service: Service, loaded: LoadedConfig, entry: Entry, phase: PhasePlan) {
    const dueAt = (document: GateStateDocument, now: number) =>
      phase.gates.filter((g) => now - (document.evaluatedAt[g.check] ?? 0) >= g.intervalMs);
    const now = context.now().getTime();
    const due = dueAt(entry.document, now);
    if (due.length === 0) return;
    // Claimed in the store first: of several processes, one evaluates each due gate.
    const claimed = await save(entry, (document) => {
      const still = dueAt(document, now);
      if (still.length !== due.length) return null;
      const evaluatedAt = { ...document.evaluatedAt };
      for (const gate of due) evaluatedAt[gate.check] = now;
      return { ...document, evaluatedAt };
    });
    if (!claimed) return;
    const policy = serverPolicy(service, basename(context.config.path));
    await Promise.all(
      due.map(async (gate) => {
        const result = await evaluateGatePolicy(loaded, gate, {
          signal: context.shutdown,
          env: context.env,
          policy,
        });
        const at = context.now().getTime();
        await save(entry, (document) => ({
          ...document,
          counters: {
            ...document.counters,
            [gate.check]: foldGate(
              gate,
              document.counters[gate.check] ?? NO_COUNTS,
              result.outcome,
              at,
              result.reason,
            ),
          },
        }));
      }),
    );
  }

  function start(service: Service, loaded: LoadedConfig, entry: Entry, phase: PhasePlan): void {
    if (entry.running) return;
    entry.running = true;
    evaluate(service, loaded, entry, phase)
      .catch(() => undefined)
      .finally(() => {
        entry.running = false;
      });
  }

  function remember(key: string, entry: Entry): void {
    entries.set(key, entry);
    if (entries.size <= MAX_ENTRIES) return;
    const oldest = [...entries.entries()].sort((a, b) => a[1].usedAt - b[1].usedAt)[0];
    if (oldest) entries.delete(oldest[0]);
  }

  /** This process's copy of the tally under `key`: read (or created) in the store the first time. */
  async function entryOf(key: string, now: number): Promise<Entry> {
    const entry: Entry = {
      key,
      firstAt: now,
      document: EMPTY,
      version: -1,
      readAt: 0,
      reading: false,
      running: false,
      usedAt: now,
    };
    await read(entry);
    // Another request for the same key may have read it meanwhile: one copy per key.
    const raced = entries.get(key);
    if (raced !== undefined) return raced;
    remember(key, entry);
    return entry;
  }

  return {
    /** The verdict for a phase of the rollout a service's gonogo.yml describes, at `revision`. */
    async answer(service: Service, phaseName: string | undefined, revision: string): Promise<GateAnswer> {
      const loaded = freshConfig(service) ?? (await loadConfig(service));
      const rollout = loaded.config.rollout;
      const base = { rollout: service.name, revision, checks: [] };
      if (rollout === undefined)
        return {
          ...base,
          phase: phaseName ?? null,
          verdict: "fail",
          reason: `${service.configPath} has no rollout: section`,
        };
      let plan = plans.get(loaded);
      if (plan === undefined) {
        plan = toRolloutPlan(rollout, basename(dirname(resolve(service.configPath))));
        plans.set(loaded, plan);
      }
      const phase = phaseName === undefined ? plan.phases[0] : plan.phases.find((p) => p.name === phaseName);
      if (phase === undefined)
        return {
          ...base,
          phase: phaseName ?? null,
          verdict: "fail",
          reason: `rollout ${service.name} has no phase "${phaseName}" (phases: ${plan.phases.map((p) => p.name).join(", ")})`,
        };
      const key = JSON.stringify([service.name, phase.name, revision]);
      const now = context.now().getTime();
      const entry = entries.get(key) ?? (await entryOf(key, now));
      entry.usedAt = now;
      sync(entry);
      start(service, loaded, entry, phase);
      const soakOver = now - entry.firstAt >= phase.soakMs;
      const verdict = phaseVerdict({ gates: phase.gates, counters: entry.document.counters }, soakOver);
      const counted = entry.document.counters;
      return {
        ...base,
        phase: phase.name,
        verdict: verdict.verdict,
        reason: verdict.reason,
        checks: phase.gates.map((gate) => {
          const c = counted[gate.check] ?? NO_COUNTS;
          return {
            check: gate.check,
            critical: gate.critical,
            verdict: phaseVerdict({ gates: [gate], counters: counted }, true).verdict,
            samples: c.samples,
            consecutivePasses: c.consecutivePasses,
            failures: c.failures,
            last: c.lastReason,
          };
        }),
      };
    },
  };
}

export type GateEvaluations = ReturnType<typeof createGateEvaluations>;
