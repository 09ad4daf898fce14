import { relative, sep } from "node:path";
import { GonogoError } from "../core/errors.js";
import { checklistKey, type RunRecord, remoteName } from "../store/index.js";
import { maskUrl } from "./git-source.js";
import type { ServiceConfig } from "./server-config.js";

/** A served service and how the store knows its checklist (the key `gonogo verify` records it under too). */
export interface Service extends ServiceConfig {
  key: string;
}

/** The services of a server config, each with its store key (from git, once, at start). */
export function servicesOf(configs: ServiceConfig[]): Service[] {
  return configs.map((config) => ({ ...config, key: serviceKey(config) }));
}

/** A service from a repository is known as a clone of it would record it: `github.com/acme/orders:LAUNCH.md`. */
function serviceKey(config: ServiceConfig): string {
  if (!config.git) return checklistKey(config.checklistPath);
  const path = relative(config.git.checkout, config.checklistPath).split(sep).join("/");
  return `${remoteName(maskUrl(config.git.url))}:${path}`;
}

/** The service a route names; a not-found error (404) naming the ones there are otherwise. */
export function findService(services: Service[], name: string): Service {
  const service = services.find((s) => s.name === name);
  if (service) return service;
  const known = services.map((s) => s.name).join(", ") || "none: add services to gonogo-server.yml";
  throw new GonogoError("not-found", `no checklist named ${JSON.stringify(name)} (served: ${known})`);
}

/** A run as lists show it: when, by whom, its verdict and scores. */
export interface RunSummary {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  complete: boolean;
  runBy: string;
  gitCommit: string | null;
  verdict: "GO" | "NO-GO" | null;
  verifiedPct: number | null;
  claimedPct: number | null;
  /** Items not ready because a check failed or could not run (fail + error). */
  failing: number | null;
}

export function runSummary(run: RunRecord): RunSummary {
  return {
    id: run.id,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    complete: run.complete,
    runBy: run.runBy,
    gitCommit: run.gitCommit,
    verdict: run.verdict,
    verifiedPct: run.summary?.verifiedPct ?? null,
    claimedPct: run.summary?.claimedPct ?? null,
    failing: run.summary ? run.summary.fail + run.summary.error : null,
  };
}
