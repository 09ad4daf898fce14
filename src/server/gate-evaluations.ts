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

interface Entry {
  phase: PhasePlan;
  firstAt: number;
  counters: Record<string, GateCounters>;
  evaluatedAt: Record<string, number>;
  running: boolean;
  usedAt: number;
}

const MAX_ENTRIES = 1000;
const CONFIG_TTL_MS = 5000;

/**
 * The gate verdicts the controller endpoints answer with. Answers come from what is cached and are
 * fast: a request never waits for a check. It starts, in the background, the evaluations whose
 * interval has passed (one at a time per rollout, phase and revision), and folds their results
 * with the same rules as `gonogo rollout` (`verdict/rollout-gates.ts`). The soak counts from the
 * first request for that revision; a new revision starts from nothing. Answering twice changes
 * nothing but the clock.
 */
export function createGateEvaluations(context: ServerContext) {
  const entries = new Map<string, Entry>();
  const configs = new Map<string, { loaded: LoadedConfig; at: number }>();
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

  function evaluate(service: Service, loaded: LoadedConfig, entry: Entry): void {
    const now = context.now().getTime();
    const due = entry.phase.gates.filter((g) => now - (entry.evaluatedAt[g.check] ?? 0) >= g.intervalMs);
    if (entry.running || due.length === 0) return;
    entry.running = true;
    for (const gate of due) entry.evaluatedAt[gate.check] = now;
    const policy = serverPolicy(service, basename(context.config.path));
    void Promise.all(
      due.map(async (gate) => {
        const result = await evaluateGatePolicy(loaded, gate, {
          signal: context.shutdown,
          env: context.env,
          policy,
        });
        const at = context.now().getTime();
        entry.counters[gate.check] = foldGate(
          gate,
          entry.counters[gate.check] ?? NO_COUNTS,
          result.outcome,
          at,
          result.reason,
        );
      }),
    )
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
      let entry = entries.get(key);
      if (entry === undefined) {
        entry = { phase, firstAt: now, counters: {}, evaluatedAt: {}, running: false, usedAt: now };
        remember(key, entry);
      }
      entry.usedAt = now;
      evaluate(service, loaded, entry);
      const soakOver = now - entry.firstAt >= phase.soakMs;
      const verdict = phaseVerdict({ gates: phase.gates, counters: entry.counters }, soakOver);
      const counted = entry.counters;
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
