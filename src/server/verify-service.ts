import { readChecklistBytes } from "../checklist/source.js";
import { readConfigBytes } from "../config/load-config.js";
import { GonogoError } from "../core/errors.js";
import { type ProbePolicy, refuseLinkLocal } from "../core/probe-policy.js";
import type { TargetLock } from "../core/target-lock.js";
import type { Notifier } from "../notify/index.js";
import { type VerifyOutcome, verifyChecklist } from "../pipeline/index.js";
import { gitCommit, type Store } from "../store/index.js";
import { withFreshCheckout } from "./git-source.js";
import type { Service } from "./service-runs.js";

/** Probe kinds that run a program on the server's machine. */
const COMMAND_PROBES = ["command", "k6"] as const;

/**
 * What a service's checks may not do on the server: run programs (`command`, `k6`) unless it sets
 * `allow_commands: true`, reach link-local addresses (cloud metadata) unless `allow_link_local: true`.
 * Whoever can edit a checklist's gonogo.yml must not thereby run code or read credentials here.
 */
export function serverPolicy(service: Service, configFile: string): ProbePolicy {
  const refused = (kind: string) =>
    `not run: gonogo serve does not run ${kind} checks unless service "${service.name}" sets allow_commands: true in ${configFile}`;
  return {
    ...(!service.allowCommands && {
      refusedProbes: Object.fromEntries(COMMAND_PROBES.map((kind) => [kind, refused(kind)])),
    }),
    ...(!service.allowLinkLocal && {
      network: refuseLinkLocal(
        `refused in server mode: link-local and cloud metadata addresses are not reached unless service "${service.name}" sets allow_link_local: true in ${configFile}`,
      ),
    }),
  };
}

export interface ServerRunContext {
  store: Store;
  /** What `${VAR}` in gonogo.yml reads and what allowed commands run with: the server's environment, given explicitly. */
  env: Readonly<Record<string, string | undefined>>;
  /** The server config's file name, for the policy's messages. */
  configFile: string;
  signal: AbortSignal;
  now: () => Date;
  /** Who the run is recorded as run by: the API token that asked for it (`token:ci`). */
  actor: string;
  /** Told of each recorded run; notifies in the background (never delays or fails the run). */
  notifier?: Notifier;
  /** The job the run is made for (recorded with it: one complete run per job). */
  jobId?: string;
  /** Held by load checks around their run (see src/jobs/). */
  targetLock?: TargetLock;
}

/** A service's run, recorded: what the server answers a POST with. */
export interface ServerRun extends VerifyOutcome {
  runId: number;
}

/**
 * Verifies a service now, from its files as they are on the server's disk (or fetched from its
 * repository at its ref, `git:`), through the one
 * pipeline, and records the run. A run the store could not keep is an `unavailable` error (503).
 */
export async function verifyService(service: Service, context: ServerRunContext): Promise<ServerRun> {
  const { git } = service;
  if (git === null) return verifyAt(service, context, await gitCommit(service.checklistPath));
  // Fetched first, each time: the run records the commit whose files it read.
  return withFreshCheckout(service.name, git, (commit) =>
    verifyAt(service, context, { commit, dirty: false }),
  );
}

async function verifyAt(
  service: Service,
  context: ServerRunContext,
  git: Awaited<ReturnType<typeof gitCommit>>,
): Promise<ServerRun> {
  const outcome = await verifyChecklist(
    {
      checklist: { path: service.checklistPath, bytes: () => readChecklistBytes(service.checklistPath) },
      config: { path: service.configPath, bytes: () => readConfigBytes(service.configPath) },
      env: context.env,
      provenance: {
        checklistKey: service.key,
        git,
        ...(context.jobId !== undefined && { jobId: context.jobId }),
      },
    },
    {
      actor: context.actor,
      store: context.store,
      now: context.now,
      signal: context.signal,
      policy: serverPolicy(service, context.configFile),
      ...(context.targetLock !== undefined && { targetLock: context.targetLock }),
    },
  );
  if (outcome.runId === null || outcome.recordFailure !== null)
    throw new GonogoError(
      "unavailable",
      `the run of ${service.name} could not be recorded: ${outcome.recordFailure ?? "no run id"}`,
    );
  const run = { ...outcome, runId: outcome.runId };
  context.notifier?.runRecorded(service, run);
  return run;
}
